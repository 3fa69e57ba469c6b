"""A framework's focus areas as the tagger sees them: slugs, terms with weights, and examples.

Read straight from ``surveys/frameworks/<slug>.yaml`` (the catalogue checks those files; this
module only needs their terms) and the optional ``<slug>.examples.jsonl`` beside it: statements
labelled with their areas, which seed the learned model before anyone has corrected a tag.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from coprod.analysis.text import words

FRAMEWORKS_DIR = Path(__file__).resolve().parents[2] / "surveys" / "frameworks"
DEFAULT_FRAMEWORK = "default"


@dataclass(frozen=True)
class Term:
    """A word or phrase that points to an area; ``prefix`` when it ends in ``*`` (assess*)."""

    text: str
    words: tuple[str, ...]
    prefix: bool
    weight: float


@dataclass(frozen=True)
class AreaTerms:
    """One focus area: its slug and the terms people use for it."""

    slug: str
    terms: tuple[Term, ...]


@dataclass(frozen=True)
class Example:
    """A statement labelled with the areas it speaks to; ``weight`` counts it more or less."""

    text: str
    areas: frozenset[str]
    weight: float = 1.0


@dataclass(frozen=True)
class TermFramework:
    """What the tagger needs of a framework."""

    slug: str
    areas: tuple[AreaTerms, ...]
    examples: tuple[Example, ...] = ()

    @property
    def slugs(self) -> tuple[str, ...]:
        """The focus areas' slugs, in file order."""
        return tuple(area.slug for area in self.areas)


def term(text: str, weight: float = 1.0) -> Term:
    """A term as written in a framework file, cut into words the way statements are."""
    prefix = text.rstrip().endswith("*")
    return Term(text, tuple(words(text.rstrip("* "))), prefix, float(weight))


def framework_from_data(raw: dict[str, Any], examples: tuple[Example, ...] = ()) -> TermFramework:
    """A framework from a loaded framework file's data."""
    areas = tuple(
        AreaTerms(
            area["slug"],
            tuple(
                t
                for entry in area.get("terms") or ()
                if (t := term(entry["term"], entry.get("weight", 1.0))).words
            ),
        )
        for area in raw["focus_areas"]
    )
    return TermFramework(raw["slug"], areas, examples)


def load_framework(path: Path) -> TermFramework:
    """The framework in a YAML file, with the examples file beside it if there is one."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    examples_path = path.with_name(f"{path.stem}.examples.jsonl")
    examples = load_examples(examples_path) if examples_path.exists() else ()
    return framework_from_data(raw, examples)


def load_examples(path: Path) -> tuple[Example, ...]:
    """Labelled statements, a JSON object per line with ``text`` and ``focus_areas``."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            found.append(Example(item["text"], frozenset(item["focus_areas"])))
    return tuple(found)


@cache
def shipped_framework(slug: str = DEFAULT_FRAMEWORK) -> TermFramework:
    """A framework shipped in ``surveys/frameworks``, loaded once per process."""
    return load_framework(FRAMEWORKS_DIR / f"{slug}.yaml")
