"""The API's query parameters, read strictly: anything that is not what the OpenAPI file says
is refused with BadParameter naming the parameter and what to send instead."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from flask import request
from flask_babel import gettext as _

from coprod.evidence.periods import Period, period_named
from coprod.web.api.errors import BadParameter


def _given(name: str) -> str | None:
    values = request.args.getlist(name)
    if len(values) > 1:
        raise BadParameter(name, _("Send %(name)s once.", name=name))
    return values[0] if values else None


def choice(name: str, allowed: Collection[str]) -> str | None:
    """One of ``allowed``, or None when the parameter is not sent."""
    value = _given(name)
    if value is None:
        return None
    if value not in allowed:
        raise BadParameter(
            name, _("%(name)s must be one of: %(allowed)s.", name=name, allowed=", ".join(allowed))
        )
    return value


def whole_number(name: str, default: int, lowest: int, highest: int) -> int:
    """A whole number from ``lowest`` to ``highest``; ``default`` when not sent."""
    value = _given(name)
    if value is None:
        return default
    if not (value.isascii() and value.isdigit() and len(value) <= 9) or not (
        lowest <= int(value) <= highest
    ):
        raise BadParameter(
            name,
            _(
                "%(name)s must be a whole number from %(lowest)s to %(highest)s.",
                name=name,
                lowest=lowest,
                highest=highest,
            ),
        )
    return int(value)


def day(name: str) -> date | None:
    """A date written YYYY-MM-DD, or None when not sent."""
    value = _given(name)
    if value is None:
        return None
    try:
        if len(value) != 10:
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise BadParameter(
            name, _("%(name)s must be a date written like 2026-03-31.", name=name)
        ) from None


def period(periods: list[Period]) -> Period | None:
    """One of the monitoring periods by its name (the month it starts, e.g. 2026-01)."""
    value = _given("period")
    if value is None:
        return None
    found = period_named(periods, value)
    if found is None:
        raise BadParameter(
            "period",
            _(
                "period must be a monitoring period, named by the month it starts: %(names)s.",
                names=", ".join(p.key for p in periods),
            ),
        )
    return found
