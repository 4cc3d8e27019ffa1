"""Turn a document's raw text into the cleaned text every evidence offset points into.

Cleaning removes what a reader would skip (captions, share buttons, comment
prompts, author blurbs, bylines, tag lists, repeated paragraphs and pull-quotes)
and records each removal in ``Removed`` so it can be audited. It never rewrites
what remains beyond whitespace and Unicode normalisation, and it is idempotent:
cleaning cleaned text changes nothing, so stored offsets stay valid.

The patterns are data (``ceasefire/data/boilerplate.yaml``), loaded once.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml
from rapidfuzz import fuzz

from ceasefire.ingest.dating import dateline_of
from ceasefire.models import Removed

TITLE_MAX_WORDS = 20
TITLE_MAX_CHARS = 200
TITLE_REPEAT_RATIO = 92.0
CHROME_MAX_WORDS = 6
PULL_QUOTE_MAX_WORDS = 40
PULL_QUOTE_MIN_WORDS = 5
QUOTE_WORD_SHARE = 0.85
BYLINE_MAX_WORDS = 16
BYLINE_MAX_CHARS = 200
CREDIT_MAX_CHARS = 400
WHOLE_MAX_CHARS = 300
TRAILING_WINDOW = 300
WRAP_MIN_WIDTH = 40
WRAP_MAX_WIDTH = 200
WRAP_SHARE = 0.6
MAX_PASSES = 50

_OPEN_QUOTES = "\"'“‘«„‚‹"
_CLOSE_QUOTES = "\"'”’»‟‛›"
_QUOTE_CHARS = _OPEN_QUOTES + _CLOSE_QUOTES + "″′`´"
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_SEPARATOR = r"[\s.,;:!|•·»›>/–—-]"
_ELLIPSIS = re.compile(r"\.{3}|…")
_WORD = re.compile(r"\w+")
_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")
_LINE_BREAKS = {"\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028"}


@dataclass
class Cleaned:
    """A cleaned document: its text, the title and byline found, and what was removed."""

    text: str
    title: str | None
    byline: str | None
    removed: Removed


@dataclass(frozen=True)
class _Rule:
    """One named boilerplate rule compiled from the YAML file."""

    name: str
    whole: re.Pattern[str] | None
    start: re.Pattern[str] | None
    start_max_words: int
    trailing: re.Pattern[str] | None
    credit: re.Pattern[str] | None


@dataclass(frozen=True)
class _BylineRules:
    prefix: re.Pattern[str]
    credit: re.Pattern[str]
    credit_tail: re.Pattern[str]
    separator: re.Pattern[str]
    roles: frozenset[str]
    particles: frozenset[str]
    not_names: frozenset[str]
    agency: re.Pattern[str]


@dataclass(frozen=True)
class _Patterns:
    rules: tuple[_Rule, ...]
    byline: _BylineRules
    stopwords: frozenset[str]


def clean(raw: str, *, title: str | None = None, plain: bool = True) -> Cleaned:
    """Clean a document's raw text.

    raw (str): the text as read.
    title (str | None): a title from metadata (HTML, JSON); it wins over any headline found.
    plain (bool): True for plain text whose first line may be the headline.
    RETURNS (Cleaned): paragraphs joined by a blank line; the headline paragraph stays
        in the text (facts in headlines need offsets), its later repeats do not.
    """
    patterns = load_patterns()
    paragraphs = split_paragraphs(normalise(raw))
    state = _State(given=_one_line(title) if title else None, plain=plain)
    for _ in range(MAX_PASSES):
        before = paragraphs
        paragraphs = _clean_pass(paragraphs, state, patterns)
        if paragraphs == before:
            break
    return Cleaned(
        text="\n\n".join(paragraphs), title=state.title, byline=state.byline, removed=state.removed
    )


@dataclass
class _State:
    """The inputs every pass shares and what the passes learn."""

    given: str | None
    plain: bool
    title: str | None = None
    byline: str | None = None
    removed: Removed = field(default_factory=Removed)


def _clean_pass(paragraphs: list[str], state: _State, patterns: _Patterns) -> list[str]:
    """One pass of every rule; ``clean`` repeats it until nothing changes (hence idempotence)."""
    removed = state.removed
    paragraphs = strip_boilerplate(paragraphs, patterns.rules, removed)
    paragraphs, found = extract_byline(paragraphs, patterns.byline, removed)
    state.byline = state.byline or found
    state.title = state.given or (find_headline(paragraphs) if state.plain else None)
    paragraphs, title_at = drop_title_repeats(paragraphs, state.title, removed)
    paragraphs = drop_duplicates(paragraphs, removed)
    paragraphs = drop_pull_quotes(paragraphs, title_at, patterns.stopwords, removed)
    return drop_trailing_chrome(paragraphs, title_at, removed)


# ---------------------------------------------------------------- normalising


def normalise(raw: str) -> str:
    """Unify line breaks, drop invisible characters, apply NFC and tidy spaces in each line.

    Invisible characters are dropped before NFC so the result is already composed:
    a second pass must not change it.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n").translate(_char_map())
    text = _HORIZONTAL_SPACE.sub(" ", unicodedata.normalize("NFC", text))
    return "\n".join(line.strip(" ") for line in text.split("\n"))


