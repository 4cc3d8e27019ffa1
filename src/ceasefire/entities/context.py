"""Context rules: actors named by description, metonymy or an ambiguous bare name.

- generic descriptions ("security forces", "the government") resolve by a
  country modifier ("Indian troops"), a state after "of" ("the army of
  Eritrea") or the story's country (``entities/focus.py``);
- which actor a country's role names depends on the days the document
  speaks of (its publication): Afghanistan's government is the Islamic
  Republic until August 2021 and the Taliban's Emirate after;
- a country or capital is the state when it acts ("Islamabad refused",
  "Pakistan says India broke ..."), is a party ("talks between the TTP and
  Pakistan", "a truce with India") or is acted upon ("the TTP warned
  Pakistan"); otherwise it stays a place;
- a country or capital is also the state after "by" ("a statement by the UK"), in a
  list a plural noun of states opens ("four countries – Cuba, Norway, ...") and
  before a title that introduces a person ("South Sudan President X");
- a country word right before a violence noun is that country's forces
  acting ("Indian shelling", "Pakistani air strikes", "US drone strike"), and so
  is "<country word>-led" before a forces noun ("a French-led military campaign");
- a registry name used as a word names nobody: hyphenated onto a status
  ("the UN-recognised government") or after "a"/"an" at the end of its phrase
  ("to create an Islamic State in the north");
- acronyms that are also words ("IS") name their actor only before a word
  that marks it ("IS claims", "IS militants");
- ambiguous bare names ("Taliban", "PTI") resolve by the words around them,
  then the sentence, the document's actors and its country;
- "the militants", "the group" resolve to the story's main armed group, only
  when one group clearly dominates the document.

All word lists come from ``data/lexicons/actor_rules.yaml``; the states, from ``countries.yaml``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache

from spacy.tokens import Doc, Span

from ceasefire.entities.actor_rules import (
    ActorRules,
    AmbiguousRule,
    CountryRule,
    Days,
    GenericRule,
    MainGroupRule,
    Phrase,
    load_rules,
)
from ceasefire.entities.mentions import ActorMention
from ceasefire.entities.people import title_at
from ceasefire.entities.registry import ActorRecord
from ceasefire.nlp.tokens import at, ends_at, token_view

SKIPPED_BEFORE_NAME = frozenset({"the"})
INDEFINITE = frozenset({"a", "an"})
# words after which a noun phrase has ended ("an Islamic State in ...")
PHRASE_ENDERS = frozenset(
    {
        "in",
        "of",
        "that",
        "which",
        "where",
        "to",
        "with",
        "and",
        "or",
        "for",
        "by",
        "under",
        "across",
        "on",
        "at",
    }
)
CLAUSE_PUNCT = frozenset({",", ".", ";", ":", ")", "!", "?"})
POSSESSIVE_PRONOUNS = frozenset({"our", "their", "its", "his", "her", "my", "your"})
LIST_OPENERS = frozenset({",", ":", "–", "—", "-", "("})  # between a noun and the list it introduces
BETWEEN_WINDOW = 8  # tokens from "between" to the second party


def _has_sequence(tokens: list[str], sequence: Phrase) -> bool:
    n = len(sequence)
    return any(tuple(tokens[i : i + n]) == sequence for i in range(len(tokens) - n + 1))


# ----------------------------------------------------------------------------- generic descriptions


@cache
def _generic_by_first_word() -> dict[str, tuple[GenericRule, ...]]:
    grouped: dict[str, list[GenericRule]] = {}
    for rule in load_rules().generic:
        grouped.setdefault(rule.phrase[0], []).append(rule)
    return {word: tuple(rules) for word, rules in grouped.items()}


def find_generic(
    doc: Doc, country: str | None, days: Days = None, focus: Iterable[str] = ()
) -> list[ActorMention]:
    """Generic descriptions resolved by a country modifier or the story's country, as of ``days``.

    ``focus``: the document's countries, heaviest first, to choose between states sharing a modifier.
    """
    rules = load_rules()
    by_first = _generic_by_first_word()
    lower = token_view(doc).lower
    focus = tuple(focus) or ((country,) if country else ())
    found = []
    for i in [i for i, word in enumerate(lower) if word in by_first]:
        for rule in by_first[lower[i]]:
            end = i + len(rule.phrase)
            if not at(doc, i, rule.phrase) or (end < len(lower) and lower[end] in rule.not_before):
                continue
            start, modifier = _country_modifier(doc, i, rules, focus)
            if modifier is None:
                end, modifier = _country_of(doc, end, rule)
            if modifier is None and (
                rule.needs_modifier
                or (rule.needs_the and (i == 0 or lower[i - 1] != "the"))
                or (i > 0 and lower[i - 1] in POSSESSIVE_PRONOUNS)
            ):
                continue  # "our armed forces", "its army": the pronoun's, not the story's state
            if modifier is None:
                end = _of_the_state(doc, end)
            country_rule = modifier or rules.country(country)
            actor = country_rule.roles_during(days).get(rule.role) if country_rule else None
            if actor is not None:
                found.append(ActorMention(start, end, actor, "generic"))
            if modifier is not None:
                found.extend(_coordinated_modifiers(doc, start, rule.role, rules, days, focus))
    return found


def _country_of(doc: Doc, end: int, rule: GenericRule) -> tuple[int, CountryRule | None]:
    """A state named after the description and "of": "the government of Colombia", "the armed forces
    of Ethiopia" (a role of a state, not a place); returns the new end and the state."""
    lower = token_view(doc).lower
    if rule.role == "civilians" or end + 1 >= len(lower) or lower[end] != "of":
        return end, None
    j = end + 1 + (lower[end + 1] == "the")
    hit = _name_at(doc, j) if j < len(lower) else None
    if hit is None or hit[2]:
        return end, None
    return hit[0], hit[1]


