"""What export and import of XLSForm agree on: column names, language headers and types.

XLSForm (used by KoboToolbox and ODK) keeps a form in a workbook: a ``survey`` sheet (one row a
question), a ``choices`` sheet (one row an answer, grouped in lists) and a ``settings`` sheet.
Text in several languages sits in columns such as ``label::Polski (pl)``. What XLSForm has no
column for (easy-read wording, focus areas, scores, symbols) goes in ``coprod_`` columns, which
XLSForm tools ignore, so a form leaves coprod and comes back with nothing lost.
"""

from __future__ import annotations

import re

from coprod.languages import DEFAULT_LANGUAGE, LANGUAGES, Language

PREFIX = "coprod_"
#: Question types whose answers are a fixed scale, sent as a shared choice list of that name.
SCALE_LISTS = {"agreement": "coprod_agreement", "faces": "coprod_faces", "yes_no": "coprod_yes_no"}
#: The choice list of a card sort's piles, and its piles (value, English label).
PILES_LIST = "coprod_piles"
PILES = (("good", "Good"), ("not_sure", "Not sure"), ("not_good", "Not good"))
#: Where a note row came from: the paragraphs before or after the questions.
NOTE_PARTS = ("about", "what_happens_next")

#: Question keys with text in every language: (our key, XLSForm column base name).
QUESTION_TEXTS = (
    ("text", "label"),
    ("hint", "hint"),
    ("easy_read", "coprod_easy_read"),
    ("easy_read_hint", "coprod_easy_read_hint"),
    ("explain", "coprod_explain"),
    ("symbol_alt", "coprod_symbol_alt"),
)
#: Choice (option or card) keys with text in every language.
CHOICE_TEXTS = (("label", "label"), ("easy_read", "coprod_easy_read"), ("hint", "coprod_hint"))
#: Survey keys with text in every language, kept on the settings sheet (form_title is English).
SETTINGS_TEXTS = (
    ("title", "coprod_title"),
    ("summary", "coprod_summary"),
    ("audience", "coprod_audience"),
)
#: Survey keys kept as they are on the settings sheet.
SETTINGS_VALUES = (
    ("framework", "coprod_framework"),
    ("status", "coprod_status"),
    ("estimated_minutes", "coprod_estimated_minutes"),
    ("respondent_role", "coprod_respondent_role"),
    ("retention_months", "coprod_retention_months"),
)

#: XLSForm types people fill in that coprod cannot ask, and why, in words for the form's author.
UNSUPPORTED = {
    "geopoint": "a place on a map cannot be asked in coprod",
    "geotrace": "a line on a map cannot be asked in coprod",
    "geoshape": "a shape on a map cannot be asked in coprod",
    "image": "coprod takes no photos or pictures",
    "audio": "coprod takes no sound recordings",
    "background-audio": "coprod takes no sound recordings",
    "video": "coprod takes no videos",
    "file": "coprod takes no uploaded files",
    "barcode": "coprod cannot scan codes",
    "calculate": "coprod does not calculate values inside a form",
    "hidden": "coprod does not keep hidden values inside a form",
    "begin_repeat": "coprod cannot repeat a set of questions",
    "date": "coprod has no date question, and a date can identify a family",
    "time": "coprod has no time question",
    "datetime": "coprod has no date question, and a date can identify a family",
    "range": "coprod has no slider: use integer with a constraint",
    "rank": "coprod has no ranking question",
    "acknowledge": "coprod has no tick-to-agree question: use select_one",
}
#: XLSForm metadata (the device's clock, its number…): not questions, and never kept.
METADATA = frozenset(
    {
        "start",
        "end",
        "today",
        "deviceid",
        "phonenumber",
        "username",
        "email",
        "simserial",
        "subscriberid",
        "audit",
        "start-geopoint",
    }
)
#: Columns whose meaning coprod cannot keep: a row that fills one in is refused.
MEANINGFUL = {
    "relevant": "coprod shows every question to everyone (anyone may skip one)",
    "relevance": "coprod shows every question to everyone (anyone may skip one)",
    "calculation": "coprod does not calculate values inside a form",
    "repeat_count": "coprod cannot repeat a set of questions",
    "choice_filter": "coprod shows every answer of a list",
    "image": "coprod shows no media from a form",
    "audio": "coprod shows no media from a form",
    "video": "coprod shows no media from a form",
    "media": "coprod shows no media from a form",
}

#: Every column that holds text in a language.
TEXT_COLUMNS = frozenset(base for _key, base in (*QUESTION_TEXTS, *CHOICE_TEXTS, *SETTINGS_TEXTS))

_CHOICE_EXTRA = re.compile(r"^(?P<base>coprod_[a-z_]+?)__(?P<code>[a-z]{2,3})$")
_CODED = re.compile(r"^(?P<name>.*?)\s*\((?P<code>[A-Za-z-]{2,10})\)$")
MAX_LENGTH = re.compile(r"^\s*string-length\(\s*\.\s*\)\s*<=\s*(?P<n>\d+)\s*$")
BOUND = re.compile(r"^\s*\.\s*(?P<op>>=|<=)\s*(?P<n>-?\d+)\s*$")


def language_header(base: str, code: str) -> str:
    """``label::Polski (pl)``: the language's own name, as speakers look for it, and its code."""
    return f"{base}::{LANGUAGES[code].own_name} ({code})"


def choice_header(base: str, code: str) -> str:
    """A choices-sheet column: ``label::Polski (pl)``, but ``coprod_easy_read__pl`` for our own
    columns, as XLSForm tools copy extra choice columns into the form and reject ``::`` there."""
    return language_header(base, code) if base == "label" else f"{base}__{code}"


def language_label(code: str) -> str:
    """``English (en)``: how XLSForm settings name a language."""
    return f"{LANGUAGES[code].own_name} ({code})"


class UnknownLanguage(ValueError):
    """A column names a language coprod does not offer."""


def split_header(header: str, default_language: str = DEFAULT_LANGUAGE) -> tuple[str, str | None]:
    """``("label", "pl")`` from ``label::Polski (pl)``; ``("type", None)`` for a plain column.

    ``label`` alone is in the form's default language. A language is known by its code in
    brackets, or by its English or own name (``label::Polish``)."""
    parts = header.split("::")
    base = parts[0].strip()
    base = base if base.startswith(PREFIX) else base.lower()
    if len(parts) > 1:
        return base, language_code(parts[-1])
    coded = _CHOICE_EXTRA.match(base)
    if coded:
        return coded["base"], language_code(f"({coded['code']})")
    return base, default_language if base in TEXT_COLUMNS else None


def language_code(named: str) -> str:
    """The code of a language written as ``Polski (pl)``, ``Polish`` or ``Polski``."""
    coded = _CODED.match(named.strip())
    if coded:
        code = coded["code"].lower()
        if code in LANGUAGES:
            return code
        raise UnknownLanguage(named)
    for language in LANGUAGES.values():
        if named.strip().casefold() in _names(language):
            return language.code
    raise UnknownLanguage(named)


def _names(language: Language) -> set[str]:
    return {language.own_name.casefold(), language.english_name.casefold(), language.code}


def offered_languages() -> str:
    """The languages coprod offers, for a message: ``English (en), Polski (pl), …``."""
    return ", ".join(language_label(code) for code in LANGUAGES)
