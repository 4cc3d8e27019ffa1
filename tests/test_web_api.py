"""The REST API over real HTTP, against a running server on a real store (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from ceasefire.store import Store
from ceasefire.web.app import Settings, create_app
from tests.webserver import HOSTILE_TITLE, MARKER, fill, serving

_counter = iter(range(1_000_000))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def filled_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store with the articles, 400 UCDP headlines and a hostile article, once per backend."""
    tmp = tmp_path_factory.mktemp("web")
    if request.param == "sqlite":
        url = f"sqlite:///{tmp / 'web.db'}"
    else:
        import psycopg
        from psycopg import sql

        server = request.getfixturevalue("postgres_url")
        name = f"web{next(_counter)}"
        with psycopg.connect(server.replace("postgresql+psycopg", "postgresql"), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        url = server.rsplit("/", 1)[0] + "/" + name
    with Store(url) as store:
        fill(store, tmp)
    return url


@pytest.fixture(scope="module")
def base(filled_url: str) -> Iterator[str]:
    with Store(filled_url) as store, serving(create_app(store=store)) as url:
        yield url


@pytest.fixture(scope="module")
def client(base: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base, timeout=30) as c:
        yield c


def test_web_api_health_counts_the_store(client: httpx.Client) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok"
    assert body["counts"]["documents"] >= 300 and body["counts"]["events"] > 100


def test_web_api_events_page_through_everything_once(client: httpx.Client) -> None:
    first = client.get("/api/events", params={"limit": 100}).json()
    seen: list[str] = []
    offset = 0
    while offset < first["total"]:
        page = client.get("/api/events", params={"limit": 100, "offset": offset}).json()
        seen += [e["id"] for e in page["items"]]
        offset += 100
    assert len(seen) == len(set(seen)) == first["total"]


def test_web_api_event_filters_narrow_and_agree(client: httpx.Client) -> None:
    bombings = client.get("/api/events", params={"type": "bombing", "limit": 500}).json()
    assert bombings["total"] > 0 and all(e["type"] == "bombing" for e in bombings["items"])
    both = client.get("/api/events", params=[("type", "bombing"), ("type", "attack"), ("limit", 1)]).json()
    attacks = client.get("/api/events", params={"type": "attack", "limit": 1}).json()
    assert both["total"] == bombings["total"] + attacks["total"]
    ttp = client.get("/api/events", params={"actor": "ttp", "limit": 500}).json()
    assert ttp["total"] > 0
    assert all(any("ttp" in ids for ids in e["actors"].values()) for e in ttp["items"])
    ranged = client.get("/api/events", params={"since": "2000", "until": "2005-12", "limit": 500}).json()
    assert ranged["total"] > 0
    assert all(
        (e["date"]["end"] or e["date"]["start"]) >= "2000" and e["date"]["start"] <= "2005-12-31"
        for e in ranged["items"]
    )


def test_web_api_event_detail_and_unknown_ids(client: httpx.Client) -> None:
    some = client.get("/api/events", params={"limit": 1}).json()["items"][0]
    assert client.get(f"/api/events/{some['id']}").json() == some
    assert client.get("/api/events/no-such-event").status_code == 404
    assert client.get("/api/documents/no-such-doc").status_code == 404
    assert client.get("/api/ceasefires/no-such").status_code == 404
    assert client.get("/api/actors/no-such").status_code == 404


def test_web_api_document_spans_point_into_its_text(client: httpx.Client) -> None:
    docs = client.get("/api/documents", params={"limit": 20}).json()["items"]
    checked = 0
    for item in docs:
        detail = client.get(f"/api/documents/{item['id']}").json()
        text = detail["document"]["text"]
        for span in detail["spans"]:
            assert 0 <= span["start"] < span["end"] <= len(text)
        for event in detail["events"]:
            for ev in event["evidence"]:
                if ev["doc"] == item["id"]:
                    assert text[ev["start"] : ev["end"]] == ev["text"]
                    checked += 1
    assert checked > 0


def test_web_api_csv_downloads_read_back(client: httpx.Client) -> None:
    response = client.get("/api/events", params={"format": "csv", "limit": 25})
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    page = client.get("/api/events", params={"limit": 25}).json()
    assert [r["id"] for r in rows] == [e["id"] for e in page["items"]]
    registry = list(csv.DictReader(io.StringIO(client.get("/api/ceasefires", params={"format": "csv"}).text)))
    assert len(registry) == len(client.get("/api/ceasefires").json())
    actors = list(csv.DictReader(io.StringIO(client.get("/api/actors", params={"format": "csv"}).text)))
    assert actors and "id" in actors[0]


def test_web_api_search_finds_documents_and_events(client: httpx.Client) -> None:
    found = client.get("/api/search", params={"q": "ceasefire"}).json()
    assert found["documents"]["total"] > 0 and found["events"]["total"] > 0
    for e in found["events"]["items"]:
        assert any(re.search(r"cease-?fire", ev["text"], re.I) for ev in e["evidence"])
    nothing = client.get("/api/search", params={"q": "zzzqqqxxyy"}).json()
    assert nothing["documents"]["total"] == nothing["events"]["total"] == 0


def test_web_api_registry_and_episode(client: httpx.Client) -> None:
    registry = client.get("/api/ceasefires").json()
    assert registry, "the articles hold ceasefire episodes"
    detail = client.get(f"/api/ceasefires/{registry[0]['id']}").json()
    assert detail["ceasefire"] == registry[0]
    assert [e["id"] for e in detail["events"]] == registry[0]["events"]


def test_web_api_actor_detail(client: httpx.Client) -> None:
    ttp = client.get("/api/actors/ttp").json()
    assert ttp["actor"]["name"] == "Tehreek-e-Taliban Pakistan"
    assert ttp["events"] == client.get("/api/events", params={"actor": "ttp", "limit": 1}).json()["total"]
    assert sum(m["events"] for m in ttp["months"]) <= ttp["events"]
    listed = client.get("/api/actors", params={"q": "taliban"}).json()
    assert "ttp" in [a["id"] for a in listed["items"]]


def test_web_api_extract_does_not_store(client: httpx.Client) -> None:
    before = client.get("/api/health").json()["counts"]["documents"]
    body = {"text": "The TTP announced a month-long ceasefire on 9 November 2021.", "published": "2021-11-20"}
    export = client.post("/api/extract", json=body).json()
    assert [e["type"] for e in export["events"]] == ["ceasefire_declare"]
    assert export["ceasefires"][0]["expected_end"]["start"] == "2021-12-08"
    assert client.get("/api/health").json()["counts"]["documents"] == before


@pytest.mark.parametrize(
    "params",
    [
        {"since": "2021-13-45x"},
        {"type": "not_a_type"},
        {"limit": 0},
        {"limit": 100000},
        {"offset": -1},
        {"format": "xml"},
        {"actor": "ttp' OR '1'='1"},
    ],
)
def test_web_api_bad_parameters_are_422(client: httpx.Client, params: dict[str, str | int]) -> None:
    assert client.get("/api/events", params=params).status_code == 422


@pytest.mark.parametrize(
    "q",
    [
        "' OR 1=1 --",
        '"; DROP TABLE events; --',
        'ceasefire" OR "1',
        "NEAR(a b)",
        "*",
        "a AND",
        "%_\\",
        "' UNION SELECT",
    ],
)
def test_web_api_injection_strings_are_just_words(client: httpx.Client, q: str) -> None:
    response = client.get("/api/search", params={"q": q})
    assert response.status_code == 200, response.text
    assert client.get("/api/events", params={"q": q}).status_code == 200
    assert client.get("/api/actors", params={"q": q}).status_code == 200
    assert client.get("/api/health").json()["counts"]["events"] > 0  # nothing dropped


def test_web_api_security_headers_and_no_writes(client: httpx.Client) -> None:
    response = client.get("/api/health")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    refused = client.post("/api/documents", json={"text": "The TTP declared a ceasefire."})
    assert refused.status_code == 403


def test_web_api_pages_escape_article_text(client: httpx.Client) -> None:
    hits = client.get("/api/search", params={"q": MARKER}).json()["documents"]["items"]
    assert hits, "the hostile article is stored"
    page = client.get(f"/documents/{hits[0]['id']}").text
    assert "<script>window.__xss" not in page and 'onerror="window' not in page
    assert "&lt;script&gt;window.__xss" in page
    listing = client.get("/documents", params={"q": MARKER}).text
    assert "<img src=x" not in listing and HOSTILE_TITLE not in listing


def test_web_api_static_files_refuse_traversal(client: httpx.Client) -> None:
    for path in ["/static/../app.py", "/static/..%2fapp.py", "/static/%2e%2e/%2e%2e/pyproject.toml"]:
        assert client.get(path).status_code == 404
    assert client.get("/static/app.css").status_code == 200


def test_web_api_openapi_describes_the_api(client: httpx.Client) -> None:
    schema = client.get("/openapi.json").json()
    assert {
        "/api/events",
        "/api/documents",
        "/api/ceasefires",
        "/api/actors",
        "/api/search",
        "/api/extract",
    } <= set(schema["paths"])


def test_web_api_writes_need_the_token(filled_url: str) -> None:
    settings = Settings(allow_write=True, token="s3cret", max_body=20_000)
    with (
        Store(filled_url) as store,
        serving(create_app(store=store, settings=settings)) as base,
        httpx.Client(base_url=base, timeout=30) as c,
    ):
        article = {"text": "The TTP and Pakistan agreed to extend the ceasefire on 1 December 2021."}
        assert c.post("/api/documents", json=article).status_code == 403
        bad = c.post("/api/documents", json=article, headers={"Authorization": "Bearer wrong"})
        assert bad.status_code == 403
        ok = c.post("/api/documents", json=article, headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 201 and ok.json()["new"] is True
        again = c.post("/api/documents", json=article, headers={"Authorization": "Bearer s3cret"})
        assert again.status_code == 201 and again.json()["new"] is False
        assert c.get(f"/api/documents/{ok.json()['id']}").status_code == 200
        huge = c.post(
            "/api/extract",
            content=b'{"text": "' + b"a" * 30_000 + b'"}',
            headers={"content-type": "application/json"},
        )
        assert huge.status_code == 413


def test_web_api_rate_limit(filled_url: str) -> None:
    with (
        Store(filled_url) as store,
        serving(create_app(store=store, settings=Settings(rate=5))) as base,
        httpx.Client(base_url=base, timeout=30) as c,
    ):
        codes = [c.get("/api/health").status_code for _ in range(8)]
    assert codes[:5] == [200] * 5 and codes[5:] == [429] * 3


def test_web_api_settings_refuse_writes_without_a_token() -> None:
    with pytest.raises(ValueError, match="token"):
        Settings(allow_write=True)


def test_web_api_serve_command_binds_to_loopback(tmp_path: Path) -> None:
    """``ceasefire serve`` with no --host listens on 127.0.0.1 and prints where."""
    import subprocess
    import sys
    import time

    from tests.webserver import free_port

    db = f"sqlite:///{tmp_path / 'serve.db'}"
    port = free_port()
    command = [sys.executable, "-m", "ceasefire.cli.main", "serve", "--db", db, "--port", str(port)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.1)
        assert response.json()["counts"]["documents"] == 0
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/" in stderr


def test_web_api_serve_refuses_writes_without_a_token(tmp_path: Path) -> None:
    import subprocess
    import sys

    command = [sys.executable, "-m", "ceasefire.cli.main", "serve", "--db", f"sqlite:///{tmp_path / 'x.db'}"]
    env = {k: v for k, v in os.environ.items() if k != "CEASEFIRE_TOKEN"}
    done = subprocess.run([*command, "--allow-write"], capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 2
    assert "token" in done.stderr and "Traceback" not in done.stderr


def test_web_api_search_page_keeps_its_filters(client: httpx.Client) -> None:
    everything = client.get("/search", params={"q": "ceasefire"}).text
    narrowed = client.get("/search", params={"q": "ceasefire", "type": "ceasefire_end"}).text
    assert '<option value="ceasefire_end" selected>' in narrowed
    count = re.compile(r"<h2>Events \((\d+)\)</h2>")
    found_all, found_ends = (int(count.search(page).group(1)) for page in (everything, narrowed))  # type: ignore[union-attr]
    assert 0 < found_ends < found_all


def test_web_api_try_page_does_not_link_what_it_did_not_store(client: httpx.Client) -> None:
    page = client.post(
        "/try", data={"text": "The TTP announced a ceasefire on 9 November 2021.", "published": "2021-11-20"}
    )
    assert page.status_code == 200 and "ceasefire_declare" in page.text
    assert 'href="/events/' not in page.text


def test_web_api_try_page_reads_an_upload_and_names_a_bad_one(client: httpx.Client) -> None:
    good = client.post(
        "/try",
        files={"upload": ("truce.txt", b"The TTP announced a ceasefire on 9 November 2021.\n", "text/plain")},
    )
    assert good.status_code == 200 and "ceasefire_declare" in good.text
    bad = client.post(
        "/try", files={"upload": ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "text/plain")}
    )
    assert bad.status_code == 422
    assert "photo.txt: binary data, not text" in bad.text


INJECTIONS = (
    "' OR '1'='1",
    "1; DROP TABLE documents; --",
    '" OR ""="',
    "') UNION SELECT id, text FROM documents --",
    "1' AND SLEEP(5)--",
    "%' OR 1=1 --",
    "ttp' --",
    "\\'; SELECT pg_sleep(5); --",
    "<script>alert(1)</script>",
    "../../../../etc/passwd",
    "$(id)",
    "\u0000",
)
PAGE_PARAMETERS = {  # the pages' query parameters (the API's come from its OpenAPI description)
    "/": ("type", "actor", "since", "until"),
    "/events": ("type", "actor", "since", "until", "q", "offset"),
    "/documents": ("q", "offset"),
    "/actors": ("q", "kind", "offset"),
    "/ceasefires": ("actor",),
    "/search": ("q",),
}


def test_web_api_injection_in_every_parameter_is_never_a_server_error(client: httpx.Client) -> None:
    """Every query and path parameter of every GET endpoint, API and pages, with SQL and shell
    injection strings: a correct answer or a 4xx, never a 5xx; nothing is dropped."""
    before = client.get("/api/health").json()["counts"]
    schema = client.get("/openapi.json").json()
    targets: list[tuple[str, str, str]] = []  # (path template, parameter, where)
    for path, item in schema["paths"].items():
        for parameter in item.get("get", {}).get("parameters", []):
            targets.append((path, parameter["name"], parameter["in"]))
    targets += [(path, name, "query") for path, names in PAGE_PARAMETERS.items() for name in names]
    assert len(targets) > 30
    answered = 0
    for path, name, where in targets:
        for payload in INJECTIONS:
            if where == "path":
                url, params = path.replace("{" + name + "}", quote(payload, safe="")), {}
            else:
                url, params = re.sub(r"\{\w+\}", "ttp", path), {name: payload}
            response = client.get(url, params=params)
            assert response.status_code < 500, (url, params, response.status_code, response.text[:300])
            answered += 1
    assert answered == len(targets) * len(INJECTIONS)
    assert client.get("/api/health").json()["counts"] == before
