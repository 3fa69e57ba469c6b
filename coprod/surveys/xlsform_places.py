"""Where each part of an imported definition came from, and the translations found on the way:
what lets every problem name its sheet, row and column."""

from __future__ import annotations

from collections import defaultdict

from coprod.languages import DEFAULT_LANGUAGE
from coprod.surveys.survey_translations import Translations
from coprod.surveys.xlsform_sheets import Row, XLSFormProblem
from coprod.surveys.yaml_lines import Path_

Spot = tuple[str | None, int | None, str | None]


def yes_no(value: str) -> bool | None:
    """``yes``/``true``/``1`` -> True, ``no``/``false``/``0`` -> False, empty -> None."""
    word = value.strip().lower()
    if word in ("", "none"):
        return None
    if word in ("yes", "true", "1", "true()"):
        return True
    if word in ("no", "false", "0", "false()"):
        return False
    raise ValueError(value)


class Places:
    """Where each part of the definition came from, so a check's problem names the row.

    ``lines`` maps a definition path to a number, as the checks in catalogue.py expect of a
    file's lines; the number indexes ``spots``. Number 1 is "nowhere in particular"."""

    def __init__(self) -> None:
        self.spots: list[Spot] = [(None, None, None), (None, None, None)]
        self.lines: dict[Path_, int] = {}

    def mark(
        self, path: Path_, sheet: str | None, row: int | None, column: str | None = None
    ) -> None:
        self.spots.append((sheet, row, column))
        self.lines[path] = len(self.spots) - 1

    def place(self, path: Path_) -> Spot:
        return self.spots[self.lines.get(path, 1)]

    def at_line(self, line: int) -> Spot:
        return self.spots[line]


class TextCollector:
    """Translations found in rows, each English text translated once in each language."""

    def __init__(self, problems: list[XLSFormProblem]) -> None:
        self.problems = problems
        self._found: dict[str, dict[str, tuple[str, Row]]] = defaultdict(dict)

    def add(self, english: str, languages: dict[str, str], row: Row, base: str) -> None:
        """Record the non-English texts of a row's columns of one base name."""
        for language, text in languages.items():
            if language == DEFAULT_LANGUAGE:
                continue
            heading = row.heading(base, language)
            if not english:
                self._problem(f"has text but {base} has none in English (en)", row, heading)
                continue
            earlier = self._found[language].get(english.strip())
            if earlier is not None and earlier[0] != text:
                self._problem(
                    f'"{text}" translates "{english}", which {earlier[1].sheet} sheet row '
                    f'{earlier[1].number} translates "{earlier[0]}": use one translation',
                    row,
                    heading,
                )
                continue
            self._found[language][english.strip()] = (text, row)

    def _problem(self, message: str, row: Row, column: str) -> None:
        self.problems.append(XLSFormProblem(message, row.sheet, row.number, column))

    def translations(self) -> Translations:
        """Every language's translations, by English text."""
        return {
            language: {english: text for english, (text, _row) in found.items()}
            for language, found in self._found.items()
            if found
        }
