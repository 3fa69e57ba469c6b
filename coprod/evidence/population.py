"""Representation: who has been heard, against the children the partnership serves.

The partnership describes the children it serves in a population file (how many children with
an EHC plan, by main need, age band, where they spend their day and where they live). The
people heard in a period are compared with it, group by group, and a group is named
**under-heard** when both of these are true:

- its share of the people heard is less than two thirds of its share of the children; and
- so few were heard that chance is an unlikely explanation: if the people who answered had been
  picked at random from the children, so few or fewer would turn up less than 1 time in 20 (a
  one-sided exact binomial test at the 5% level).

Only people who answered the question count (the base); those who did not say are shown apart.
Nothing is named when fewer than the disclosure threshold answered. Heard counts pass through
the same disclosure control as every other figure: a hidden count is never shown, a share is
shown only on a shown count and a shown base, and a hidden group may still be named as
under-heard, since naming it shows no count.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

import yaml

from coprod.evidence.disclosure import DEFAULT_THRESHOLD, checked_threshold, suppress_line

#: The population's catch-all: counted in the total, never named as under-heard.
NOT_KNOWN = "not_known"
#: The key under which heard counts gather the people who did not say (empty or prefer not to say).
NOT_SAID = "not_said"
#: Values a population group may not use: they describe no group of children.
RESERVED = (NOT_SAID, "prefer_not_to_say")
#: A group is under-heard when its heard share is below this fraction of its population share…
UNDER_HEARD_RATIO = 2 / 3
#: … and chance would give so few heard less often than this.
SIGNIFICANCE = 0.05
FIELDS = ("title", "source", "total", "groups")

#: What a row compares: a group of the population, its catch-all, an answer the population
#: figures do not have, or the people who did not say.
Kind = Literal["group", "not_known", "not_in_population", "not_said"]


class PopulationProblem(ValueError):
    """A population file that cannot be used, with every problem in it in plain words."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Population:
    """The children the partnership serves, counted by the attributes the surveys ask about."""

    title: str
    source: str
    total: int
    #: attribute → value → number of children; each attribute's counts add up to ``total``.
    groups: dict[str, dict[str, int]]

    def share(self, attribute: str, value: str) -> float | None:
        """The value's share of the children, or None if the figures do not have it."""
        count = self.groups.get(attribute, {}).get(value)
        return None if count is None else count / self.total


def _whole(value: Any) -> int | None:
    """``value`` as a whole number, or None if it is not one (true and false are not)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


EXAMPLES = {
    "title": "Children and young people with an EHC plan",
    "source": "School census and SEN2, January 2026",
}


def _text(data: Mapping[str, Any], key: str, name: str, problems: list[str]) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{name}, {key}: write the {key} as text, such as “{EXAMPLES[key]}”.")
        return ""
    return value.strip()


def _group(
    attribute: str,
    counts: Any,
    name: str,
    known: Collection[str] | None,
    problems: list[str],
) -> dict[str, int] | None:
    """One attribute's counts, checked; None when any is unusable."""
    where = f"{name}, groups → {attribute}"
    if not isinstance(counts, dict) or not counts:
        problems.append(
            f"{where}: list each group with its number of children, such as “autism: 760”."
        )
        return None
    found: dict[str, int] = {}
    for key, raw in counts.items():
        value = str(key)
        count = _whole(raw)
        if value in RESERVED:
            problems.append(
                f"{where} → {value}: this is not a group of children; leave it out "
                f"(people who did not say are counted apart)."
            )
        elif known is not None and value != NOT_KNOWN and value not in known:
            problems.append(
                f"{where} → {value}: the surveys do not offer this answer; use one of "
                f"{', '.join(sorted(known))} (or {NOT_KNOWN} for children in none of them)."
            )
        elif count is None or count < 0:
            problems.append(
                f"{where} → {value}: {raw!r} is not a whole number of children (0 or more)."
            )
        else:
            found[value] = count
    return found if len(found) == len(counts) else None


