"""Regular expressions for the personal details that have a shape: emails, phone numbers, NHS
numbers, postcodes, dates, street addresses and school names. Names need more than a shape:
see names.py."""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+'-]+\s?@\s?[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Ten digits in threes and fours, or run together: checked before phone numbers.
NHS_NUMBER = re.compile(r"(?<![\d+])\d{3}[ -]?\d{3}[ -]?\d{4}(?!\d)")
# UK numbers: +44 or 0, then 9 or 10 more digits, spaced, dashed or bracketed any way.
PHONE = re.compile(r"(?<![\w+])(?:\+\s?44\s?(?:\(0\)\s?)?|\(?0)(?:[\s().-]*\d){9,10}(?!\d)")
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
# The codes the platform gives people (a reference after sending, a code to come back to a
# saved draft): eight letters and digits without look-alikes (0, 1, I, L, O), maybe as two
# fours joined by a dash, with at least one digit and one letter ("K7PM-4QXD", "rsp-k7pm4qxd").
_CODE_CHARACTER = "[A-HJKMNP-Z2-9]"
CODE = re.compile(
    rf"(?<![\w-])(?:RSP-)?(?=[\w-]*\d)(?=[\w-]*[A-Z])"
    rf"{_CODE_CHARACTER}{{4}}-?{_CODE_CHARACTER}{{4}}(?![\w-])",
    re.IGNORECASE,
)

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
# A whole date: 3/4/2014, 03.04.14, 3 April 2014, 12th March 2015, the 1st of May 2012,
# April 3rd 2014. A month and a year alone ("in May 2023") is not a whole date.
FULL_DATE = re.compile(
    rf"\b(?:[0-3]?\d[/.-][01]?\d[/.-](?:19|20)?\d\d|(?:19|20)\d\d-[01]\d-[0-3]\d"
    rf"|(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTHS}\.?,?\s+(?:19|20)\d\d"
    rf"|{_MONTHS}\.?\s+{_DAY},?\s+(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# Words before a date that make it a date of birth.
BIRTH_CONTEXT = re.compile(
    r"\b(?:born|birth|birthday|dob|d\.\s?o\.\s?b|date of birth)\b[^.!?\n]{0,30}$", re.IGNORECASE
)
# A birthday without a year: "born on 3rd March", "his birthday is the 12th of June".
BIRTHDAY = re.compile(
    rf"\b(?:born|birthday|dob|d\.\s?o\.\s?b)\b\W{{0,3}}(?:\w+\s+){{0,3}}?"
    rf"((?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTHS}|{_MONTHS}\s+{_DAY})\b",
    re.IGNORECASE,
)

_STREET = (
    r"(?:road|rd|street|lane|ln|avenue|ave|close|drive|way|crescent|cres|court|ct|"
    r"place|pl|gardens|grove|terrace|walk|hill|square|sq|mews|view|rise|row|parade|green|"
    r"boulevard|wharf|fold|croft|meadows?|park|approach|gate|end|side|vale|chase)\b"
    # "St" and "Dr" end a street unless a name follows: "6 St Bride's" is a school's name.
    r"|(?:st|dr)\b\.?(?!\s+[A-Z][a-z])"
)
# A house number and street ("14 Elm Road", "Flat 2, 33 Park Lane", "12a Victoria Street").
ADDRESS = re.compile(
    rf"(?:\b(?:flat|apartment|apt|unit)\s+\d+[a-z]?,?\s+)?(?<!year )\b\d{{1,4}}[a-z]?,?\s+"
    rf"(?:[A-Za-z][\w']*\s+){{1,3}}(?:{_STREET})\.?",
    re.IGNORECASE,
)
# A named street without a number, capitalised: "lives on Elm Road".
STREET_WORDS = (
    "Road", "Street", "Lane", "Avenue", "Close", "Drive", "Crescent", "Terrace", "Grove",
    "Gardens", "Mews", "Way",
)  # fmt: skip
STREET_NAME = re.compile(rf"\b(?:[A-Z][\w']+\s+){{1,2}}(?:{'|'.join(STREET_WORDS)})\b")

#: Words that end a school's name, in lower case.
SCHOOL_WORDS = (
    "primary", "junior", "infants?", "nursery", "secondary", "high", "grammar", "special",
    "academy", "college", "school", "catholic", "c of e", "ce", "church of england", "community",
    "free school", "sixth form", "pupil referral unit", "pru",
)  # fmt: skip
_SCHOOL_WORD = f"(?i:{'|'.join(SCHOOL_WORDS)})"
# Capitalised words ending in school words: "Oakfield Primary School", "St Anne's Catholic
# Primary", "Brookside Academy", "Hillcrest High".
SCHOOL = re.compile(
    rf"\b(?=[A-Z])(?:(?:St\.?|Saint)\s+)?(?!(?:The|A|An|My|Our|His|Her|Their|At|In|To|From|This|That|"
    rf"Local|Further|Special|Mainstream|Secondary|Primary|High|Junior|Infant|Nursery)\b)"
    rf"(?:[A-Z][\w'’-]+\s+){{1,3}}(?:{_SCHOOL_WORD}\b\s*)+",
)
_SCHOOL_ONLY = re.compile(rf"^(?:(?:St\.?|Saint)\s+)?(?:{_SCHOOL_WORD}\s*)+$", re.IGNORECASE)


# Cheap signs that a pattern above could match at all: most statements have no digits, no "@"
# and no street or school words, and these spare them the patterns. The signs of numbers are
# looked for from two characters before the first digit, as each holds a digit by then.
DIGIT = re.compile(r"\d")
#: NHS numbers have ten digits, UK phone numbers ten or more: nine is a safe least.
NUMBER_DIGITS = 9
#: Postcodes and the platform's codes have a letter beside a digit: "M1 1AE", "K7PM-4QXD".
LETTER_BY_DIGIT = re.compile(r"[A-Za-z]-?\d|\d-?[A-Za-z]")
DATE_HINT = re.compile(r"\d[/.-]|(?:19|20)\d\d")
BIRTH_HINTS = ("born", "birth", "dob", "d.")
HOUSE_NUMBER_HINT = re.compile(r"\d[a-z]?,?\s", re.IGNORECASE)
#: A school word always follows a space in cleaned text (SCHOOL wants a name before it).
SCHOOL_HINTS = tuple(" " + w.removesuffix("s?") for w in SCHOOL_WORDS)


def is_just_school_words(found: str) -> bool:
    """Whether a match names no school, only says what kind ("Primary School")."""
    return bool(_SCHOOL_ONLY.match(found.strip()))