class _CharMap(dict[int, str | None]):
    """``str.translate`` table built lazily: line breaks to ``\\n``, tabs to spaces, controls dropped."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        mapped: str | None = char
        if char in _LINE_BREAKS:
            mapped = "\n"
        elif char == "\u2029":
            mapped = "\n\n"
        elif char == "\t":
            mapped = " "
        elif char != "\n" and unicodedata.category(char) in {"Cc", "Cf", "Cs"}:
            mapped = None
        self[code] = mapped
        return mapped


@functools.cache
def _char_map() -> _CharMap:
    return _CharMap()


def split_paragraphs(text: str) -> list[str]:
    """Split normalised text into paragraphs: blocks between blank lines, then lines.

    Each line of a block is its own paragraph, unless the block is clearly
    hard-wrapped prose, whose lines are joined back into paragraphs.
    """
    paragraphs: list[str] = []
    for block in re.split(r"\n(?: *\n)+", text):
        lines = [line for line in block.split("\n") if line]
        paragraphs.extend(_unwrap(lines))
    return paragraphs


def _unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines; a line that did not need wrapping ends its paragraph."""
    ends = _wrap_ends(lines)
    if ends is None:
        return lines
    paragraphs: list[str] = []
    current: list[str] = []
    for line, ends_here in zip(lines, ends, strict=True):
        current.append(line)
        if ends_here:
            paragraphs.append(" ".join(current))
            current = []
    return paragraphs


def _wrap_ends(lines: list[str]) -> list[bool] | None:
    """For a hard-wrapped block, which lines end a paragraph; None when it is not wrapped.

    A wrapped line is one the next line's first word would not have fitted onto
    (greedy wrapping at the block's width). The block counts as wrapped when most
    lines are, and those mostly do not end a sentence.
    """
    if len(lines) < 2:
        return None
    width = max(len(line) for line in lines)
    if not WRAP_MIN_WIDTH <= width <= WRAP_MAX_WIDTH:
        return None
    wrapped = [_wrapped(line, nxt, width) for line, nxt in itertools.pairwise(lines)]
    count = sum(wrapped)
    if count < WRAP_SHARE * len(wrapped) or count == 0:
        return None
    sentence_ends = sum(1 for line, w in zip(lines, wrapped, strict=False) if w and _ends_sentence(line))
    if sentence_ends * 2 > count or _list_like(lines, wrapped):
        return None
    return [not w for w in wrapped] + [True]


def _list_like(lines: list[str], wrapped: list[bool]) -> bool:
    """A list of headlines: every continuation starts with a capital (prose rarely does)."""
    continuations = [nxt for nxt, w in zip(lines[1:], wrapped, strict=True) if w]
    if any(not line[0].isupper() for line in continuations):
        return False
    return len(continuations) > 1 or _looks_titled(lines[0])


def _wrapped(line: str, nxt: str, width: int) -> bool:
    return line.endswith("-") or len(line) + 1 + len(nxt.split(" ", 1)[0]) > width


def _looks_titled(line: str) -> bool:
    """Headline case: most longer words capitalised (wrapped prose is mostly lower case)."""
    words = [word for word in line.split() if len(word) > 3 and word[0].isalpha()]
    return bool(words) and sum(word[0].isupper() for word in words) * 5 >= len(words) * 3


def _one_line(text: str) -> str | None:
    joined = " ".join(normalise(text).split())
    return joined or None


# ---------------------------------------------------------------- patterns