def _of_the_state(doc: Doc, end: int) -> int:
    """Past "of the State" after a description ("the armed forces of the State"): the story's own state,
    as the capital letter marks it."""
    view = token_view(doc)
    if (
        end + 2 < len(doc)
        and view.lower[end] == "of"
        and view.lower[end + 1] == "the"
        and view.text[end + 2] == "State"
    ):
        return end + 3
    return end


def _coordinated_modifiers(
    doc: Doc, start: int, role: str, rules: ActorRules, days: Days, focus: tuple[str, ...] = ()
) -> list[ActorMention]:
    """Country words coordinated before a modifier ("Indian and Pakistani troops"): their forces too."""
    view = token_view(doc)
    found = []
    j = start - 1
    while j >= 1 and view.lower[j] in {"and", ","} and not view.is_lower[j - 1]:
        hit = rules.modifier_ending_at(view.lower, j - 1, focus)
        actor = hit[1].roles_during(days).get(role) if hit and not view.is_lower[hit[0]] else None
        if hit is None or actor is None:
            break
        found.append(ActorMention(hit[0], j, actor, "generic"))
        j = hit[0] - 1
    return found


def _country_modifier(
    doc: Doc, i: int, rules: ActorRules, focus: tuple[str, ...] = ()
) -> tuple[int, CountryRule | None]:
    """A country word right before token ``i`` ("Pakistani troops", "Pakistan's government",
    "South Sudanese troops"); a word several states share names the one in ``focus``."""
    view = token_view(doc)
    j = i - 1
    if j >= 0 and view.lower[j] in {"'s", "’s"}:
        j -= 1
    if j >= 0 and not view.is_lower[j]:
        hit = rules.modifier_ending_at(view.lower, j, focus)
        if hit is not None and not view.is_lower[hit[0]]:
            return hit
        return _capital_ending_at(doc, j) or (i, None)
    return i, None


