"""The languages coprod is offered in, each named in its own script, and their direction."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """A language people can choose."""

    code: str
    #: The language's name in its own script, as its speakers look for it.
    own_name: str
    english_name: str
    right_to_left: bool = False


LANGUAGES: dict[str, Language] = {
    language.code: language
    for language in (
        Language("en", "English", "English"),
        Language("pl", "Polski", "Polish"),
        Language("pa", "ਪੰਜਾਬੀ", "Punjabi (Gurmukhi)"),
        Language("ur", "اردو", "Urdu", right_to_left=True),
        Language("ro", "Română", "Romanian"),
        Language("ar", "العربية", "Arabic", right_to_left=True),
    )
}
DEFAULT_LANGUAGE = "en"
FORMATS = ("standard", "easy-read")


def language(code: str | None) -> Language:
    """The language with that code, or English for anything unknown."""
    return LANGUAGES.get(code or "", LANGUAGES[DEFAULT_LANGUAGE])