@functools.cache
def load_patterns() -> _Patterns:
    """Read and compile ``data/boilerplate.yaml`` once; a malformed file fails loudly."""
    source = resources.files("ceasefire").joinpath("data/boilerplate.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(source)
    vocab = {name: _strings(items, f"vocab.{name}") for name, items in data["vocab"].items()}
    rules = tuple(_compile_rule(name, spec, vocab) for name, spec in data["rules"].items())
    return _Patterns(
        rules=rules,
        byline=_compile_byline(data["byline"], vocab),
        stopwords=frozenset(_strings(data["stopwords"], "stopwords")),
    )


def _strings(items: Any, where: str) -> list[str]:
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise ValueError(f"boilerplate.yaml: {where} must be a list of strings (quote 'on', 'no', ...)")
    return items


def _expand(pattern: str, vocab: dict[str, list[str]]) -> str:
    """Replace ``%name%`` with an alternation of that vocabulary (longest first)."""

    def alternation(match: re.Match[str]) -> str:
        items = sorted(vocab[match.group(1)], key=len, reverse=True)
        return "(?:" + "|".join(items) + ")"

    return re.sub(r"%(\w+)%", alternation, pattern)


def _alternation(patterns: Iterable[str], vocab: dict[str, list[str]]) -> str:
    return "|".join(f"(?:{_expand(pattern, vocab)})" for pattern in patterns)


def _compile_rule(name: str, spec: dict[str, Any], vocab: dict[str, list[str]]) -> _Rule:
    def compiled(key: str, shape: Callable[[str], str]) -> re.Pattern[str] | None:
        items = _strings(spec.get(key, []), f"rules.{name}.{key}")
        return re.compile(shape(_alternation(items, vocab)), re.IGNORECASE) if items else None

    unknown = set(spec) - {"whole", "start", "start_max_words", "trailing", "credit"}
    if unknown:
        raise ValueError(f"boilerplate.yaml: rules.{name}: unknown keys {sorted(unknown)}")
    run = r"(?:{0})(?:" + _SEPARATOR + r"+(?:{0}))*" + _SEPARATOR + "*"
    return _Rule(
        name=name,
        whole=compiled("whole", lambda alt: rf"[(\[]?\s*(?:{alt})\s*[)\]]?[\s.!:]*"),
        start=compiled("start", lambda alt: rf"(?:{alt})"),
        start_max_words=int(spec.get("start_max_words", PULL_QUOTE_MAX_WORDS)),
        trailing=compiled("trailing", run.format),
        credit=compiled("credit", run.format),
    )


def _compile_byline(spec: dict[str, Any], vocab: dict[str, list[str]]) -> _BylineRules:
    prefixes = "|".join(_strings(spec["prefixes"], "byline.prefixes"))
    credits = "|".join(_strings(spec["credit_prefixes"], "byline.credit_prefixes"))
    credit_line = rf"\(?\s*(?:{credits})\s+(?-i:[A-Z\W]).*?\)?[\s.]*"
    return _BylineRules(
        prefix=re.compile(rf"(?:{prefixes})\s*:?\s+(?=\w)", re.IGNORECASE),
        credit=re.compile(credit_line, re.IGNORECASE),
        credit_tail=re.compile(rf"\s*\(\s*(?:{credits})\s+[^()]{{1,300}}\)[\s.]*$", re.IGNORECASE),
        separator=re.compile("|".join(_strings(spec["separators"], "byline.separators"))),
        roles=frozenset(_strings(spec["roles"], "byline.roles")),
        particles=frozenset(_strings(spec["particles"], "byline.particles")),
        not_names=frozenset(_strings(spec["not_names"], "byline.not_names")),
        agency=re.compile(_alternation(vocab["agency"], vocab), re.IGNORECASE),
    )


# ---------------------------------------------------------------- boilerplate


def strip_boilerplate(paragraphs: list[str], rules: Sequence[_Rule], removed: Removed) -> list[str]:
    """Apply every boilerplate rule to every paragraph; empty paragraphs disappear."""
    kept = [_strip_paragraph(paragraph, rules, removed) for paragraph in paragraphs]
    return [paragraph for paragraph in kept if paragraph]


def _strip_paragraph(paragraph: str, rules: Sequence[_Rule], removed: Removed) -> str:
    """Remove the whole paragraph if a rule covers it, else cut trailing fragments until none is left."""
    changed = True
    while changed and paragraph:
        changed = False
        for rule in rules:
            if _covers(rule, paragraph):
                _record(removed, rule.name, paragraph)
                return ""
            cut = _trailing_cut(rule, paragraph)
            if cut is not None:
                _record(removed, rule.name, paragraph[cut:].strip())
                paragraph = paragraph[:cut].rstrip()
                changed = True
    return paragraph


def _covers(rule: _Rule, paragraph: str) -> bool:
    """Whether a rule accounts for the whole paragraph."""
    if rule.whole is not None and len(paragraph) <= WHOLE_MAX_CHARS and rule.whole.fullmatch(paragraph):
        return True
    short = _word_count(paragraph) <= rule.start_max_words
    return short and rule.start is not None and rule.start.match(paragraph) is not None


def _trailing_cut(rule: _Rule, paragraph: str) -> int | None:
    """Where a removable run of trailing fragments begins, or None."""
    for pattern, credit in ((rule.trailing, False), (rule.credit, True)):
        if pattern is not None:
            start = _fragment_start(pattern, paragraph, credit=credit)
            if start is not None:
                return start
    return None


def _fragment_start(pattern: re.Pattern[str], paragraph: str, *, credit: bool) -> int | None:
    """The earliest word start from which ``pattern`` covers the rest of the paragraph.

    The cut must not split a sentence: it is allowed at the paragraph start, after a
    sentence end, for a capitalised run of three or more words, or for a bracketed credit.
    """
    floor = len(paragraph) - TRAILING_WINDOW
    starts = [0] + [m.end() for m in re.finditer(r" ", paragraph) if m.end() >= floor]
    for start in starts:
        if pattern.fullmatch(paragraph, start) and _clean_cut(paragraph, start, credit=credit):
            return start
    return None


def _clean_cut(paragraph: str, start: int, *, credit: bool) -> bool:
    head = paragraph[:start].rstrip()
    fragment = paragraph[start:]
    if not head or _SENTENCE_END.search(head):
        return True
    if credit and fragment.startswith("("):
        return True
    return fragment[:1].isupper() and _word_count(fragment) >= 3


def _record(removed: Removed, rule: str, text: str) -> None:
    removed.boilerplate.append(text)
    _count(removed, rule)


def _count(removed: Removed, rule: str) -> None:
    removed.counts[rule] = removed.counts.get(rule, 0) + 1


def _word_count(text: str) -> int:
    return len(text.split())


# ---------------------------------------------------------------- byline


def extract_byline(
    paragraphs: list[str], rules: _BylineRules, removed: Removed
) -> tuple[list[str], str | None]:
    """Remove byline paragraphs ("By Jane Doe | Reuters", "Reporting by ...; Editing by ...").

    RETURNS (tuple): the remaining paragraphs and the first byline's names. A date
    that shares the byline's line stays in the text as its own paragraph.
    """
    kept: list[str] = []
    found: str | None = None
    for paragraph in paragraphs:
        paragraph, names = _cut_credit_tail(paragraph, rules)
        byline = _byline_of(paragraph, rules) if names is None else None
        if names is not None or byline is not None:
            _count(removed, "byline")
        if byline is not None:
            names, paragraph = byline
        found = found or names or None
        if paragraph:
            kept.append(paragraph)
    return kept, found


def _cut_credit_tail(paragraph: str, rules: _BylineRules) -> tuple[str, str | None]:
    """Split a trailing "(Reporting by ...; Editing by ...)" off a paragraph."""
    match = rules.credit_tail.search(paragraph)
    if match is None or not paragraph[: match.start()].strip():
        return paragraph, None
    names = _credit_names(match.group().strip(), rules)
    return paragraph[: match.start()].rstrip(), names or ""


def _byline_of(paragraph: str, rules: _BylineRules) -> tuple[str, str] | None:
    """(names, what stays in the text) for a byline paragraph, else None."""
    if len(paragraph) <= CREDIT_MAX_CHARS and rules.credit.fullmatch(paragraph):
        names = _credit_names(paragraph, rules)
        return (names, "") if names is not None else None
    if len(paragraph) > BYLINE_MAX_CHARS or _word_count(paragraph) > BYLINE_MAX_WORDS:
        return None
    prefix = rules.prefix.match(paragraph)
    if prefix is None:
        return None
    return _names_and_tail(paragraph[prefix.end() :], rules)


def _names_and_tail(rest: str, rules: _BylineRules) -> tuple[str, str] | None:
    """Read "Jane Doe and John Roe, Reuters" into names and a tail (outlet, role, place or date).

    RETURNS (tuple | None): the names and the text that stays (a dateline in the tail), or
        None when this is a sentence such as "By Sunday, the army had withdrawn."
    """
    head, *after = rules.separator.split(rest.rstrip(" .;:"), maxsplit=1)
    tokens = re.split(r"(\s*,\s*|\s+and\s+|\s*&\s*)", head)
    names: list[str] = []
    offset = 0
    for index in range(0, len(tokens), 2):
        piece = tokens[index]
        if not _is_name(piece, rules) or (names and _is_role(piece, rules)):
            after = [" ".join([head[offset:], *after])]
            break
        names.append(piece)
        offset += len(piece) + (len(tokens[index + 1]) if index + 1 < len(tokens) else 0)
    if not names:
        return None
    kept = ""
    for part in rules.separator.split(after[0].strip()) if after else []:
        if not kept and dateline_of(part) is not None:
            kept = part.strip()
        elif _word_count(part) > 8 or not all(_is_tail_word(word, rules) for word in part.split()):
            return None
    return _join_names(names), kept


def _is_name(piece: str, rules: _BylineRules) -> bool:
    words = piece.split()
    if not 1 <= len(words) <= 5 or words[0].lower().strip(".") in rules.not_names:
        return False
    if not any(sum(ch.isalpha() for ch in word) >= 2 for word in words):
        return False
    return all(_is_name_word(word, rules) for word in words)


def _is_name_word(word: str, rules: _BylineRules) -> bool:
    if word.lower() in rules.particles:
        return True
    letters = word.replace(".", "").replace("'", "").replace("’", "").replace("-", "")
    return word[0].isupper() and letters.isalpha()


def _is_role(piece: str, rules: _BylineRules) -> bool:
    words = {word.lower().strip(".") for word in piece.split()}
    return bool(words & rules.roles) or rules.agency.fullmatch(piece) is not None


def _is_tail_word(word: str, rules: _BylineRules) -> bool:
    bare = word.strip(".,;:()")
    return not bare or bare[0].isupper() or bare.lower() in rules.roles | {"of", "the", "and", "for", "in"}


def _credit_names(line: str, rules: _BylineRules) -> str | None:
    """Names from "Reporting by A in Islamabad and B; Editing by C": the reporters, else the writers."""
    segments = re.split(
        r"\s*;\s*|,\s*(?=(?:additional reporting|writing|editing|compiled) by)", line.strip("()[] .")
    )
    by_role: dict[str, list[str]] = {}
    for segment in segments:
        parts = re.split(r"\s+by\s+", segment, maxsplit=1, flags=re.IGNORECASE)
        if len(parts) != 2:
            continue
        role, names = parts
        names = re.sub(r"\s+(?:in|from)\s+(?-i:[A-Z])[\w'’.-]*(?:\s+(?-i:[A-Z])[\w'’.-]*)?", "", names)
        valid = [name for name in re.split(r"\s*,\s*|\s+and\s+|\s*&\s*", names) if _is_name(name, rules)]
        by_role.setdefault(role.strip().lower(), []).extend(valid)
    chosen = by_role.get("reporting") or by_role.get("writing")
    return _join_names(chosen) if chosen else None


def _join_names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# ---------------------------------------------------------------- title


def find_headline(paragraphs: Sequence[str]) -> str | None:
    """The first paragraph, if it reads as a headline rather than the article's first sentence."""
    if not paragraphs:
        return None
    first = paragraphs[0]
    words = first.split()
    if len(words) < 2 or len(words) > TITLE_MAX_WORDS or len(first) > TITLE_MAX_CHARS:
        return None
    if first[-1] in ".;:," or sum(any(ch.isalpha() for ch in word) for word in words) < 2:
        return None
    return first if dateline_of(first) is None else None


def drop_title_repeats(
    paragraphs: list[str], title: str | None, removed: Removed
) -> tuple[list[str], int | None]:
    """Keep the first paragraph that repeats the title and drop the later ones.

    RETURNS (tuple): the paragraphs and the index of the kept title paragraph, if any.
    """
    if title is None:
        return paragraphs, None
    target = _title_key(title)
    kept: list[str] = []
    title_at: int | None = None
    for paragraph in paragraphs:
        if _same_title(_title_key(paragraph), target):
            if title_at is not None:
                _count(removed, "repeated_title")
                continue
            title_at = len(kept)
        kept.append(paragraph)
    return kept, title_at


def _title_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _same_title(key: str, target: str) -> bool:
    if not key or not target or len(key) > 2 * len(target):
        return False
    return key == target or fuzz.ratio(key, target, score_cutoff=TITLE_REPEAT_RATIO) > 0


# ---------------------------------------------------------------- repeats


def paragraph_key(text: str) -> str:
    """What makes two paragraphs the same: case, whitespace and quote characters ignored."""
    return " ".join(text.translate({ord(ch): None for ch in _QUOTE_CHARS}).casefold().split())


def drop_duplicates(paragraphs: list[str], removed: Removed) -> list[str]:
    """Drop later copies of a paragraph (scraped pages often repeat blocks)."""
    seen: set[str] = set()
    kept: list[str] = []
    for paragraph in paragraphs:
        key = paragraph_key(paragraph)
        if key in seen:
            removed.duplicate_paragraphs += 1
            continue
        seen.add(key)
        kept.append(paragraph)
    return kept


def drop_pull_quotes(
    paragraphs: list[str], protected: int | None, stopwords: frozenset[str], removed: Removed
) -> list[str]:
    """Drop short paragraphs that only repeat words a longer kept paragraph already states.

    Paragraphs are judged longest first against the longer ones kept so far, so the
    only copy of a fact always stays. The title paragraph is never dropped.
    """
    tokens = [_WORD.findall(paragraph_key(paragraph)) for paragraph in paragraphs]
    order = sorted(range(len(paragraphs)), key=lambda i: (-len(tokens[i]), i))
    kept: list[int] = []
    dropped: set[int] = set()
    for index in order:
        if index == protected:
            continue
        longer = [tokens[other] for other in kept if len(tokens[other]) > len(tokens[index])]
        if _is_pull_quote(paragraphs[index], tokens[index], longer, stopwords):
            dropped.add(index)
            removed.pull_quotes += 1
        else:
            kept.append(index)
    return [paragraph for index, paragraph in enumerate(paragraphs) if index not in dropped]


def _is_pull_quote(
    paragraph: str, words: list[str], longer: list[list[str]], stopwords: frozenset[str]
) -> bool:
    if not longer or not PULL_QUOTE_MIN_WORDS <= len(words) <= PULL_QUOTE_MAX_WORDS:
        return False
    segments = [_WORD.findall(paragraph_key(part)) for part in _ELLIPSIS.split(paragraph)]
    segments = [segment for segment in segments if segment]
    if any(all(_contains(other, segment) for segment in segments) for other in longer):
        return True
    return _is_bare_quote(paragraph) and _words_elsewhere(words, longer, stopwords)


def _contains(words: list[str], part: list[str]) -> bool:
    """Whether ``part`` occurs as a contiguous run of ``words``."""
    return f" {' '.join(part)} " in f" {' '.join(words)} "


def _is_bare_quote(paragraph: str) -> bool:
    """A paragraph that is nothing but a quotation, with no attribution around it."""
    text = paragraph.rstrip(".!?,")
    inner = text[1:-1]
    return (
        len(text) > 2
        and text[0] in _OPEN_QUOTES
        and text[-1] in _CLOSE_QUOTES + ".!?"
        and not any(ch in inner for ch in '"“”')
    )


def _words_elsewhere(words: list[str], longer: list[list[str]], stopwords: frozenset[str]) -> bool:
    content = {word for word in words if word not in stopwords and len(word) > 2}
    if len(content) < PULL_QUOTE_MIN_WORDS:
        return False
    return any(len(content & set(other)) >= QUOTE_WORD_SHARE * len(content) for other in longer)


# ---------------------------------------------------------------- trailing chrome


def drop_trailing_chrome(paragraphs: list[str], protected: int | None, removed: Removed) -> list[str]:
    """Drop the run of short, unpunctuated lines after the last body paragraph (tags, outlet lists)."""
    body = [index for index, paragraph in enumerate(paragraphs) if _is_body(paragraph)]
    if not body:
        return paragraphs
    keep = max(body[-1], -1 if protected is None else protected) + 1
    for paragraph in paragraphs[keep:]:
        _record(removed, "trailing_chrome", paragraph)
    return paragraphs[:keep]


def _is_body(paragraph: str) -> bool:
    return _word_count(paragraph) > CHROME_MAX_WORDS or _ends_sentence(paragraph)


def _ends_sentence(text: str) -> bool:
    return _SENTENCE_END.search(text) is not None
