"""Clean text people typed and cut it into words, the same way for every part of the analysis.

People paste from emails and web pages, type on phones with emoji and smart quotes, and
sometimes send control characters or HTML. Cleaning keeps their words and line breaks and drops
the rest, so no later step has to guard against it.
"""

from __future__ import annotations

import html
import itertools
import re
import unicodedata
from functools import lru_cache

#: Longer text is analysed up to here; a statement is a sentence or two, so this is generous.
MAX_ANALYSED_CHARS = 20_000

_TAG = re.compile(r"<[^<>]{0,500}>")
_SPACES = re.compile(r"[^\S\n]+")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def clean(text: str) -> str:
    """Text without HTML tags, control characters or runs of spaces; line breaks kept."""
    text = html.unescape(_TAG.sub(" ", text[:MAX_ANALYSED_CHARS]))
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    lines = (_SPACES.sub(" ", _visible(line)).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _visible(line: str) -> str:
    """The line with control and format characters as spaces (most lines have none)."""
    if line.isprintable():
        return line
    return "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in line)


def words(text: str) -> list[str]:
    """Lower-case words, apostrophes dropped: "Nobody's" is "nobodys", "post-16" is two words."""
    return list(_words(text))


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    """Every step of the analysis reads a statement's words: they are cut once."""
    said = _WORD.findall(text.lower())
    if "'" not in text and "’" not in text:
        return tuple(said)
    return tuple(w.replace("'", "").replace("’", "") for w in said)


def pairs(said: list[str] | tuple[str, ...]) -> map[str]:
    """Each two adjacent words as one string, "a b": the word pairs the learned models read."""
    return map(" ".join, itertools.pairwise(said))


@lru_cache(maxsize=4096)
def word_pairs(text: str) -> tuple[str, ...]:
    """The pairs of a statement's words; the tagger and the sentiment model both read them."""
    return tuple(pairs(_words(text)))
