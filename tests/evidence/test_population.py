"""The population file and the representation comparison: a file a lead can fix in one go, and
under-heard groups worked out by hand, with no hidden count ever shown."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from coprod.config import PROJECT_ROOT
from coprod.evidence.population import (
    NOT_SAID,
    GroupComparison,
    Population,
    PopulationProblem,
    chance_of_so_few,
    is_under_heard,
    load_population,
    representation,
    under_heard,
)
from coprod.surveys import load_catalogue
from coprod.vocabulary import AGE_BANDS, REPRESENTATION_ATTRIBUTES

EXAMPLE = PROJECT_ROOT / "surveys" / "population" / "example.yaml"
GOOD = {
    "title": "Children and young people with an EHC plan",
    "source": "School census and SEN2, January 2026",
    "total": 2400,
    "groups": {"primary_need": {"autism": 760, "learning": 1600, "not_known": 40}},
}


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "population.yaml"
    path.write_text(
        data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False), encoding="utf-8"
    )
    return path


def problems(tmp_path: Path, data: object) -> list[str]:
    with pytest.raises(PopulationProblem) as raised:
        load_population(write(tmp_path, data), REPRESENTATION_ATTRIBUTES)
    assert str(raised.value) == "\n".join(raised.value.problems)
    return raised.value.problems


def test_the_example_file_loads_and_every_group_adds_up() -> None:
    population = load_population(EXAMPLE, REPRESENTATION_ATTRIBUTES)
    assert population.total == 2400
    assert population.source == "School census and SEN2, January 2026"
    assert set(population.groups) == {"primary_need", "age_band", "school_phase", "area"}
    for counts in population.groups.values():
        assert sum(counts.values()) == population.total
    assert list(population.groups["age_band"]) == list(AGE_BANDS)


def test_the_example_file_uses_only_the_answers_the_surveys_store() -> None:
    answers: dict[str, set[str]] = {}
    for definition in load_catalogue(PROJECT_ROOT / "surveys").surveys.values():
        for question in definition.questions:
            if question.representation:
                answers.setdefault(question.representation, set()).update(
                    o.value for o in question.options
                )
    population = load_population(EXAMPLE, REPRESENTATION_ATTRIBUTES, answers)
    assert population.share("primary_need", "autism") == pytest.approx(790 / 2400)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"groups": {"primary_need": {"autism": 740, "learning": 1600, "not_known": 40}}},
            "population.yaml, groups → primary_need: the counts add up to 2,380 but the total "
            "is 2,400.",
        ),
        (
            {"groups": {"primary_need": {"autism": -1, "learning": 2401}}},
            "population.yaml, groups → primary_need → autism: -1 is not a whole number of "
            "children (0 or more).",
        ),
        (
            {"groups": {"primary_need": {"autism": "760", "learning": 1640}}},
            "population.yaml, groups → primary_need → autism: '760' is not a whole number of "
            "children (0 or more).",
        ),
        (
            {"groups": {"primary_need": {"autism": 7.5, "learning": 1640}}},
            "population.yaml, groups → primary_need → autism: 7.5 is not a whole number of "
            "children (0 or more).",
        ),
        (
            {"groups": {"ethnicity": {"white_british": 2400}}},
            "population.yaml, groups → ethnicity: the surveys do not ask about this; use role, "
            "age_band, school_phase, primary_need, area.",
        ),
        (
            {"groups": {"area": {"north": 2390, "prefer_not_to_say": 10}}},
            "population.yaml, groups → area → prefer_not_to_say: this is not a group of "
            "children; leave it out (people who did not say are counted apart).",
        ),
        (
            {"total": 0},
            "population.yaml, total: 0 is not a number of children; write a whole number "
            "above 0, such as 2400.",
        ),
        (
            {"total": "about 2,400"},
            "population.yaml, total: 'about 2,400' is not a number of children; write a whole "
            "number above 0, such as 2400.",
        ),
        (
            {"groups": {}},
            "population.yaml, groups: give at least one group, such as primary_need or age_band.",
        ),
        (
            {"groups": {"area": []}},
            "population.yaml, groups → area: list each group with its number of children, "
            "such as “autism: 760”.",
        ),
        (
            {"source": ""},
            "population.yaml, source: write the source as text, such as “School census and "
            "SEN2, January 2026”.",
        ),
        (
            {"totals": 2400},
            "population.yaml, totals: this is not a field of a population file; the fields are "
            "title, source, total, groups.",
        ),
    ],
)
def test_each_mistake_is_named_with_its_file_and_field(
    tmp_path: Path, change: dict[str, object], message: str
) -> None:
    assert problems(tmp_path, {**GOOD, **change}) == [message]


def test_every_mistake_is_reported_at_once(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        {
            "title": "Children with an EHC plan",
            "source": "SEN2",
            "total": 100,
            "groups": {
                "primary_need": {"autism": 30, "learning": 60},
                "age_band": {"5-10": "lots", "11-12": 50},
                "postcode": {"CH41": 100},
            },
        },
    )
    assert found == [
        "population.yaml, groups → primary_need: the counts add up to 90 but the total is 100.",
        "population.yaml, groups → age_band → 5-10: 'lots' is not a whole number of children "
        "(0 or more).",
        "population.yaml, groups → postcode: the surveys do not ask about this; use role, "
        "age_band, school_phase, primary_need, area.",
    ]


def test_a_mistyped_group_is_caught_when_the_answers_are_known(tmp_path: Path) -> None:
    path = write(tmp_path, {**GOOD, "groups": {"primary_need": {"autsim": 2360, "not_known": 40}}})
    with pytest.raises(PopulationProblem) as raised:
        load_population(path, REPRESENTATION_ATTRIBUTES, {"primary_need": {"autism", "learning"}})
    assert raised.value.problems == [
        "population.yaml, groups → primary_need → autsim: the surveys do not offer this answer; "
        "use one of autism, learning (or not_known for children in none of them)."
    ]


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "instance" / "population.yaml"
    with pytest.raises(PopulationProblem) as raised:
        load_population(path, REPRESENTATION_ATTRIBUTES)
    assert raised.value.problems == [
        f"There is no population file at {path}: write one like surveys/population/example.yaml."
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title: [unclosed\n", "population.yaml is not valid YAML (line 2)"),
        ("- a list\n- of things\n", "population.yaml must set a title, source, total and groups"),
        ("", "population.yaml must set a title, source, total and groups"),
    ],
)
def test_a_file_that_is_not_a_population_is_named(tmp_path: Path, text: str, message: str) -> None:
    assert problems(tmp_path, text)[0].startswith(message)


def known() -> Population:
    """40% autistic, 55% with a learning need, 5% whose need is not known."""
    return Population(
        "Children with an EHC plan",
        "SEN2",
        1000,
        {"primary_need": {"autism": 400, "learning": 550, "not_known": 50}},
    )


def heard(autism: int, learning: int, not_said: int = 15, **more: int) -> dict[str, dict[str, int]]:
    return {"primary_need": {"autism": autism, "learning": learning, NOT_SAID: not_said, **more}}


def row(rows: list[GroupComparison], value: str) -> GroupComparison:
    return next(r for r in rows if r.value == value)


def test_autism_heard_at_half_its_share_is_under_heard() -> None:
    # 40% of the children are autistic; 20 of the 100 who said are: 20% < 2/3 × 40% = 26.7%,
    # and 20 or fewer of 100 at 40% happens by chance less than 1 time in 50,000.
    rows = representation(known(), heard(20, 80), threshold=10)
    autism = row(rows, "autism")
    assert autism.under_heard
    assert (autism.heard, autism.said) == (20, 100)
    assert autism.population_share == pytest.approx(0.4)
    assert autism.heard_share == pytest.approx(0.2)
    assert autism.ratio == pytest.approx(0.5)
    assert autism.rank == 1
    assert not row(rows, "learning").under_heard
    assert [(c.attribute, c.value) for c in under_heard(rows)] == [("primary_need", "autism")]


def test_autism_heard_close_to_its_share_is_not_under_heard() -> None:
    rows = representation(known(), heard(38, 62), threshold=10)
    assert row(rows, "autism").heard_share == pytest.approx(0.38)
    assert not any(r.under_heard for r in rows)
    assert under_heard(rows) == []


@pytest.mark.parametrize(
    ("heard_count", "said", "share", "under"),
    [
        (20, 100, 0.4, True),  # well below and far beyond chance
        (38, 100, 0.4, False),  # close to its share
        (2, 12, 0.4, False),  # under two thirds, but 2 of 12 could be chance (p ≈ 0.08)
        (1, 12, 0.4, True),  # 1 of 12 is not (p ≈ 0.02)
        (0, 9, 0.4, False),  # fewer than 10 answered: nothing is named
        (26, 100, 0.4, True),  # 26% is under 26.7%, and p ≈ 0.002
        (27, 100, 0.4, False),  # 27% is not under two thirds of 40%
    ],
)
def test_under_heard_needs_a_big_gap_beyond_chance(
    heard_count: int, said: int, share: float, under: bool
) -> None:
    assert is_under_heard(heard_count, said, share, threshold=10) is under


def test_the_binomial_chance_matches_a_hand_sum() -> None:
    # P(X ≤ 1) for 12 people at 40%: 0.6^12 + 12 × 0.4 × 0.6^11.
    assert chance_of_so_few(1, 12, 0.4) == pytest.approx(0.6**12 + 12 * 0.4 * 0.6**11)
    assert chance_of_so_few(12, 12, 0.4) == pytest.approx(1.0)
    assert chance_of_so_few(300, 5000, 0.3) < 1e-100  # large bases do not overflow


def test_a_hidden_count_is_never_shown_but_the_group_can_still_be_named() -> None:
    # 4 autistic of 100 who said: hidden, as is the next smallest count that protects it.
    rows = representation(known(), heard(4, 96, not_said=20), threshold=10)
    autism = row(rows, "autism")
    assert autism.under_heard
    assert autism.heard is None
    assert autism.heard_share is None and autism.ratio is None
    shown = [r.heard for r in rows if r.heard is not None]
    assert not any(0 < n < 10 for n in shown)
    # "Did not say" (20) is hidden to protect it, so neither the base nor a share gives the 4
    # away by subtraction.
    assert row(rows, NOT_SAID).heard is None
    assert autism.said is None
    assert row(rows, "learning").heard == 96


def test_a_small_number_who_did_not_say_hides_the_base_and_the_shares() -> None:
    rows = representation(known(), heard(40, 55, not_said=3), threshold=10)
    assert row(rows, NOT_SAID).heard is None
    assert all(r.said is None and r.heard_share is None for r in rows)


def test_the_catch_all_is_never_named_and_unknown_answers_are_kept() -> None:
    rows = representation(known(), heard(40, 50, not_identified=12), threshold=10)
    catch_all = row(rows, "not_known")
    assert catch_all.kind == "not_known" and not catch_all.under_heard
    extra = row(rows, "not_identified")
    assert extra.kind == "not_in_population"
    assert (extra.heard, extra.population_share) == (12, None)
    assert extra.heard_share == pytest.approx(12 / 102)
    assert [r.value for r in rows] == [
        "autism",
        "learning",
        "not_known",
        "not_identified",
        NOT_SAID,
    ]


def test_groups_are_ranked_across_attributes_by_how_far_below_they_are() -> None:
    population = Population(
        "Children",
        "SEN2",
        1000,
        {
            "primary_need": {"autism": 400, "learning": 600},
            "area": {"north": 500, "south": 500},
        },
    )
    found = {
        "primary_need": {"autism": 20, "learning": 180},  # autism at 0.25 of its share
        "area": {"north": 50, "south": 150},  # north at 0.5 of its share
    }
    ranked = under_heard(representation(population, found, threshold=10))
    assert [(c.value, c.rank) for c in ranked] == [("autism", 1), ("north", 2)]


def test_nothing_heard_names_nobody() -> None:
    rows = representation(known(), {}, threshold=10)
    assert not any(r.under_heard for r in rows)
    assert all(r.heard == 0 for r in rows)
