"""Counts a session record cannot have: more voices than people in the room, contributions from
an age group nobody of that age came from, a consent not recorded. Each problem names the field
it belongs to, so a page can link to it, and is worded for the facilitator."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from coprod.models import Attendance, CardCount, Contribution, GroupSession, Tally
from coprod.vocabulary import ROLE_GROUPS, UNDER_13_BANDS

#: The earliest date a session can have been held: the service records this partnership's work.
EARLIEST = date(2000, 1, 1)


@dataclass(frozen=True)
class SessionProblem:
    """Something wrong with a session record: the form field it is about and what to do."""

    field: str
    message: LazyString | str


def attendees(attendance: Iterable[Attendance], role: str) -> int:
    """How many people of a role came."""
    return sum(a.count for a in attendance if a.role == role)


def under_13s(attendance: Iterable[Attendance]) -> int:
    """How many children under 13 came."""
    return sum(a.count for a in attendance if a.age_band in UNDER_13_BANDS)


def date_problem(held_on: date, today: date) -> LazyString | None:
    """Why a session date is impossible, if it is."""
    if held_on > today:
        return _l("The date of the session must be today or in the past")
    if held_on < EARLIEST:
        return _l("The date of the session must be after 1 January 2000")
    return None


def voices_problem(attendance: list[Attendance], role: str, voices: int) -> LazyString | None:
    """Why a count of votes or cards from a role is impossible, if it is."""
    if voices < 0:
        return _l("Counts cannot be less than 0")
    present = attendees(attendance, role)
    if voices > present:
        return _l(
            "The counts add up to %(voices)s, more than the number of %(role)s recorded as "
            "coming (%(present)s). Check the counts, or who came.",
            voices=voices,
            present=present,
            role=ROLE_GROUPS[role],
        )
    return None


def contribution_problems(
    attendance: list[Attendance], contributions: list[Contribution]
) -> list[SessionProblem]:
    """Contributions that cannot have come from the people recorded as coming."""
    if not any(a.count for a in attendance):
        return []  # who came is not recorded yet; finalising asks for it
    problems = []
    for role in dict.fromkeys(c.role for c in contributions):
        if attendees(attendance, role) == 0:
            problems.append(
                SessionProblem(
                    "role",
                    _l(
                        "There are contributions from %(role)s, but no %(role)s are recorded "
                        "as coming. Add them to who came, or change who said it.",
                        role=ROLE_GROUPS.get(role, role),
                    ),
                )
            )
    said = sum(
        1
        for c in contributions
        if c.role == "young_person" and c.age_band in UNDER_13_BANDS and not c.whole_group
    )
    present = under_13s(attendance)
    if said > present:
        problems.append(
            SessionProblem(
                "age_band",
                _l(
                    "There are more contributions from children under 13 (%(said)s) than "
                    "children under 13 recorded as coming (%(present)s). Check the age bands, "
                    "or who came.",
                    said=said,
                    present=present,
                ),
            )
        )
    return problems


def activity_problems(
    attendance: list[Attendance], tallies: list[Tally], card_counts: list[CardCount]
) -> list[SessionProblem]:
    """Votes and card counts that add up to more people than came."""
    problems = []
    for tally in tallies:
        message = voices_problem(attendance, tally.role, sum(c.count for c in tally.counts))
        if message:
            problems.append(SessionProblem("tallies", message))
    cards: dict[tuple[str, str], int] = {}
    for card in card_counts:
        cards[(card.card, card.role)] = cards.get((card.card, card.role), 0) + card.count
    for (_card, role), voices in cards.items():
        message = voices_problem(attendance, role, voices)
        if message:
            problems.append(SessionProblem("card-sort", message))
    return problems


def finalise_problems(record: GroupSession, today: date) -> list[SessionProblem]:
    """Everything that must be put right before a session becomes evidence."""
    problems = []
    message = date_problem(record.held_on, today)
    if message:
        problems.append(SessionProblem("details", message))
    if not any(a.count for a in record.attendance):
        problems.append(SessionProblem("attendance", _l("Record how many people came")))
    if not record.consent_recorded:
        problems.append(
            SessionProblem("details", _l("Record that everyone agreed to what they say being used"))
        )
    if under_13s(record.attendance) and not record.parental_consent_recorded:
        problems.append(
            SessionProblem(
                "details",
                _l("Children under 13 came: record that a parent or carer agreed for each of them"),
            )
        )
    if not (record.contributions or record.tallies or record.card_counts):
        problems.append(
            SessionProblem(
                "contributions",
                _l("Add at least one thing that was said, a group vote or a card sort"),
            )
        )
    problems += [
        SessionProblem("contributions", p.message)
        for p in contribution_problems(record.attendance, record.contributions)
    ]
    return problems + activity_problems(record.attendance, record.tallies, record.card_counts)
