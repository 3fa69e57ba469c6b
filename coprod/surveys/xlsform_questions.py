"""The ``survey`` sheet of an XLSForm, row by row, as our questions and paragraphs; see
``xlsform_import`` for the whole workbook and ``xlsform_layout`` for the columns."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from coprod.languages import DEFAULT_LANGUAGE
from coprod.surveys.xlsform_layout import (
    BOUND,
    CHOICE_TEXTS,
    MAX_LENGTH,
    MEANINGFUL,
    METADATA,
    NOTE_PARTS,
    QUESTION_TEXTS,
    SCALE_LISTS,
    UNSUPPORTED,
)
from coprod.surveys.xlsform_places import Places, TextCollector, yes_no
from coprod.surveys.xlsform_sheets import Row, XLSFormProblem
from coprod.vocabulary import PREFER_NOT_TO_SAY

#: Our keys in the order survey files write them.
QUESTION_ORDER = [
    "id",
    "type",
    "text",
    "easy_read",
    "hint",
    "easy_read_hint",
    "explain",
    "symbol",
    "symbol_alt",
    "representation",
    "prefer_not_to_say",
    "required",
    "focus_areas",
    "reverse",
    "minimum",
    "maximum",
    "unit",
    "max_length",
    "options",
    "cards",
]
#: The same type written the ways XLSForm tools accept.
SPELLINGS = {
    "begin group": "begin_group",
    "end group": "end_group",
    "begin repeat": "begin_repeat",
    "end repeat": "end_repeat",
    "select one": "select_one",
    "select multiple": "select_multiple",
    "int": "integer",
}


class QuestionReader:
    """Reads survey rows in order into ``questions`` and ``notes``, adding problems and notices."""

    def __init__(
        self,
        choice_rows: list[Row],
        texts: TextCollector,
        places: Places,
        problems: list[XLSFormProblem],
        notices: list[str],
    ) -> None:
        self.texts, self.places, self.problems, self.notices = texts, places, problems, notices
        self.lists: dict[str, list[Row]] = defaultdict(list)
        for row in choice_rows:
            if row.get("list_name"):
                self.lists[row.get("list_name")].append(row)
            else:
                self._problem("the list_name is empty", row, "list_name")
        self.questions: list[dict[str, Any]] = []
        self.notes: dict[str, list[str]] = {part: [] for part in NOTE_PARTS}
        self._loose_notes: list[tuple[int, str, Row]] = []
        self._names: dict[str, int] = {}
        self._groups: list[Row] = []
        self._card_sort: tuple[dict[str, Any], Row] | None = None

    def _problem(self, message: str, row: Row, column: str | None = None) -> None:
        self.problems.append(XLSFormProblem(message, row.sheet, row.number, column))

    def read(self, rows: list[Row]) -> None:
        """Read every row, then place the notes that did not say where they belong."""
        for row in rows:
            self._row(row)
        if self._card_sort is not None:
            self._problem("this card sort is never closed by an end_group row", self._card_sort[1])
        for group in self._groups:
            self._problem("this group is never closed by an end_group row", group)
        for position, text, row in self._loose_notes:
            part = "what_happens_next" if position == len(self.questions) else "about"
            if 0 < position < len(self.questions):
                self.notices.append(
                    f"survey sheet, row {row.number}: the note is shown before the survey "
                    "starts, with the other notes (coprod shows no notes between questions)"
                )
            self.notes[part].append(text)

    def _row(self, row: Row) -> None:
        kind_text = " ".join(row.get("type").lower().split())
        for spelling, standard in SPELLINGS.items():
            if kind_text == spelling or kind_text.startswith(spelling + " "):
                kind_text = standard + kind_text[len(spelling) :]
        words = kind_text.split(" ")
        kind = words[0]
        if not kind:
            self._problem("the type is empty", row, "type")
            return
        for base, reason in MEANINGFUL.items():
            filled = [
                h for (b, _lang), h in row.headings.items() if b == base and row.get(b, _lang)
            ]
            if filled:
                self._problem(f"{filled[0]} is not supported ({reason})", row, filled[0])
        if kind == "end_group":
            self._end_group(row)
        elif self._card_sort is not None:
            self._card(row, kind)
        elif kind == "begin_group":
            self._begin_group(row)
        elif kind in METADATA:
            self.notices.append(
                f'survey sheet, row {row.number}: "{kind}" is not kept '
                "(coprod records nothing about the device or the person's account)"
            )
        elif kind == "end_repeat":
            return  # its begin_repeat row is already refused
        elif kind in UNSUPPORTED:
            self._unsupported(row, kind, UNSUPPORTED[kind])
        elif kind == "note":
            self._note(row)
        elif kind in ("text", "integer", "decimal", "select_one", "select_multiple"):
            self._question(row, kind, words[1:])
        else:
            self._unsupported(row, kind, "coprod has no question of this kind")

    def _unsupported(self, row: Row, kind: str, reason: str) -> None:
        self._problem(f'question type "{kind}" is not supported ({reason})', row, "type")

    def _named(self, row: Row) -> str | None:
        name = row.get("name")
        if not name:
            self._problem("the name is empty: every question needs one", row, "name")
            return None
        if name in self._names:
            self._problem(f'the name "{name}" is also used on row {self._names[name]}', row, "name")
            return None
        self._names[name] = row.number
        return name

    def _note(self, row: Row) -> None:
        labels = row.languages("label")
        english = labels.get(DEFAULT_LANGUAGE, "")
        self.texts.add(english, labels, row, "label")
        if not english:
            self._problem("the note has no label in English (en)", row, "label")
            return
        part = row.get("coprod_part")
        if part in NOTE_PARTS:
            self.notes[part].append(english)
        elif part:
            self._problem(
                f"coprod_part must be one of: {', '.join(NOTE_PARTS)}", row, "coprod_part"
            )
        else:
            self._loose_notes.append((len(self.questions), english, row))

    def _begin_group(self, row: Row) -> None:
        if row.get("coprod_type") == "card_sort":
            question = self._common(row, "card_sort")
            if question is not None:
                question["cards"] = []
                self._card_sort = (question, row)
            return
        self._groups.append(row)
        name = row.get("name") or row.get("label", DEFAULT_LANGUAGE)
        self.notices.append(
            f'survey sheet, row {row.number}: the group "{name}" is not kept; its questions '
            "are asked one a page like every other"
        )

    def _end_group(self, row: Row) -> None:
        if self._card_sort is not None:
            question, begun = self._card_sort
            self._card_sort = None
            self._add(question, begun)
        elif self._groups:
            self._groups.pop()
        else:
            self._problem("end_group has no begin_group before it", row, "type")

    def _card(self, row: Row, kind: str) -> None:
        if kind != "select_one":
            self._problem("a card sort holds only select_one rows, one for each card", row, "type")
            return
        question, _begun = self._card_sort or ({}, row)
        card: dict[str, Any] = {"value": row.get("name")}
        if not card["value"]:
            self._problem("the name is empty: every card needs one", row, "name")
        self._texts(card, row, CHOICE_TEXTS[:2])
        card = {
            "value": card["value"],
            "label": card.get("label", ""),
            "focus_areas": row.get("coprod_focus_areas").split(),
            **{k: v for k, v in card.items() if k not in ("value", "label")},
        }
        if row.get("coprod_symbol"):
            card["symbol"] = row.get("coprod_symbol")
        where = ("questions", len(self.questions), "cards", len(question["cards"]))
        self.places.mark(where, row.sheet, row.number)
        question["cards"].append(card)

    def _texts(self, item: dict[str, Any], row: Row, pairs: tuple[tuple[str, str], ...]) -> None:
        for key, base in pairs:
            languages = row.languages(base)
            english = languages.get(DEFAULT_LANGUAGE, "")
            if english:
                item[key] = english
            self.texts.add(english, languages, row, base)

    def _common(self, row: Row, kind: str) -> dict[str, Any] | None:
        """The keys every question has, from the row's columns."""
        name = self._named(row)
        question: dict[str, Any] = {"id": name, "type": kind}
        self._texts(question, row, QUESTION_TEXTS)
        if "text" not in question:
            self._problem("the question has no label in English (en)", row, "label")
        for key, column in (
            ("symbol", "coprod_symbol"),
            ("representation", "coprod_representation"),
            ("unit", "coprod_unit"),
        ):
            if row.get(column):
                question[key] = row.get(column)
        if row.get("coprod_focus_areas"):
            question["focus_areas"] = row.get("coprod_focus_areas").split()
        for key, column in (
            ("required", "required"),
            ("reverse", "coprod_reverse"),
            ("prefer_not_to_say", "coprod_prefer_not_to_say"),
        ):
            try:
                flag = yes_no(row.get(column))
            except ValueError:
                self._problem(
                    f'"{row.get(column)}" must be yes or no '
                    "(coprod does not ask a question only sometimes)",
                    row,
                    column,
                )
                continue
            if flag is not None:
                question[key] = flag
        return question if name else None

    def _add(self, question: dict[str, Any], row: Row) -> None:
        at = ("questions", len(self.questions))
        self.places.mark(at, row.sheet, row.number)
        for key in question:
            self.places.mark(
                (*at, key),
                row.sheet,
                row.number,
                row.heading(key) if key in ("type", "required") else None,
            )
        self.questions.append({key: question[key] for key in QUESTION_ORDER if key in question})

    def _question(self, row: Row, kind: str, rest: list[str]) -> None:
        ours = {"text": "free_text", "integer": "number", "decimal": "number"}.get(kind)
        coprod_type = row.get("coprod_type")
        if kind in ("select_one", "select_multiple"):
            ours = coprod_type if kind == "select_one" and coprod_type in SCALE_LISTS else None
            ours = ours or ("single_choice" if kind == "select_one" else "multiple_choice")
        question = self._common(row, ours or "free_text")
        if question is None:
            return
        if kind == "decimal":
            self.notices.append(
                f"survey sheet, row {row.number}: the decimal question asks for a whole number "
                "(coprod's number questions take whole numbers)"
            )
        if kind in ("select_one", "select_multiple"):
            self._choices(question, row, rest)
        else:
            self._constraint(question, row)
        self._add(question, row)

    def _constraint(self, question: dict[str, Any], row: Row) -> None:
        constraint = row.get("constraint")
        if not constraint:
            return
        if question["type"] == "free_text" and (match := MAX_LENGTH.match(constraint)):
            question["max_length"] = int(match["n"])
            return
        parts = [BOUND.match(part) for part in constraint.split(" and ")]
        if question["type"] == "number" and all(parts):
            for match in parts:
                assert match is not None
                question["minimum" if match["op"] == ">=" else "maximum"] = int(match["n"])
            return
        self._problem(
            f'the constraint "{constraint}" cannot be kept: coprod limits text by its length '
            "(string-length(.) <= 500) and numbers by a range (. >= 0 and . <= 20)",
            row,
            "constraint",
        )

    def _choices(self, question: dict[str, Any], row: Row, rest: list[str]) -> None:
        if not rest:
            self._problem("the type does not name its list of choices", row, "type")
            return
        if "or_other" in rest[1:]:
            self._problem(
                '"or_other" is not supported (coprod has no "please say" box): add an "other" '
                "choice and a text question after it",
                row,
                "type",
            )
            return
        list_name = rest[0]
        if list_name not in self.lists:
            self._problem(f'the list "{list_name}" is not on the choices sheet', row, "type")
            return
        choices = self.lists[list_name]
        offers_prefer = any(choice.get("name") == PREFER_NOT_TO_SAY for choice in choices)
        if offers_prefer and "prefer_not_to_say" not in question:
            question["prefer_not_to_say"] = True
        if question["type"] in SCALE_LISTS:
            return  # coprod words a scale's answers itself, in every language
        options: list[dict[str, Any]] = []
        for choice in choices:
            value = choice.get("name")
            if value == PREFER_NOT_TO_SAY:
                continue
            if not value:
                self._problem("the name is empty: every choice needs one", choice, "name")
            option: dict[str, Any] = {"value": value}
            self._texts(option, choice, CHOICE_TEXTS)
            option = {"value": value, "label": option.get("label", ""), **option}
            if choice.get("coprod_score"):
                try:
                    option["score"] = _number(choice.get("coprod_score"))
                except ValueError:
                    self._problem("must be a number from -1 to 1", choice, "coprod_score")
            if choice.get("coprod_symbol"):
                option["symbol"] = choice.get("coprod_symbol")
            where = ("questions", len(self.questions), "options", len(options))
            self.places.mark(where, choice.sheet, choice.number)
            options.append(
                {
                    k: option[k]
                    for k in ("value", "label", "hint", "score", "easy_read", "symbol")
                    if k in option
                }
            )
        question["options"] = options


def _number(text: str) -> int | float:
    return int(text) if text.lstrip("-").isdigit() else float(text)
