"""The columns of the responses export, each described for its data dictionary in English: what
it holds, the question's wording, the values it can take and how it is protected.

First come a few columns about the response and who sent it (taken from the response, so a
survey's "about you" questions have no column of their own), then one column per question in
the order of the newest wording, and one per card of a card sort.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from flask_babel import force_locale

from coprod.languages import DEFAULT_LANGUAGE, LANGUAGES
from coprod.surveys.definitions import Question, SurveyDefinition
from coprod.surveys.questions import question_type
from coprod.surveys.questions.card_sort import CardSort
from coprod.vocabulary import PREFER_NOT_TO_SAY, ROLES, in_english

#: Written instead of a free-text answer that raised a safeguarding concern.
WITHHELD = "[withheld: passed to the safeguarding lead]"
#: Written instead of free text whose personal details have not been taken out (its analysis
#: failed and is waiting to be run again).
NOT_CHECKED = "[withheld: not yet checked for personal details]"
#: The columns that could single someone out: a value given by too few people is hidden.
PROTECTED = ("language", "age_band", "school_phase", "primary_need", "area")
#: How a response can arrive, as the channel column says it.
CHANNELS = {
    "online": "sent from the web form",
    "shared_device": "sent from a group's shared device during a session",
    "demo": "made up by 'coprod demo' to try the platform, not a real person",
    "import": "imported from paper or another system",
}
DICTIONARY_HEADER = (
    "column",
    "what it holds",
    "question (in English)",
    "possible values",
    "how it is protected",
)


def hidden_marker(threshold: int) -> str:
    """Written instead of a value that too few people gave."""
    return f"[fewer than {threshold}]"


@dataclass(frozen=True)
class Column:
    """One column of the export and its line in the data dictionary."""

    name: str
    holds: str
    question: str = ""
    values: str = ""
    protection: str = ""
    #: The question whose answer it holds, and for a card sort the card.
    question_id: str | None = None
    card: str | None = None
    free_text: bool = False

    def dictionary_row(self) -> list[str]:
        """The column's line in the data dictionary, under DICTIONARY_HEADER."""
        return [self.name, self.holds, self.question, self.values, self.protection]

    def cell(self, value: Any) -> str:
        """A stored (closed) answer as the column shows it."""
        if self.card is not None:
            return str(value.get(self.card, "")) if isinstance(value, dict) else ""
        if value is None:
            return ""
        if isinstance(value, list):
            return "; ".join(str(chosen) for chosen in value)
        if isinstance(value, dict):
            return "; ".join(f"{key}: {chosen}" for key, chosen in value.items())
        return str(value)


def _labelled(pairs: Sequence[tuple[str, object]]) -> str:
    return "; ".join(f"{value} = {label}" for value, label in pairs)


def _options(question: Question) -> list[tuple[str, str]]:
    with force_locale(DEFAULT_LANGUAGE):
        return [(o.value, str(o.label)) for o in question_type(question).options()]


def _small_groups(threshold: int) -> str:
    marker = hidden_marker(threshold)
    return (
        f"A value given in fewer than {threshold} rows of this file is shown as {marker}. "
        "Where only one value would be hidden, the next smallest is hidden too, so the hidden "
        "one cannot be worked out."
    )


def _asked(definition: SurveyDefinition, attribute: str) -> Question | None:
    return next((q for q in definition.questions if q.representation == attribute), None)


def _about_the_person(
    definition: SurveyDefinition, attribute: str, holds: str, threshold: int
) -> Column:
    """A column about who answered, described from the survey's question that asks it."""
    question = _asked(definition, attribute)
    protection = _small_groups(threshold) if attribute in PROTECTED else ""
    if attribute == "role":
        holds += f" Where the person did not say: {definition.respondent_role or 'unknown'}."
    elif question is not None:
        holds += " Empty where the person chose 'Prefer not to say' or skipped the question."
    if question is not None:
        options = [(v, label) for v, label in _options(question) if v != PREFER_NOT_TO_SAY]
        return Column(
            attribute,
            holds,
            question=question.text,
            values=_labelled(options),
            protection=protection,
        )
    if attribute == "role":
        values = _labelled([(k, in_english(v)) for k, v in ROLES.items()])
    else:
        values = "Always empty: this survey does not ask it."
    return Column(attribute, holds, values=values, protection=protection)


