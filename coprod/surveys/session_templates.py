"""Session templates: suggested prompts per focus area, group votes and cards for a kind of group.

A template is data in ``surveys/sessions/*.yaml``, checked like a survey and translated like one
(its ``title``, ``summary``, ``prompts`` and ``text`` are in the surveys catalogue).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coprod.surveys.schema import SLUG, TEXT
from coprod.surveys.yaml_lines import Path_, describe_path, line_for
from coprod.vocabulary import ADJUSTMENTS, GROUP_TYPES, TALLY_OPTION_SETS

SESSION_TEMPLATE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["slug", "title", "group_type", "prompts"],
    "properties": {
        "slug": SLUG,
        "title": TEXT,
        "summary": TEXT,
        "group_type": {"enum": list(GROUP_TYPES)},
        "framework": SLUG,
        "adjustments": {
            "type": "array",
            "items": {"enum": list(ADJUSTMENTS)},
            "uniqueItems": True,
        },
        "prompts": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["focus_area", "prompts"],
                "properties": {
                    "focus_area": SLUG,
                    "prompts": {"type": "array", "minItems": 1, "items": TEXT},
                },
            },
        },
        "tallies": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["text", "options", "focus_area"],
                "properties": {
                    "text": TEXT,
                    "options": {"enum": list(TALLY_OPTION_SETS)},
                    "focus_area": SLUG,
                },
            },
        },
        "cards": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["text", "focus_area"],
                "properties": {"text": TEXT, "focus_area": SLUG},
            },
        },
    },
}


@dataclass(frozen=True)
class SuggestedTally:
    """A question to put to the group, with ready-made options (faces or yes/no)."""

    text: str
    options: str
    focus_area: str


@dataclass(frozen=True)
class SuggestedCard:
    """A card for a group card sort."""

    text: str
    focus_area: str


@dataclass(frozen=True)
class SessionTemplate:
    """What a facilitator is offered for one kind of group session."""

    slug: str
    title: str
    group_type: str
    framework: str
    summary: str | None
    adjustments: tuple[str, ...]
    #: Prompts by focus area slug, in file order.
    prompts: tuple[tuple[str, tuple[str, ...]], ...]
    tallies: tuple[SuggestedTally, ...]
    cards: tuple[SuggestedCard, ...]


def template_from_dict(raw: dict[str, Any]) -> SessionTemplate:
    """A template from its checked file contents."""
    return SessionTemplate(
        slug=raw["slug"],
        title=raw["title"],
        group_type=raw["group_type"],
        framework=raw.get("framework", "default"),
        summary=raw.get("summary"),
        adjustments=tuple(raw.get("adjustments", ())),
        prompts=tuple((p["focus_area"], tuple(p["prompts"])) for p in raw["prompts"]),
        tallies=tuple(
            SuggestedTally(t["text"], t["options"], t["focus_area"]) for t in raw.get("tallies", ())
        ),
        cards=tuple(SuggestedCard(c["text"], c["focus_area"]) for c in raw.get("cards", ())),
    )


def template_area_problems(
    path: Path, raw: dict[str, Any], lines: dict[Path_, int], area_slugs: set[str] | None
) -> list[tuple[int, str, str]]:
    """(line, key, message) for every focus area the template names that its framework lacks."""
    framework = raw.get("framework", "default")
    if area_slugs is None:
        return [(line_for(lines, ("framework",)), "framework", f"no framework '{framework}'")]
    found = []
    places: list[Path_] = [("prompts", i, "focus_area") for i in range(len(raw["prompts"]))]
    places += [("tallies", i, "focus_area") for i in range(len(raw.get("tallies", ())))]
    places += [("cards", i, "focus_area") for i in range(len(raw.get("cards", ())))]
    for where in places:
        slug = raw[where[0]][where[1]]["focus_area"]  # type: ignore[index]
        if slug not in area_slugs:
            found.append(
                (
                    line_for(lines, where),
                    describe_path(where),
                    f"'{slug}' is not a focus area of framework '{framework}'",
                )
            )
    return found
