"""The values to post to each session form, right and wrong, and what each form must refuse,
worked out from the fields alone: for the property-based tests of the session forms."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import strategies as st

from coprod.forms import clean_text
from coprod.languages import LANGUAGES
from coprod.services.session_checks import EARLIEST
from coprod.vocabulary import (
    ADJUSTMENTS,
    AGE_BANDS,
    CONTRIBUTION_KINDS,
    GROUP_TYPES,
    PILES,
    ROLES,
    SESSION_MODES,
)
from coprod.web.fields import MOST_PEOPLE
from coprod.web.sessions.forms import ATTENDANCE_ROWS, attendance_field_name
from tests.web.hostile_input import (
    Field,
    Posted,
    around,
    choice,
    field_of,
    junk,
    number_like,
    words,
)

# Values for each form -----------------------------------------------------------------------


def _day_month_year(day: date) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)]


#: Any whole number, often one too big for a date (or for a C long).
ANY_INTEGER = st.one_of(st.integers(-1, 40), st.integers(2**31, 2**80), st.integers())
DAY_MONTH_YEAR = field_of(
    st.dates(EARLIEST, date.today()).map(_day_month_year),
    st.one_of(
        st.dates(date(1, 1, 1), date(9999, 12, 31)).map(_day_month_year),
        st.lists(st.one_of(number_like(), junk()), max_size=4),
        st.tuples(ANY_INTEGER, ANY_INTEGER, ANY_INTEGER).map(lambda t: [str(n) for n in t]),
    ),
)
#: A checkbox: ticked, or not sent at all.
TICKED = field_of(st.sampled_from(["y", []]))
#: A row a browser never sends: only ever thrown in.
NEVER_SENT = field_of(st.just([]))


def checkboxes(values: list[str]) -> Field:
    """Ticked boxes: a few different ones; or the same one twice, or values never shown."""
    return field_of(
        st.lists(st.sampled_from(values), max_size=3, unique=True),
        st.one_of(
            st.sampled_from(values).map(lambda value: [value, value]),
            st.lists(st.one_of(st.sampled_from(values), junk()), max_size=4),
        ),
    )


def count_box(most: int = 1) -> Field:
    return field_of(
        st.one_of(st.integers(0, most).map(str), st.just("")), st.one_of(number_like(), junk())
    )


def details_fields(templates: list[str]) -> dict[str, Field]:
    return {
        "template": choice([*templates, ""]),
        "group_name": field_of(words(), st.one_of(junk(), around(120))),
        "group_type": choice(list(GROUP_TYPES)),
        "held_on": DAY_MONTH_YEAR,
        "mode": choice(list(SESSION_MODES)),
        "consent_recorded": TICKED,
        "parental_consent_recorded": TICKED,
        "adjustments": checkboxes(list(ADJUSTMENTS)),
        "languages": checkboxes(list(LANGUAGES)),
    }


def attendance_fields() -> dict[str, Field]:
    return {attendance_field_name(role, band): count_box(6) for role, band in ATTENDANCE_ROWS}


def contribution_fields(areas: list[str]) -> dict[str, Field]:
    return {
        "text": field_of(words(), st.one_of(junk(), around(5000))),
        "kind": choice(list(CONTRIBUTION_KINDS)),
        "whole_group": TICKED,
        "role": choice(list(ROLES)),
        "age_band": choice([*AGE_BANDS, ""]),
        "focus_area": choice([*areas, ""]),
    }


def tally_fields(areas: list[str]) -> dict[str, Field]:
    fields: dict[str, Field] = {
        "text": field_of(words(), st.one_of(junk(), around(500))),
        "focus_area": choice([*areas, ""]),
        "role": choice(list(ROLES)),
    }
    for index in range(6):
        fields[f"options-{index}-label"] = field_of(
            st.one_of(words(), st.just("")), st.one_of(junk(), around(200))
        )
        fields[f"options-{index}-count"] = count_box()
    for index in (6, 99):
        fields[f"options-{index}-label"] = NEVER_SENT
        fields[f"options-{index}-count"] = NEVER_SENT
    return fields


def card_sort_fields(areas: list[str]) -> dict[str, Field]:
    fields: dict[str, Field] = {"role": choice(list(ROLES))}
    for index, names in enumerate([["My plan"], ["School"], ["Friends", ""]]):
        fields[f"cards-{index}-card"] = field_of(
            st.sampled_from(names),
            st.one_of(st.sampled_from(["my plan", " MY PLAN ", "School"]), junk(), around(200)),
        )
        fields[f"cards-{index}-focus_area"] = choice([*areas, ""])
        for pile in PILES:
            fields[f"cards-{index}-{pile}"] = count_box()
    fields["cards-31-card"] = NEVER_SENT
    fields["cards-31-good"] = NEVER_SENT
    return fields


ACTION_FIELDS: dict[str, Field] = {
    "text": field_of(words(), st.one_of(junk(), around(1000))),
    "owner": field_of(st.sampled_from(["SEND team", "Forum"]), st.one_of(junk(), around(200))),
}


# What each form must refuse, worked out from the fields alone -------------------------------


def first_value(item: Posted, name: str) -> str | None:
    """The first value posted under a name, cleaned as every form cleans text."""
    values = item.values(name)
    return clean_text(values[0]) if values else None


def details_must_be_refused(item: Posted, templates: set[str], creating: bool) -> bool:
    """A session's details with a field its form cannot accept."""
    name = first_value(item, "group_name")
    if (name is None and creating) or name == "" or (name and len(name) > 120):
        return True
    if (
        first_value(item, "group_type") not in GROUP_TYPES
        or first_value(item, "mode") not in SESSION_MODES
    ):
        return True
    template = first_value(item, "template")
    if template is not None and template not in templates | {""}:
        return True
    if any(v not in ADJUSTMENTS for v in item.values("adjustments")):
        return True
    if any(v not in LANGUAGES for v in item.values("languages")):
        return True
    parts = [v.strip() for v in item.values("held_on")[:3]]
    parts += [""] * (3 - len(parts))
    if not all(p.isascii() and p.isdigit() and len(p) <= 4 for p in parts):
        return True
    day, month, year = (int(p) for p in parts)
    try:
        held_on = date(year, month, day)
    except (ValueError, OverflowError):
        return True
    return year < 1000 or not EARLIEST <= held_on <= date.today()


def count_is_valid(values: list[str]) -> bool:
    """A count box: blank, or a whole number from 0 to 1000."""
    raw = values[0].strip() if values else ""
    if raw == "":
        return True
    if not re.fullmatch(r"-?[0-9]+", raw):
        return False
    significant = raw.removeprefix("-").lstrip("0")
    if not significant:
        return True  # 0, 000 or -0
    return not raw.startswith("-") and len(significant) <= 4 and int(significant) <= MOST_PEOPLE


def contribution_must_be_refused(item: Posted, areas: list[str], creating: bool = True) -> bool:
    """A contribution with a field its form cannot accept (when changing one, a field not sent
    at all keeps what is stored)."""
    text = first_value(item, "text")
    if (text is None and creating) or text == "" or (text and len(text) > 5000):
        return True
    if first_value(item, "kind") not in CONTRIBUTION_KINDS:
        return True
    checks = (("role", ROLES), ("age_band", [*AGE_BANDS, ""]), ("focus_area", [*areas, ""]))
    return any(
        first_value(item, name) is not None and first_value(item, name) not in allowed
        for name, allowed in checks
    )