def _capital_ending_at(doc: Doc, j: int) -> tuple[int, CountryRule] | None:
    """A capital whose last token is ``j``, as (start, state): the seat of a government names it ("the
    Tripoli government", "Kabul's forces")."""
    for k in range(max(0, j - 2), j + 1):
        hit = _name_at(doc, k)
        if hit is not None and hit[0] == j + 1 and hit[2]:
            return k, hit[1]
    return None


# ----------------------------------------------------------------------------- countries' forces


def find_forces(doc: Doc, days: Days = None) -> list[ActorMention]:
    """A country word modifying a violence noun: its forces (else its state) as the actor of the violence.

    "Indian shelling", "Pakistan's air strikes", "US drone strike": the mention is the country word alone, so
    the event writer reads it as the agent of the trigger right after it. Fillers ("air", "cross-border")
    may stand between; "Pakistani Taliban" and other registry names win as longer matches. A country's name
    counts only as a possessive: "a Pakistan attack" is more often an attack in Pakistan.
    """
    rules = load_rules()
    view = token_view(doc)
    lower = view.lower
    found = []
    for i in [
        i
        for i, (low, alpha) in enumerate(zip(view.is_lower, view.is_alpha, strict=True))
        if alpha and not low
    ]:
        hit = rules.modifier_starting_at(lower, i)
        if hit is None:
            continue
        j, country = hit
        if j < len(lower) and lower[j] in {"'s", "’s"}:
            j += 1
        elif tuple(lower[i:j]) in country.names:
            continue  # "a Pakistan attack" is a place; "Pakistan's air strikes" and "Pakistani" the state's
        while j < len(lower) and j - i <= 3 and lower[j] in rules.forces.fillers:
            j += 1
        if (
            j < len(lower)
            and lower[j] in rules.forces.first_words
            and any(at(doc, j, noun) for noun in rules.forces.nouns)
        ):
            roles = country.roles_during(days)
            actor = roles.get("forces") or roles.get("government")
            if actor is not None:
                found.append(ActorMention(i, hit[0], actor, "force"))
    return found


def find_led(doc: Doc, days: Days = None, focus: Iterable[str] = ()) -> list[ActorMention]:
    """ "<country word>-led <noun>": the country leads what the noun names. Before a forces noun the
    whole phrase is the country's forces ("a French-led military campaign", "US-led foreign forces");
    before any other noun the country word alone is its government ("Qatari-led mediation")."""
    rules = load_rules()
    view = token_view(doc)
    lower = view.lower
    focus = tuple(focus)
    found = []
    for k in [k for k, word in enumerate(lower) if word == "led"]:
        if k < 2 or lower[k - 1] != "-" or doc[k - 2].whitespace_ or doc[k - 1].whitespace_:
            continue
        hit = rules.modifier_ending_at(lower, k - 2, focus)
        if hit is None or view.is_lower[hit[0]]:
            continue
        start, country = hit
        roles = country.roles_during(days)
        end = None  # after the last forces noun of the phrase: "military campaign"
        for j in range(k + 1, min(len(lower), k + 4)):
            if not view.is_alpha[j]:
                break
            if lower[j] in rules.state.led_nouns:
                end = j + 1
        actor = (roles.get("forces") or roles.get("government")) if end else roles.get("government")
        if actor is not None:
            found.append(ActorMention(start, end or k - 1, actor, "force" if end else "state"))
    return found


def find_word_acronyms(doc: Doc) -> list[ActorMention]:
    """Acronyms that are also words ("IS"): the actor only right before a word that marks it ("IS claims")."""
    rules = load_rules()
    found = []
    view = token_view(doc)
    for i, text in enumerate(view.text[:-1]):
        spec = rules.word_acronyms.get(text)
        if spec is not None and view.lower[i + 1] in spec[1] and not _shouted(doc[i].sent):
            found.append(ActorMention(i, i + 1, spec[0], "context"))
    return found


def _shouted(sent: Span) -> bool:
    """A sentence mostly in capitals, where "IS" is as likely a word as a name."""
    words = [t for t in sent if t.is_alpha and len(t.text) > 1]
    return sum(1 for t in words if t.is_upper) * 2 > len(words)


