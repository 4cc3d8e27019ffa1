"""The actor registry as data: integrity of the built-in files, UCDP coverage, user files (``--actors``)."""

from __future__ import annotations

import csv
import json
import pickle
import re
import subprocess
import sys
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import get_args

import pytest
import yaml

from ceasefire import pipeline
from ceasefire.config import ExtractConfig
from ceasefire.entities.actor_rules import load_rules
from ceasefire.entities.actors import actor_model, find_actors
from ceasefire.entities.registry import KINDS, actor_for_name, builtin_registry, load_registry
from ceasefire.errors import CeasefireError
from ceasefire.models import ActorKind
from ceasefire.nlp import phrases
from ceasefire.nlp.lexicons import data_dir
from ceasefire.nlp.pipeline import make_nlp
from ceasefire.store import Store
from ceasefire.types import RawDocument
from tests.conftest import REPO, SHARED

GED = SHARED / "corpus" / "ucdp-ged-pakistan" / "ged_pakistan.csv"
# ISO 3166-1 alpha-3 codes (country_converter's table: current and former states)
ISO3 = frozenset(
    row["ISO3"]
    for row in csv.DictReader(
        (resources.files("country_converter") / "country_data.tsv").read_text(encoding="utf-8").splitlines(),
        delimiter="\t",
    )
)
ID = re.compile(r"[a-z][a-z0-9_]*")


def registry_files() -> list[tuple[str, list[dict[str, object]]]]:
    folder = data_dir("actors")
    files = sorted((p for p in folder.iterdir() if p.name.endswith(".yaml")), key=lambda p: p.name)
    return [(p.name, yaml.safe_load(p.read_text(encoding="utf-8"))["actors"]) for p in files]


def match_key(name: str) -> str:
    """How the phrase matcher compares a name: exact for single tokens and acronyms, else lower-cased."""
    doc = make_nlp().make_doc(name)
    return name if phrases.is_case_sensitive(len(doc), name) else " ".join(t.lower_ for t in doc)


# ----------------------------------------------------------------------------- integrity


@pytest.mark.parametrize("minimum", [300])
def test_actor_registry_is_large_and_organised_by_file(minimum: int) -> None:
    files = registry_files()
    assert sum(len(rows) for _, rows in files) >= minimum
    assert {"ttp.yaml", "baloch.yaml", "kashmir.yaml", "afghanistan.yaml", "india.yaml", "media.yaml"} <= {
        name for name, _ in files
    }


def test_actor_registry_ids_are_unique_across_files() -> None:
    counts = Counter(str(row["id"]) for _, rows in registry_files() for row in rows)
    assert [i for i, n in counts.items() if n > 1] == []
    assert all(ID.fullmatch(i) for i in counts)


def test_actor_registry_kinds_and_countries_are_valid() -> None:
    assert set(KINDS) == set(get_args(ActorKind))
    for record in builtin_registry().values():
        assert record.kind in KINDS, record.id
        assert record.country is None or record.country in ISO3, record.id
        assert set(record.countries) <= ISO3, record.id
        assert record.name.strip() and all(a.strip() for a in record.aliases), record.id


def test_actor_registry_parents_exist_without_cycles() -> None:
    registry = builtin_registry()
    for record in registry.values():
        seen = {record.id}
        parent = record.parent
        while parent is not None:
            assert parent in registry, f"{record.id}: unknown parent {parent}"
            assert parent not in seen, f"{record.id}: parent cycle"
            seen.add(parent)
            parent = registry[parent].parent


def test_actor_registry_no_alias_names_two_actors_unless_declared_ambiguous() -> None:
    """As the matcher sees names (with hyphen/space variants); ambiguous forms go to context rules."""
    ambiguous = load_rules().ambiguous_forms
    owners: dict[str, set[str]] = {}
    for record in builtin_registry().values():
        for name in record.text_names:
            for variant in phrases.spelling_variants(name):
                owners.setdefault(match_key(variant), set()).add(record.id)
    clashes = {key: ids for key, ids in owners.items() if len(ids) > 1 and key not in ambiguous}
    assert clashes == {}


def test_actor_registry_rules_name_known_actors() -> None:
    registry = builtin_registry()
    rules = load_rules()
    named = {actor for country in rules.countries for actor in country.roles.values()}
    for rule in rules.ambiguous:
        named |= {rule.default, *rule.by_country.values(), *rule.when_document_mentions.values()}
        named |= {
            actor for table in (rule.sentence_cues, rule.before_cues, rule.after_cues) for actor, _ in table
        }
    assert named - set(registry) == set()


