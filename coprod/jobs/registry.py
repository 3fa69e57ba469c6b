"""Kinds of background work, each registered once by name with the function that does it, and
what such a function may return or raise."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar

#: Where the person goes back to from a job's page: given the job's params, an address.
BackLink = Callable[[Mapping[str, Any]], str]
Function = TypeVar("Function", bound=Callable[..., Any])


@dataclass(frozen=True)
class Audit:
    """An audit event recorded each time a job's file is downloaded, for whoever downloads it."""

    action: str
    subject: str | None = None
    detail: dict[str, Any] | None = None


@dataclass(frozen=True)
class JobResult:
    """What a job made: JSON-able ``data`` (its ``"summary"``, in plain words, is shown on the
    job's page), a file to download, a page of the app to see the result on, and the audit
    event each download of the file records."""

    data: Mapping[str, Any] = field(default_factory=dict)
    file: bytes | None = None
    filename: str = "result"
    mimetype: str = "application/octet-stream"
    link: str | None = None
    audit: Audit | None = None

    def stored(self) -> dict[str, Any]:
        """The JSON kept in ``Job.result``."""
        return {
            "data": dict(self.data),
            "link": self.link,
            "audit": asdict(self.audit) if self.audit else None,
        }


class JobError(Exception):
    """A failure the person can act on: its message, in plain words and in their language, is
    shown on the job's page (any other exception shows a general message, and is logged)."""


@dataclass(frozen=True)
class JobKind:
    """A registered kind of work."""

    name: str
    function: Callable[..., Any]
    #: Shown as the job page's heading: a string or a lazily translated one.
    title: object
    back: BackLink | None


KINDS: dict[str, JobKind] = {}


def job(
    name: str, *, title: object = None, back: BackLink | None = None
) -> Callable[[Function], Function]:
    """Register the decorated function as the kind of work ``name``. It is called as
    ``function(progress, **params)`` and returns a JobResult, a JSON-able dict (the result's
    data) or None; it commits its own work, in batches if the work is long."""

    def register(function: Function) -> Function:
        known = KINDS.get(name)
        if known is not None and _qualified(known.function) != _qualified(function):
            raise ValueError(f"the job kind {name!r} is already registered")
        shown = title if title is not None else name.replace("_", " ").capitalize()
        KINDS[name] = JobKind(name, function, shown, back)
        return function

    return register


def _qualified(function: Callable[..., Any]) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def kind_named(name: str) -> JobKind | None:
    """The registered kind of work with this name, or None."""
    return KINDS.get(name)


def as_result(returned: object) -> JobResult:
    """What a job function returned, as a JobResult."""
    if isinstance(returned, JobResult):
        return returned
    if returned is None:
        return JobResult()
    if isinstance(returned, Mapping):
        return JobResult(data=returned)
    raise TypeError(f"a job returned {type(returned).__name__}, not a JobResult or a dict")