# ----------------------------------------------------------------------------- names used as words


def not_named(doc: Doc, mentions: Iterable[ActorMention]) -> list[ActorMention]:
    """Drop registry matches where the words do not name the actor:

    - a name hyphenated onto a participle of status describes the noun after it ("the UN-recognised
      government": the government is the actor, recognition its status);
    - a name after an indefinite article that ends its noun phrase is a common noun ("to create an Islamic
      State in the north", "a fundamentalist Islamic state,"); "a Taliban commander" keeps its name.
    """
    view = token_view(doc)
    lower = view.lower
    status = load_rules().status_participles
    kept = []
    for m in mentions:
        end = m.end
        if (
            end + 1 < len(doc)
            and lower[end] == "-"
            and not doc[end - 1].whitespace_
            and lower[end + 1] in status
        ):
            continue
        j = m.start - 1
        if j >= 1 and view.is_lower[j] and view.is_alpha[j] and lower[j] not in INDEFINITE | PHRASE_ENDERS:
            j -= 1  # past an adjective: "a fundamentalist Islamic state"
        ends_phrase = end >= len(doc) or lower[end] in PHRASE_ENDERS or lower[end] in CLAUSE_PUNCT
        if j >= 0 and lower[j] in INDEFINITE and ends_phrase:
            continue
        kept.append(m)
    return kept


# ----------------------------------------------------------------------------- countries as states


@cache
def _country_names() -> dict[str, tuple[tuple[Phrase, CountryRule, bool], ...]]:
    """(tokens, country, is_capital) of every country name and capital with a government, by first word."""
    grouped: dict[str, list[tuple[Phrase, CountryRule, bool]]] = {}
    for country in load_rules().countries:
        if "government" not in country.roles:
            continue
        for names, is_capital in ((country.names, False), (country.capitals, True)):
            for name in names:
                grouped.setdefault(name[0], []).append((name, country, is_capital))
    return {word: tuple(sorted(v, key=lambda n: -len(n[0]))) for word, v in grouped.items()}


def _name_at(doc: Doc, i: int) -> tuple[int, CountryRule, bool] | None:
    """The country name or capital starting at token ``i`` (capitalised), as (end, country, is_capital)."""
    view = token_view(doc)
    if view.is_lower[i]:
        return None
    for name, country, is_capital in _country_names().get(view.lower[i], ()):
        if at(doc, i, name):
            return i + len(name), country, is_capital
    return None


def find_states(doc: Doc, days: Days = None) -> list[ActorMention]:
    """Country names and capitals standing for their state (see the module docstring)."""
    rules = load_rules()
    names = _country_names()
    lower = token_view(doc).lower
    found = []
    covered = 0  # a name inside a longer one is no name: "Sudan" in "of South Sudan"
    for i in [i for i, word in enumerate(lower) if word in names]:  # _name_at needs a first word
        hit = None if i < covered else _name_at(doc, i)
        if hit is None:
            continue
        end, country, is_capital = hit
        covered = end
        if not is_capital and _forces_of(doc, i, rules):
            roles = country.roles_during(days)
            forces = roles.get("forces") or roles.get("government")
            if forces is not None:
                found.append(ActorMention(i, end, forces, "force"))
            continue
        # "between Islamabad and Kabul" is no subject of the verb after it ("flights between ... resumed")
        acts = (
            (i == 0 or lower[i - 1] not in rules.state.not_after)
            and _between(doc, i) is None
            and _acts(doc, end, rules)
        )
        # a capital is a party only where a city could not be: "talks between Islamabad and the TTP",
        # "accused Kabul of", not "flights between Islamabad and Kabul"
        party = _is_party(doc, i, rules, strict=is_capital) or _is_object(doc, i, rules)
        listed = _after_listed_state(doc, i, found) or _after_listing_noun(doc, i, rules)
        government = country.roles_during(days).get("government")
        if (acts or party or listed or _speaks_through(doc, i, end, is_capital)) and government is not None:
            found.append(ActorMention(i, end, government, "state"))
    return found