def test_actor_registry_covers_every_ucdp_ged_side() -> None:
    assert GED.is_file(), f"missing {GED}"
    with GED.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[1:]  # line 2 is the HXL hashtag row
    sides = {row[key] for row in rows for key in ("side_a", "side_b")}
    registry = builtin_registry()
    assert len(sides) > 60
    assert sorted(s for s in sides if actor_for_name(s, registry, country="PAK") is None) == []


@pytest.mark.parametrize(
    "side,actor",
    [
        ("TTP", "ttp"),
        ("Taleban", "afg_taliban"),
        ("Government of India", "ind_gov"),
        ("Baloch Ittehad", "baloch_ittehad"),
        ("TTP-KM", "ttp_sajna"),
        ("IS", "islamic_state"),
        ("Lashkhar of Wazir tribe", "lashkar_wazir"),
    ],
)
def test_actor_registry_ucdp_names_resolve_to_the_right_actor(side: str, actor: str) -> None:
    assert actor_for_name(side, builtin_registry()) == actor


@pytest.mark.parametrize("word", ["IS", "Turi", "Jatoi", "Civilian"])
def test_actor_registry_ucdp_names_that_are_common_words_are_not_matched_in_text(word: str) -> None:
    doc = make_nlp()(f"{word} said the matter was closed.")
    assert find_actors(doc).mentions == []


# ----------------------------------------------------------------------------- user files


@pytest.fixture
def user_file(tmp_path: Path) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "actors:\n"
        "  - {id: kurram_peace_committee, name: Kurram Peace Committee, kind: organisation, country: PAK,\n"
        "     aliases: [KPC]}\n"
        "  - {id: ttp, aliases: [Tehreek Taliban-e-Pakistan]}\n"
        "  - {id: noor_wali_mehsud, name: Mufti Noor Wali}\n"
        "  - {id: jui_s, aliases: [JUI]}\n",
        encoding="utf-8",
    )
    return path


def names_in(text: str, config: ExtractConfig) -> list[tuple[str, str]]:
    doc = make_nlp()(text)
    return [(doc[m.start : m.end].text, m.actor) for m in find_actors(doc, config=config).mentions]


def test_actor_registry_user_file_adds_and_overrides(user_file: Path) -> None:
    config = ExtractConfig(actor_files=(str(user_file),))
    found = names_in("The KPC met Tehreek Taliban-e-Pakistan envoys, Noor Wali Mehsud and the JUI.", config)
    assert ("KPC", "kurram_peace_committee") in found
    assert ("Tehreek Taliban-e-Pakistan", "ttp") in found
    assert ("Noor Wali Mehsud", "noor_wali_mehsud") in found  # the old name stays an alias
    assert ("JUI", "jui_s") in found  # a user's alias is taken from the built-in owner
    records = load_registry(config.actor_files)
    assert records["noor_wali_mehsud"].name == "Mufti Noor Wali"
    assert "JUI" not in records["jui_f"].aliases
    assert names_in("The KPC met the JUI.", ExtractConfig()) == [("JUI", "jui_f")]


def test_actor_registry_later_user_file_wins(user_file: Path, tmp_path: Path) -> None:
    second = tmp_path / "second.yaml"
    second.write_text(
        "actors:\n  - {id: kurram_peace_committee, name: Kurram Aman Committee}\n", encoding="utf-8"
    )
    records = load_registry((str(user_file), str(second)))
    assert records["kurram_peace_committee"].name == "Kurram Aman Committee"
    assert "Kurram Peace Committee" in records["kurram_peace_committee"].aliases


@pytest.mark.parametrize(
    "content,reason",
    [
        ("actors:\n  - {id: x, name: [unclosed\n", "line 3"),
        ("actors: 3\n", "'actors:' list"),
        ("- just a list\n", "'actors:' list"),
        ("actors:\n  - {id: x, name: X, kind: militia}\n", "kind 'militia'"),
        ("actors:\n  - {id: x, name: X, kind: armed_group, parent: nobody}\n", "unknown parent 'nobody'"),
        ("actors:\n  - {id: x, kind: armed_group}\n", "needs name"),
        ("actors:\n  - {id: x, name: X, kind: state, country: Pakistan}\n", "ISO alpha-3"),
        ("actors:\n  - {id: x, name: X, kind: state, colour: red}\n", "unknown field"),
        ("actors:\n  - {name: X, kind: state}\n", "without an 'id'"),
        ("actors:\n  - {id: x, name: X, kind: state, countries: [Pakistan]}\n", "ISO alpha-3"),
        ("actors:\n  - {id: x, name: X, kind: state, ucdp_id: one}\n", "ucdp_id must be an integer"),
        ("actors:\n  - {id: x, name: X, kind: armed_group, alliances: [nobody]}\n", "unknown linked actor"),
        ("actors:\n  - {id: x, name: X, kind: armed_group, name_in_text: no way}\n", "name_in_text"),
        ("actors:\n  - {id: x, name: X, kind: armed_group, wing: armed}\n", "wing must be true or false"),
    ],
)
def test_actor_registry_bad_user_file_is_one_line_error_naming_it(
    tmp_path: Path, content: str, reason: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CeasefireError) as caught:
        load_registry((str(path),))
    message = str(caught.value)
    assert str(path) in message and reason in message and "\n" not in message


