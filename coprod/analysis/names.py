"""Find people's names in a statement.

A name has no shape, so several signs are weighed: a title ("Mrs Khan"); a given name from our
list (``data/first_names.txt``), unless it is also a word ("hope", "will": ``name_words.txt``)
and nothing says it is a name here; words that introduce a name ("my son", "called", "her
teacher": ``name_context.yaml``); and a capitalised word mid-sentence that English knows only as
a proper noun (from the part-of-speech lexicon TextBlob installs) or not at all. It errs towards
redacting: a place taken for a name is still safe to quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path

import textblob
import yaml

DATA = Path(__file__).parent / "data"
_TEXTBLOB_EN = Path(textblob.__file__).parent / "en"

TITLE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Nurse|Sister)\b\.?\s*$", re.IGNORECASE)
#: The words TITLE looks for, as keys: only after one of these can a title come before a word.
_TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "nurse", "sister"}
)
#: Titles that are everyday words too ("we miss him", "my sister goes"): they are titles only
#: where the title or the word after it is capitalised ("Sister Mary", "Miss smith").
_WORD_TITLES = frozenset({"miss", "sir", "dame", "nurse", "sister"})
_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


@dataclass
class _Lists:
    names: frozenset[str]
    name_words: frozenset[str]
    proper_only: frozenset[str]
    known_words: frozenset[str]
    context: dict[str, frozenset[str]]

    @cached_property
    def may_be_names(self) -> frozenset[str]:
        """Lower-case words that may be names anywhere: given names and months."""
        return self.names | self.context["month_names"]

    @cached_property
    def before_names(self) -> frozenset[str]:
        """Words after which even a lower-case word may be a name: titles, "my son"."""
        return _TITLES | self.context["introducers"]


def _read(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith(("#", ";"))]


@cache
def _lists() -> _Lists:
    """Our name lists, and what TextBlob's lexicons say about English words."""
    lexicon = [line.split(" ", 1) for line in _read(_TEXTBLOB_EN / "en-lexicon.txt")]
    lower_words = {w for w, _tag in lexicon if w.islower()}
    proper = {w.lower() for w, tag in lexicon if tag.startswith("NNP") and not w.islower()}
    spelling = {line.split(" ", 1)[0] for line in _read(_TEXTBLOB_EN / "en-spelling.txt")}
    names = frozenset(_read(DATA / "first_names.txt"))
    name_words = frozenset(_read(DATA / "name_words.txt"))
    context = yaml.safe_load((DATA / "name_context.yaml").read_text(encoding="utf-8"))
    return _Lists(
        names,
        name_words,
        frozenset(proper - lower_words),
        frozenset((lower_words | spelling) - (names - name_words)),
        {key: frozenset(values) for key, values in context.items()},
    )


def _sentence_start(text: str, start: int) -> bool:
    at = start - 1
    while at >= 0 and text[at] in " \t\"'“‘([-*•":
        at -= 1
    return at < 0 or text[at] in ".!?\n:;"


def name_spans(text: str) -> list[tuple[int, int]]:
    """Where names are in text, as (start, end) pairs, a whole "Sarah Jones" as one."""
    lists = _lists()
    tokens = list(_TOKEN.finditer(text))
    keys = [_key(t.group()) for t in tokens]
    # Most words are lower case, not a given name or month, and not after a title or a word
    # that introduces a name: they are passed over without weighing the signs.
    plain = lists.may_be_names
    leading = lists.before_names
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if (
            tokens[i].group()[0].islower()
            and keys[i] not in plain
            and (i == 0 or keys[i - 1] not in leading)
        ):
            i += 1
            continue
        if _is_name(text, tokens, keys, i, lists):
            start, end = tokens[i].start(), _end_of_name(text, tokens[i])
            title = TITLE.search(text, max(0, start - 8), start)
            start = title.start() if title else start  # "Mrs Khan" is "[name]", title and all
            # A capitalised word straight after a name is its surname: "Sarah Jones".
            while (
                i + 1 < len(tokens)
                and text[end : tokens[i + 1].start()] in (" ", "-")
                and tokens[i + 1].group()[0].isupper()
                and keys[i + 1] not in lists.context["not_names"]
            ):
                i += 1
                end = _end_of_name(text, tokens[i])
            spans.append((start, end))
        i += 1
    return spans


def _end_of_name(text: str, token: re.Match[str]) -> int:
    """A possessive stays outside: "Jack's" becomes "[name]'s"."""
    word = token.group()
    for suffix in ("'s", "’s"):
        if word.endswith(suffix):
            return token.end() - len(suffix)
    return token.end()


@lru_cache(maxsize=100_000)
def _key(word: str) -> str:
    """A word as the lists hold it: lower case, no possessive, no apostrophes."""
    if word.endswith(("'s", "’s", "'S", "’S")):
        word = word[:-2]
    return word.lower().replace("’", "").replace("'", "")


def _after_title(text: str, tokens: list[re.Match[str]], keys: list[str], i: int) -> bool:
    """Whether the word comes straight after a title: "Mrs khan", "Sister Mary"."""
    if not i or keys[i - 1] not in _TITLES:
        return False
    if keys[i - 1] in _WORD_TITLES and not (
        tokens[i - 1].group()[0].isupper() or tokens[i].group()[0].isupper()
    ):
        return False
    return bool(TITLE.search(text, max(0, tokens[i].start() - 8), tokens[i].start()))


def _acts(following: str, lists: _Lists) -> bool:
    """Whether the next word reads as something a person did: "Rose moved", "Will can't"."""
    return following in lists.context["name_verbs"] or (
        len(following) > 4 and following.endswith("ed")
    )


def _is_name(
    text: str, tokens: list[re.Match[str]], keys: list[str], i: int, lists: _Lists
) -> bool:
    word = tokens[i].group()
    key = keys[i]
    context = lists.context
    if key in context["not_names"] or (word.isupper() and len(word) > 1):
        return False
    capital = word[0].isupper()
    previous = keys[i - 1] if i else ""
    following = keys[i + 1] if i + 1 < len(tokens) else ""
    if _after_title(text, tokens, keys, i):
        return True
    introduced = previous in context["introducers"]
    if not capital and key not in lists.names and key not in context["month_names"]:
        return introduced and previous in context["naming"]
    starts = _sentence_start(text, tokens[i].start())
    possessive = capital and word != key and word.lower().endswith(("'s", "’s"))
    surname = i + 1 < len(tokens) and tokens[i + 1].group()[0].isupper()
    if key in context["month_names"]:
        dated = re.match(r"\s*\d", text[tokens[i].end() :]) or previous in context["before_dates"]
        return capital and not dated and (introduced or _acts(following, lists))
    if key in lists.names:
        if key not in lists.name_words and (capital or len(key) > 3):
            return True
        if introduced and (
            capital
            or key not in lists.name_words
            or previous in context["naming"]
            or key not in context["modals"]
        ):
            return True
        if capital and (not starts or possessive or surname):
            return True
        return (capital or starts) and _acts(following, lists)
    if not capital:
        return introduced and previous in context["naming"]
    if starts:
        return introduced or key not in lists.known_words
    return key in lists.proper_only or key not in lists.known_words or introduced