def load_population(
    path: Path,
    attributes: Collection[str],
    answers: Mapping[str, Collection[str]] | None = None,
) -> Population:
    """The population file at ``path``, checked. ``attributes`` are the attributes the surveys
    ask about (pass coprod.vocabulary.REPRESENTATION_ATTRIBUTES); ``answers``, if given, the
    answers the surveys offer for each, so a mistyped group is caught. Raises PopulationProblem
    naming the file and field of every problem at once."""
    name = path.name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PopulationProblem(
            [
                f"There is no population file at {path}: "
                "write one like surveys/population/example.yaml."
            ]
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise PopulationProblem([f"{name} could not be read: {error}."]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = f" (line {mark.line + 1})" if mark is not None else ""
        raise PopulationProblem(
            [f"{name} is not valid YAML{at}: check the indentation and colons on that line."]
        ) from None
    if not isinstance(data, dict):
        raise PopulationProblem(
            [f"{name} must set a title, source, total and groups, as the example file does."]
        )
    problems: list[str] = [
        f"{name}, {key}: this is not a field of a population file; the fields are "
        f"{', '.join(FIELDS)}."
        for key in data
        if key not in FIELDS
    ]
    title = _text(data, "title", name, problems)
    source = _text(data, "source", name, problems)
    total = _whole(data.get("total"))
    if "total" not in data:
        problems.append(f"{name}, total: give the number of children in all, such as 2400.")
    elif total is None or total <= 0:
        problems.append(
            f"{name}, total: {data['total']!r} is not a number of children; write a whole "
            "number above 0, such as 2400."
        )
        total = None
    groups: dict[str, dict[str, int]] = {}
    raw_groups = data.get("groups")
    if not isinstance(raw_groups, dict) or not raw_groups:
        problems.append(
            f"{name}, groups: give at least one group, such as primary_need or age_band."
        )
        raw_groups = {}
    for attribute, counts in raw_groups.items():
        if attribute not in attributes:
            problems.append(
                f"{name}, groups → {attribute}: the surveys do not ask about this; "
                f"use {', '.join(attributes)}."
            )
            continue
        known = answers.get(attribute) if answers is not None else None
        group = _group(str(attribute), counts, name, known, problems)
        if group is None:
            continue
        if total is not None and sum(group.values()) != total:
            problems.append(
                f"{name}, groups → {attribute}: the counts add up to {sum(group.values()):,} "
                f"but the total is {total:,}."
            )
        groups[str(attribute)] = group
    if problems or total is None:
        raise PopulationProblem(problems)
    return Population(title, source, total, groups)


@dataclass(frozen=True)
class GroupComparison:
    """One row of the comparison, safe to show: None wherever a figure must be hidden."""

    attribute: str
    value: str
    kind: Kind
    #: The value's share of the children; None for values the population figures do not have.
    population_share: float | None
    #: People heard with this value after disclosure control; None when hidden.
    heard: int | None
    #: People who answered for this attribute (the base of the shares); None when hidden.
    said: int | None
    #: ``heard`` as a share of ``said``; None unless both are shown and ``said`` is big enough.
    heard_share: float | None
    #: ``heard_share`` over ``population_share``: 1 is heard in proportion, 0.5 half as often.
    ratio: float | None
    under_heard: bool
    #: Among under-heard groups, 1 for the one furthest below its share of the children.
    rank: int | None = None


def chance_of_so_few(heard: int, said: int, share: float) -> float:
    """How likely ``heard`` or fewer of ``said`` people would be if each had ``share`` chance of
    being in the group: the one-sided exact binomial test."""
    if share <= 0:
        return 1.0
    if share >= 1:
        return 1.0 if heard >= said else 0.0
    log_share, log_rest = math.log(share), math.log1p(-share)
    whole = math.lgamma(said + 1)
    terms = [
        whole
        - math.lgamma(i + 1)
        - math.lgamma(said - i + 1)
        + i * log_share
        + (said - i) * log_rest
        for i in range(heard + 1)
    ]
    top = max(terms)
    return min(1.0, math.exp(top) * math.fsum(math.exp(t - top) for t in terms))


def is_under_heard(heard: int, said: int, share: float, threshold: int) -> bool:
    """Whether ``heard`` of ``said`` is well below ``share``: under two thirds of it, and
    beyond what chance explains (see the module's description)."""
    if said < threshold or share <= 0:
        return False
    return heard / said < UNDER_HEARD_RATIO * share and (
        chance_of_so_few(heard, said, share) < SIGNIFICANCE
    )


def _order(population: Population, attribute: str, counts: Mapping[str, int]) -> list[str]:
    """The population's groups in file order, its catch-all, other answers heard, not said."""
    groups = [v for v in population.groups[attribute] if v != NOT_KNOWN]
    catch_all = [NOT_KNOWN] if NOT_KNOWN in population.groups[attribute] else []
    others = sorted(v for v in counts if v not in population.groups[attribute] and v != NOT_SAID)
    return [*groups, *catch_all, *others, NOT_SAID]


def _kind(population: Population, attribute: str, value: str) -> Kind:
    if value == NOT_SAID:
        return "not_said"
    if value == NOT_KNOWN and value in population.groups[attribute]:
        return "not_known"
    return "group" if value in population.groups[attribute] else "not_in_population"


def _compare(
    population: Population, attribute: str, counts: Mapping[str, int], threshold: int
) -> tuple[list[GroupComparison], dict[str, float]]:
    """One attribute's rows, and the true shortfall of each under-heard group (never shown)."""
    true = {v: max(0, int(counts.get(v, 0))) for v in _order(population, attribute, counts)}
    line = suppress_line(true, threshold)
    said = sum(n for v, n in true.items() if v != NOT_SAID)
    # The base is shown only when it cannot give away a hidden "did not say" by subtraction.
    not_said = line.counts[NOT_SAID]
    said_shown = line.total - not_said if line.total is not None and not_said is not None else None
    rows, shortfall = [], {}
    for value, n in true.items():
        kind = _kind(population, attribute, value)
        share = population.share(attribute, value)
        shown = line.counts[value]
        heard_share = (
            shown / said_shown
            if kind != "not_said"
            and shown is not None
            and said_shown is not None
            and said_shown >= threshold
            else None
        )
        under = kind == "group" and share is not None and is_under_heard(n, said, share, threshold)
        if under and share:
            shortfall[value] = n / said / share
        rows.append(
            GroupComparison(
                attribute,
                value,
                kind,
                share,
                shown,
                said_shown,
                heard_share,
                heard_share / share if heard_share is not None and share else None,
                under,
            )
        )
    return rows, shortfall


def representation(
    population: Population,
    heard: Mapping[str, Mapping[str, int]],
    threshold: int = DEFAULT_THRESHOLD,
) -> list[GroupComparison]:
    """For each attribute of the population, each group's share of the children against its
    share of the people heard (``heard``: attribute → value → true count, with NOT_SAID for
    those who did not say), after disclosure control, with the under-heard groups ranked."""
    threshold = checked_threshold(threshold)
    rows: list[GroupComparison] = []
    shortfall: dict[tuple[str, str], float] = {}
    for attribute in population.groups:
        found, below = _compare(population, attribute, heard.get(attribute, {}), threshold)
        rows += found
        shortfall.update({(attribute, value): ratio for value, ratio in below.items()})
    # Ranked by the true shortfall: the order says which is furthest below, never a count.
    ranks = {key: i for i, key in enumerate(sorted(shortfall, key=lambda k: shortfall[k]), 1)}
    return [replace(row, rank=ranks.get((row.attribute, row.value))) for row in rows]


def under_heard(comparisons: Collection[GroupComparison]) -> list[GroupComparison]:
    """The under-heard groups across attributes, the furthest below their share first."""
    named = [c for c in comparisons if c.under_heard and c.rank is not None]
    return sorted(named, key=lambda c: c.rank or 0)