def _after_listed_state(doc: Doc, i: int, found: list[ActorMention]) -> bool:
    """The name follows a state in a list: "by the UK, the US and Norway" (the first one decides)."""
    lower = token_view(doc).lower
    j = _before_name(doc, i)
    if j < 1 or lower[j] not in {"and", ","} or not found:
        return False
    last = found[-1]
    return last.source == "state" and last.end == j


def _after_listing_noun(doc: Doc, i: int, rules: ActorRules) -> bool:
    """The name opens a list a plural noun of states introduces: "four countries – Cuba, Norway, Chile and
    Venezuela", "the guarantor countries, Cuba and Norway" (the names after it follow as listed)."""
    lower = token_view(doc).lower
    j = i - 1
    if j >= 0 and lower[j] in LIST_OPENERS:
        j -= 1
    return j >= 0 and lower[j] in rules.state.listing_nouns


def _speaks_through(doc: Doc, i: int, end: int, is_capital: bool) -> bool:
    """A state's name owning an office: "Sudan's Foreign Minister", "Afghanistan's President Ghani",
    "South Sudan President Salva Kiir" (the state acts through its officer). Not after a preposition: "in
    Pakistan's North Waziristan" is a place, and so is what a capital owns. Without "'s" the office must
    introduce a name ("US Secretary of State Mike Pompeo"), as a title does."""
    view = token_view(doc)
    if is_capital or end + 1 >= len(doc):
        return False
    if i > 0 and view.lower[i - 1] in load_rules().state.not_after:
        return False
    if view.lower[end] in {"'s", "’s"}:
        return view.is_title[end + 1] and title_at(doc, end + 1) > 0
    size = title_at(doc, end) if view.is_title[end] else 0
    return size > 0 and end + size < len(doc) and view.is_title[end + size]


def _forces_of(doc: Doc, i: int, rules: ActorRules) -> bool:
    """After a forces noun and "of", perhaps past coordinated names: "the armies of India and Pakistan"."""
    lower = token_view(doc).lower
    j = i - 1
    while j >= 1 and lower[j] in {"and", ","}:
        starts = [k for k in range(max(0, j - 3), j) if (hit := _name_at(doc, k)) is not None and hit[0] == j]
        if not starts:
            return False
        j = starts[0] - 1
    return j >= 1 and lower[j] == "of" and lower[j - 1] in rules.state.forces_of


def _coordinated_name(doc: Doc, i: int) -> int | None:
    """End of a country name coordinated after token ``i`` ("and India", ", India"), if one is."""
    lower = token_view(doc).lower
    if i + 1 < len(lower) and lower[i] in {"and", ","}:
        other = _name_at(doc, i + 1)
        if other is not None:
            return other[0]
    return None


def _acts(doc: Doc, i: int, rules: ActorRules) -> bool:
    """A verb of saying, deciding or fighting follows, perhaps after auxiliaries or "and/, <country>"."""
    fillers = rules.state.fillers
    lower = token_view(doc).lower
    while i < len(lower) and lower[i] in fillers:
        i += 1
    other = _coordinated_name(doc, i) or _coordinated_proper_name(doc, i)
    # "India and Pakistan agreed", "India, Pakistan agree", "Pakistan and the TTP agreed"
    while other is not None:
        i = other
        while i < len(lower) and lower[i] in fillers:
            i += 1
        other = _coordinated_name(doc, i) or _coordinated_proper_name(doc, i)
    return i < len(lower) and lower[i] in rules.state.verbs


# the longest proper name a coordinated subject is read past ("Tehreek-e-Taliban Pakistan")
PROPER_NAME_WORDS = 6


