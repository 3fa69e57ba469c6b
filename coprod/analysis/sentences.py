"""Split free text into sentences without NLTK data (which cannot be downloaded offline)."""

from __future__ import annotations

import re
import unicodedata

# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "etc",
    "eg",
    "e.g",
    "ie",
    "i.e",
    "vs",
    "approx",
    "no",
    "nos",
    "dept",
    "yr",
    "yrs",
    "mins",
    "hrs",
    "wk",
    "wks",
    "ref",
    "tel",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
# Sentence ends: . ! ? and their Arabic, Urdu and Devanagari/Gurmukhi forms, then space.
_END = re.compile(r"([.!?؟۔।…]+[\"'”’)\]]*)(\s+)")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•·▪–—]|\d{1,2}[.)])\s+")
_LINE_BREAKS = re.compile(r"\n+")
_SPACE = re.compile(r"\s")


def split_sentences(text: str) -> list[str]:
    """The sentences of text: split at sentence ends, line breaks and list items, never empty."""
    sentences: list[str] = []
    for line in _LINE_BREAKS.split(text):
        line = _LIST_ITEM.sub("", line).strip()
        if line:
            sentences.extend(_split_line(line))
    return sentences


def _split_line(line: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for match in _END.finditer(line):
        end = match.end(1)
        candidate = line[start:end]
        last_word = _SPACE.split(candidate.rstrip(".!?"))[-1].lower().rstrip(".")
        if match.group(1) == "." and last_word in _ABBREVIATIONS:
            continue
        if len(last_word) == 1 and last_word.isalpha() and match.group(1) == ".":
            continue  # an initial, such as "J. Smith"
        following = line[match.end() :]
        if following and following[0].islower():
            continue  # "and then the panel said no. but we appealed" reads as one sentence
        parts.append(candidate.strip())
        start = match.end()
    rest = line[start:].strip()
    if rest:
        parts.append(rest)
    return [p for p in parts if _has_meaning(p)]


def _has_meaning(part: str) -> bool:
    """Words, numbers or symbols such as emoji, not punctuation alone."""
    return any(ch.isalnum() or unicodedata.category(ch) == "So" for ch in part)
