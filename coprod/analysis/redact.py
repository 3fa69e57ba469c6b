"""Replace personal details with placeholders such as ``[name]`` before a quote is shown outside
the review screens: names, emails, phone and NHS numbers, postcodes, the codes the platform
gives people, dates of birth, street addresses and school names (by their shape and from a list
the partnership keeps)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from coprod.analysis import patterns
from coprod.analysis.names import name_spans

PLACEHOLDERS = {
    "email": "[email]",
    "nhs_number": "[NHS number]",
    "phone": "[phone]",
    "code": "[code]",
    "postcode": "[postcode]",
    "date_of_birth": "[date of birth]",
    "date": "[date]",
    "address": "[address]",
    "school": "[school]",
    "name": "[name]",
}


@dataclass(frozen=True)
class Redaction:
    """The text with details replaced, and the kinds of detail found (``name``, ``email``…)."""

    text: str
    found: tuple[str, ...]


def _dates(text: str, first_digit: int) -> list[tuple[int, int, str]]:
    spans = []
    if patterns.DATE_HINT.search(text, first_digit):
        for match in patterns.FULL_DATE.finditer(text):
            birth = patterns.BIRTH_CONTEXT.search(text[: match.start()])
            spans.append((match.start(), match.end(), "date_of_birth" if birth else "date"))
    lower = text.lower()
    if any(hint in lower for hint in patterns.BIRTH_HINTS):
        spans += [(m.start(1), m.end(1), "date_of_birth") for m in patterns.BIRTHDAY.finditer(text)]
    return spans


@lru_cache(maxsize=16)
def _listed(schools: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for the partnership's list of schools, the longest name first, so that
    "St Mary's Catholic Primary" is found whole rather than as "St Mary's"."""
    names = sorted({name.strip() for name in schools if name.strip()}, key=len, reverse=True)
    if not names:
        return None
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, names))})(?!\w)", re.IGNORECASE)


def _schools(text: str, schools: tuple[str, ...]) -> list[tuple[int, int, str]]:
    listed = _listed(schools)
    spans = [(m.start(), m.end(), "school") for m in listed.finditer(text)] if listed else []
    spaced = text.lower().replace("\n", " ")
    if not any(hint in spaced for hint in patterns.SCHOOL_HINTS):
        return spans
    for match in patterns.SCHOOL.finditer(text):
        found = match.group().rstrip()
        if not patterns.is_just_school_words(found):
            spans.append((match.start(), match.start() + len(found), "school"))
    return spans


def _spans(text: str, schools: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """Every detail found, the more certain kinds first. Each pattern is tried only where a
    cheap look says it could match: most statements have no digits, "@" or street words."""
    found = []
    if "@" in text:
        found += [(m.start(), m.end(), "email") for m in patterns.EMAIL.finditer(text)]
    if digit := patterns.DIGIT.search(text):
        # The hints for numbers need a digit: they are looked for from the first one on.
        first = digit.start()
        if len(patterns.DIGIT.findall(text, first)) >= patterns.NUMBER_DIGITS:
            found += [
                (m.start(), m.end(), "nhs_number") for m in patterns.NHS_NUMBER.finditer(text)
            ]
            found += [(m.start(), m.end(), "phone") for m in patterns.PHONE.finditer(text)]
        if patterns.LETTER_BY_DIGIT.search(text, max(0, first - 2)):
            found += [(m.start(), m.end(), "postcode") for m in patterns.POSTCODE.finditer(text)]
            found += [(m.start(), m.end(), "code") for m in patterns.CODE.finditer(text)]
        found += _dates(text, first)
        if patterns.HOUSE_NUMBER_HINT.search(text, first):
            found += [(m.start(), m.end(), "address") for m in patterns.ADDRESS.finditer(text)]
    if any(word in text for word in patterns.STREET_WORDS):
        found += [(m.start(), m.end(), "address") for m in patterns.STREET_NAME.finditer(text)]
    found += _schools(text, schools)
    found += [(start, end, "name") for start, end in name_spans(text)]
    return found


def redact(text: str, schools: Iterable[str] = ()) -> Redaction:
    """The text with every detail found replaced; where two overlap, the wider one wins."""
    chosen: list[tuple[int, int, str]] = []
    found = _spans(text, tuple(schools))
    for start, end, kind in sorted(found, key=lambda s: (s[0], -(s[1] - s[0]))):
        if chosen and start < chosen[-1][1]:
            continue
        chosen.append((start, end, kind))
    parts = []
    at = 0
    for start, end, kind in chosen:
        parts += [text[at:start], PLACEHOLDERS[kind]]
        at = end
    parts.append(text[at:])
    return Redaction("".join(parts), tuple(dict.fromkeys(kind for _s, _e, kind in chosen)))