def _coordinated_proper_name(doc: Doc, i: int) -> int | None:
    """End of "and [the] <Proper Name>" at token ``i``: "Pakistan and the TTP agreed" has two subjects.

    Only "and" joins here (a comma may open an apposition), and the name is a run of capitalised
    or upper-case words, so "Pakistan and its allies agreed" is not read as two parties.
    """
    view = token_view(doc)
    lower, text = view.lower, view.text
    if i >= len(lower) or lower[i] != "and":
        return None
    j = i + 1
    if j < len(lower) and lower[j] == "the":
        j += 1
    k, words = j, 0
    while k < len(lower) and words < PROPER_NAME_WORDS and not view.sent_start[k]:
        if view.is_title[k] or (view.is_alpha[k] and text[k].isupper() and len(text[k]) > 1):
            k, words = k + 1, words + 1
        elif k > j and text[k] == "-" and k + 2 < len(lower) and text[k + 2] == "-":
            k += 3  # a hyphenated particle inside the name: "Tehreek-e-Taliban"
        elif k > j and text[k] == "-":
            k += 1
        else:
            break
    return k if words else None


def _before_name(doc: Doc, i: int) -> int:
    """Index of the word before a name, past "the"."""
    lower = token_view(doc).lower
    j = i - 1
    while j >= 0 and lower[j] in SKIPPED_BEFORE_NAME:
        j -= 1
    return j


def _is_party(doc: Doc, i: int, rules: ActorRules, strict: bool = False) -> bool:
    """ "between Pakistan and ...", "between ... and Pakistan", "talks with Pakistan".

    strict: "between" counts only after a noun of relations ("talks between Kabul and ..."), for capitals.
    """
    j = _before_name(doc, i)
    if j < 0:
        return False
    lower = token_view(doc).lower
    if lower[j] == "with":
        return j > 0 and lower[j - 1] in rules.state.partner_nouns
    k = _between(doc, i)
    return k is not None and _joins_parties(lower, k, rules, strict)


def _between(doc: Doc, i: int) -> int | None:
    """The "between" a name at ``i`` stands after: "between [the] X" or "between W and X"."""
    j = _before_name(doc, i)
    if j < 0:
        return None
    view = token_view(doc)
    lower = view.lower
    if lower[j] == "between":
        return j
    if lower[j] == "and":
        sent_start = doc[i].sent.start if doc.has_annotation("SENT_START") else 0
        for k in range(j - 1, max(sent_start, j - BETWEEN_WINDOW) - 1, -1):
            if lower[k] == "between":
                return k
            if view.is_punct[k] and view.text[k] not in {"'s", "’s", "-"}:
                return None
    return None


def _joins_parties(lower: list[str], k: int, rules: ActorRules, strict: bool) -> bool:
    """Whether "between" at ``k`` joins parties: not after "border" and the like; strictly, only after a
    noun of relations ("talks between", "truce between")."""
    before = lower[k - 1] if k > 0 else ""
    if strict:
        return before in rules.state.partner_nouns
    return before not in rules.state.between_not_after


def _is_object(doc: Doc, i: int, rules: ActorRules) -> bool:
    """Right after a verb that acts on a state or names a mediator: "warned Pakistan", "brokered by China"."""
    before = _before_name(doc, i) + 1
    lower = token_view(doc).lower
    last = lower[before - 1] if before > 0 else ""
    if last == "by" and before >= 2 and lower[before - 2] in rules.state.by_not_after:
        return False  # "bordered by Iran" is a place
    return any(ends_at(doc, before, phrase) for phrase in _state_after_by_last_word().get(last, ()))


@cache
def _state_after_by_last_word() -> dict[str, tuple[Phrase, ...]]:
    """``state.after`` phrases by their last word, so a name checks only those that can end before it."""
    grouped: dict[str, list[Phrase]] = {}
    for phrase in load_rules().state.after:
        if not phrase:
            raise ValueError("actor_rules.yaml state_after: empty phrase")
        grouped.setdefault(phrase[-1], []).append(phrase)
    return {word: tuple(phrases) for word, phrases in grouped.items()}


# ----------------------------------------------------------------------------- ambiguous bare names