def test_actor_registry_user_file_takes_the_ucdp_fields(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "actors:\n"
        "  - {id: kdf, name: Kivu Defence Front, kind: armed_group, country: COD, countries: [COD, RWA],\n"
        "     full_name: Front de défense du Kivu, former_names: [Kivu Front], splinter_of: [m23],\n"
        "     alliances: [afc], name_in_text: false, aliases: [KDF]}\n",
        encoding="utf-8",
    )
    config = ExtractConfig(actor_files=(str(path),))
    record = load_registry(config.actor_files)["kdf"]
    assert record.countries == ("COD", "RWA") and record.splinter_of == ("m23",)
    assert actor_for_name("Kivu Front", load_registry(config.actor_files)) == "kdf"
    assert names_in("The KDF and the Kivu Defence Front met.", config) == [("KDF", "kdf")]


def test_actor_registry_missing_user_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CeasefireError, match="cannot read"):
        pipeline.check_config(ExtractConfig(actor_files=(str(tmp_path / "none.yaml"),)))


def test_actor_registry_models_are_cached_per_config(user_file: Path) -> None:
    files = (str(user_file),)
    assert actor_model(files) is actor_model(files)
    assert actor_model(files) is not actor_model(())
    config = ExtractConfig(actor_files=files)
    assert pickle.loads(pickle.dumps(config)) == config  # workers receive it


def test_actor_registry_user_actors_reach_workers(user_file: Path, tmp_path: Path, db_url: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(f"The KPC met elders in Parachinar on day {n}.\n", encoding="utf-8")
    config = ExtractConfig(actor_files=(str(user_file),))
    with Store(db_url) as store:
        summary = pipeline.ingest([str(folder)], store, workers=2, config=config, batch_size=2)
        actors = {a.id for a in store.actors()}
    assert summary.new == 3 and "kurram_peace_committee" in actors


def test_actor_registry_process_uses_config(user_file: Path) -> None:
    raw = RawDocument(source="t", text="The KPC called for calm.")
    config = ExtractConfig(actor_files=(str(user_file),))
    assert [a.id for a in pipeline.process(raw, config=config).actors] == ["kurram_peace_committee"]
    assert pipeline.process(raw).actors == []


# ----------------------------------------------------------------------------- CLI


def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("ceasefire")
    return subprocess.run([str(exe), *args], input=stdin, capture_output=True, text=True, timeout=300)


def test_actor_registry_cli_extract_and_ingest_take_actors(user_file: Path, tmp_path: Path) -> None:
    text = "The KPC met the Tehreek Taliban-e-Pakistan delegation in Parachinar.\n"
    done = cli("extract", "-", "--actors", str(user_file), stdin=text)
    assert done.returncode == 0, done.stderr
    assert {"kurram_peace_committee", "ttp"} <= {a["id"] for a in json.loads(done.stdout)["actors"]}
    article = tmp_path / "a.txt"
    article.write_text(text, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'c.db'}"
    assert cli("ingest", str(article), "--db", db, "--actors", str(user_file)).returncode == 0
    exported = json.loads(cli("export", "--db", db).stdout)
    assert "kurram_peace_committee" in {a["id"] for a in exported["actors"]}


@pytest.mark.parametrize("command", [["extract", "-"], ["ingest", "-"], ["classify"]])
def test_actor_registry_cli_bad_actor_file_fails_in_one_line(command: list[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - {id: x, name: [unclosed\n", encoding="utf-8")
    done = cli(*command, "--actors", str(bad), stdin="The TTP said so.\n")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"error: actor file {bad}: line 3: expected ',' or ']', but got '<stream end>'"
    ]


def test_actor_registry_cli_actors_option_repeats(user_file: Path, tmp_path: Path) -> None:
    second = tmp_path / "second.yaml"
    second.write_text(
        "actors:\n  - {id: kurram_peace_committee, name: Kurram Aman Committee}\n", encoding="utf-8"
    )
    done = cli("extract", "-", "--actors", str(user_file), "--actors", str(second), stdin="The KPC met.\n")
    names = {a["id"]: a["name"] for a in json.loads(done.stdout)["actors"]}
    assert names == {"kurram_peace_committee": "Kurram Aman Committee"}


def test_actor_registry_readme_documents_the_actors_option() -> None:
    assert "--actors" in (REPO / "README.md").read_text(encoding="utf-8")
