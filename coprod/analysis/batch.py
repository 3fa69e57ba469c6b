"""Analyse statements a JSON line at a time, for ``coprod analyse`` and ``coprod evaluate``:
a line that cannot be read is reported by its number and the others go on."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from coprod.analysis import Analyser, Analysis, NothingToAnalyse


@dataclass(frozen=True)
class LineResult:
    """One input line: its number, what it held, and its analysis or the problem with it."""

    number: int
    item: dict[str, Any]
    analysis: Analysis | None = None
    problem: str | None = None


def read_item(line: str, needs: tuple[str, ...] = ()) -> dict[str, Any]:
    """One line's object; raises ValueError in plain words if it is not one we can use."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"not valid JSON ({error.msg} at character {error.pos + 1})") from None
    if not isinstance(item, dict):
        raise ValueError('must be a JSON object such as {"id": 1, "text": "..."}')
    text = item.get("text")
    if not isinstance(text, str):
        raise ValueError('has no "text" (it must be a string)')
    for key in needs:
        if key not in item:
            raise ValueError(f'has no "{key}"')
    return item


def analyse_lines(
    lines: Iterable[str], analyser: Analyser, needs: tuple[str, ...] = ()
) -> Iterator[LineResult]:
    """Each non-blank line analysed, or the reason it could not be."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = read_item(line, needs)
            yield LineResult(number, item, analyser.analyse(item["text"]))
        except NothingToAnalyse as error:
            yield LineResult(number, {}, problem=f'"text" is empty: {error}')
        except ValueError as error:
            yield LineResult(number, {}, problem=str(error))