def find_ambiguous(doc: Doc, known: set[str], country: str | None) -> list[ActorMention]:
    """Bare ambiguous names ("Taliban") resolved by nearby words, the sentence, then the document."""
    forms = _ambiguous_forms()
    view = token_view(doc)
    hits = [i for i, word in enumerate(view.lower) if word in forms and not view.is_lower[i]]
    if not hits:
        return []
    found = []
    for sent in doc.sents:
        words: list[str] | None = None
        for i in (i for i in hits if sent.start <= i < sent.end):
            rule = forms[view.lower[i]]
            words = words or view.lower[sent.start : sent.end]
            actor = _near(doc, i, rule) or _resolve_ambiguous(words, rule, known, country)
            found.append(ActorMention(i, i + 1, actor, "context"))
    return found


@cache
def _ambiguous_forms() -> dict[str, AmbiguousRule]:
    """Lower-cased ambiguous forms and their rules (a later rule wins a shared form)."""
    return {form.lower(): rule for rule in load_rules().ambiguous for form in rule.forms}


def _near(doc: Doc, i: int, rule: AmbiguousRule) -> str | None:
    """An actor named by the words right before (past "the") or right after the form."""
    before = _before_name(doc, i) + 1
    for actor, phrases in rule.before_cues:
        if any(ends_at(doc, before, p) for p in phrases):
            return actor
    for actor, phrases in rule.after_cues:
        if any(at(doc, i + 1, p) for p in phrases):
            return actor
    return None


def _resolve_ambiguous(words: list[str], rule: AmbiguousRule, known: set[str], country: str | None) -> str:
    for actor, sequences in rule.sentence_cues:
        if any(_has_sequence(words, s) for s in sequences):
            return actor
    for mentioned, actor in rule.when_document_mentions.items():
        if mentioned in known:
            return actor
    if country is not None and country in rule.by_country:
        return rule.by_country[country]
    return rule.default


# ----------------------------------------------------------------------------- the story's main group


def main_group(
    mentions: Iterable[ActorMention], records: Mapping[str, ActorRecord], dominance: float
) -> str | None:
    """The armed group mentioned most, if it has ``dominance`` times the mentions of any other."""
    counts = Counter(
        m.actor for m in mentions if m.actor in records and records[m.actor].kind == "armed_group"
    )
    ranked = counts.most_common(2)
    if not ranked:
        return None
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    return ranked[0][0] if ranked[0][1] >= dominance * runner_up else None


@cache
def _group_phrases_by_first_word() -> dict[str, tuple[Phrase, ...]]:
    grouped: dict[str, list[Phrase]] = {}
    for phrase in load_rules().main_group.phrases:
        grouped.setdefault(phrase[0], []).append(phrase)
    return {word: tuple(phrases) for word, phrases in grouped.items()}


def find_main_group(
    doc: Doc, mentions: list[ActorMention], records: Mapping[str, ActorRecord]
) -> list[ActorMention]:
    """ "the militants", "the group" for the story's dominant armed group (none when groups compete)."""
    rule: MainGroupRule = load_rules().main_group
    group = main_group(mentions, records, rule.dominance)
    if group is None:
        return []
    starts = {m.start for m in mentions}
    lower = token_view(doc).lower
    found = []
    for i in range(1, len(lower)):
        if lower[i - 1] not in rule.determiners:
            continue
        for phrase in _group_phrases_by_first_word().get(lower[i], ()):
            end = i + len(phrase)
            if at(doc, i, phrase) and not _named_after(doc, end, starts, rule):
                found.append(ActorMention(i, end, group, "main_group"))
                break
    return found


def _named_after(doc: Doc, end: int, starts: set[int], rule: MainGroupRule) -> bool:
    """The phrase introduces a name or is a modifier: "the militant group Lashkar-e-Taiba", "the group of"."""
    if end >= len(doc):
        return False
    view = token_view(doc)
    return end in starts or view.lower[end] in rule.not_before or (view.is_title[end] and view.is_alpha[end])
