"""Who has been heard, against who should be: the partnership's population figures beside the
people who answered in the period, with under-heard groups named, for the evidence pages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from coprod.db import db_session
from coprod.evidence.periods import Period
from coprod.evidence.population import (
    GroupComparison,
    Population,
    PopulationProblem,
    load_population,
    representation,
    under_heard,
)
from coprod.services.representation import heard
from coprod.vocabulary import AGE_BANDS, REPRESENTATION_ATTRIBUTES, ROLES
from coprod.web.respond.flow import SURVEY_TEXT, catalogue


@dataclass(frozen=True)
class Heard:
    """What the evidence pages show about representation; ``problem`` explains a bad file and
    ``missing`` says no file has been set up (then nothing else is set)."""

    population: Population | None = None
    comparisons: tuple[GroupComparison, ...] = ()
    under_heard: tuple[GroupComparison, ...] = ()
    problem: str | None = None
    missing: Path | None = None


def population_path() -> Path:
    """The configured population file; a relative path is inside the instance folder."""
    configured = Path(str(current_app.config["POPULATION_FILE"]))
    return configured if configured.is_absolute() else Path(current_app.instance_path) / configured


def answer_names() -> dict[str, dict[str, str]]:
    """Every answer the surveys offer about who is answering, named in the page's language."""
    names: dict[str, dict[str, str]] = {
        "role": {k: str(v) for k, v in ROLES.items()},
        "age_band": {k: str(v) for k, v in AGE_BANDS.items()},
    }
    for definition in catalogue().surveys.values():
        for question in definition.questions:
            if question.representation:
                named = names.setdefault(question.representation, {})
                for option in question.options:
                    named.setdefault(option.value, str(SURVEY_TEXT.gettext(option.label)))
    return names


def who_was_heard(period: Period, threshold: int, names: dict[str, dict[str, str]]) -> Heard:
    """The period's representation, or why it cannot be shown; ``names`` are answer_names()."""
    path = population_path()
    if not path.exists():
        return Heard(missing=path)
    offered = {attribute: set(values) for attribute, values in names.items()}
    try:
        population = load_population(path, REPRESENTATION_ATTRIBUTES, offered)
    except PopulationProblem as problem:
        return Heard(problem=str(problem))
    compared = representation(
        population, heard(db_session(), period, list(population.groups)), threshold
    )
    return Heard(population, tuple(compared), tuple(under_heard(compared)))