def response_columns(
    slug: str, definitions: Sequence[SurveyDefinition], threshold: int
) -> list[Column]:
    """Every column, for the survey's wordings used (the newest first)."""
    newest = definitions[0]
    languages = _labelled([(code, lang.english_name) for code, lang in LANGUAGES.items()])
    return [
        Column(
            "row",
            "This row's number in this file only (1, 2, 3…), in the order the responses were "
            "sent. It is not the person's reference code and cannot be used to find them.",
            values="1 and up",
        ),
        Column("survey", "The survey the response answers.", values=slug),
        Column(
            "survey_version",
            "Which wording of the survey was answered: 1 for the first, then 2, 3… each time "
            "the survey's questions or words changed.",
            values="1 and up",
        ),
        Column(
            "submitted_on",
            "The day the response was sent (UTC), written year-month-day. No time of day.",
            values="e.g. 2026-03-02",
        ),
        Column(
            "language",
            "The language the person answered in.",
            values=languages,
            protection=_small_groups(threshold),
        ),
        Column(
            "format",
            "Whether the person answered the standard questions or the easy-read ones (short "
            "words and pictures).",
            values="standard = standard; easy-read = easy read",
        ),
        Column("channel", "How the response arrived.", values=_labelled(list(CHANNELS.items()))),
        _about_the_person(
            newest,
            "role",
            "Who answered, in general terms. Never a name.",
            threshold,
        ),
        _about_the_person(
            newest, "age_band", "The age of the child or young person, in bands.", threshold
        ),
        _about_the_person(
            newest, "school_phase", "Where the child or young person spends their day.", threshold
        ),
        _about_the_person(
            newest, "primary_need", "The child or young person's main need.", threshold
        ),
        _about_the_person(newest, "area", "The part of the area the family lives in.", threshold),
        *question_columns(definitions),
    ]


def question_columns(definitions: Sequence[SurveyDefinition]) -> list[Column]:
    """A column for each question asked in any of the wordings (newest first), except the
    questions about who answered, which the columns before them hold."""
    seen: dict[str, Question] = {}
    for definition in definitions:
        for question in definition.questions:
            if not question.representation and question.id not in seen:
                seen[question.id] = question
    return [column for question in seen.values() for column in _for_question(question)]


def _for_question(question: Question) -> list[Column]:
    kind = question_type(question)
    skipped = " Empty where the person skipped it."
    if isinstance(kind, CardSort):
        piles = _labelled(_options(question))
        return [
            Column(
                f"{question.id}.{card.value}",
                f"The pile the person put the card '{card.label}' in." + skipped,
                question=f"{question.text} — {card.label}",
                values=piles,
                question_id=question.id,
                card=card.value,
            )
            for card in question.cards
        ]
    if kind.name == "free_text":
        return [
            Column(
                question.id,
                "The person's own words, with personal details taken out." + skipped,
                question=question.text,
                values=f"Text, up to {question.max_length} characters.",
                protection="Names, emails, phone and NHS numbers, postcodes, dates of birth, "
                "addresses, schools and reference codes are replaced by placeholders such as "
                f"[name]. {WITHHELD} where the words raised a safeguarding concern; "
                f"{NOT_CHECKED} where they could not be checked yet. A leading ' stops a "
                "spreadsheet running the words as a formula.",
                question_id=question.id,
                free_text=True,
            )
        ]
    if kind.name == "number":
        low, high = question.minimum, question.maximum
        values = "A whole number" + (f" from {low} to {high}" if None not in (low, high) else "")
        values += f", in {question.unit}." if question.unit else "."
        return [
            Column(
                question.id,
                "The number given." + skipped,
                question=question.text,
                values=values,
                question_id=question.id,
            )
        ]
    holds = (
        "The options chosen, by value, all in this one column, separated by '; '."
        if kind.name == "multiple_choice"
        else "The option chosen, by value."
    )
    return [
        Column(
            question.id,
            holds + skipped,
            question=question.text,
            values=_labelled(_options(question)),
            question_id=question.id,
        )
    ]
