"""Whether a new staff password is good enough: long, and not one people commonly choose.

The common passwords are zxcvbn's list of the 30,000 most used in breaches (installed from PyPI,
not copied here). A password is refused when it is on the list, or is a listed one with digits
and symbols added at the ends ("Password2024!"), or repeats the person's own email or name.
"""

from __future__ import annotations

import re
from functools import cache

from zxcvbn.frequency_lists import FREQUENCY_LISTS

MIN_PASSWORD_LENGTH = 12


@cache
def _common() -> frozenset[str]:
    return frozenset(FREQUENCY_LISTS["passwords"])


def _cores(password: str) -> set[str]:
    """The password as people vary it: lower case, without digits and symbols at either end,
    and with its first half when it is the same word twice."""
    lowered = password.lower()
    trimmed = re.sub(r"^[\W\d_]+|[\W\d_]+$", "", lowered)
    cores = {lowered, trimmed, re.sub(r"[\W_]+", "", lowered)}
    for core in list(cores):
        half = len(core) // 2
        if half and core[:half] == core[half:]:
            cores.add(core[:half])
    return {core for core in cores if core}


#: Why a password is refused, by the key password_problem returns (the pages translate these).
PROBLEMS = {
    "short": f"The password must be at least {MIN_PASSWORD_LENGTH} characters",
    "repetitive": "The password repeats too few characters: use three or four random words",
    "common": (
        "That password is one of the most common and is easy to guess: "
        "use three or four random words"
    ),
    "personal": "The password must not contain your name or email address",
}


def password_problem(password: str, email: str = "", name: str = "") -> str | None:
    """Why ``password`` may not be used, as a key of PROBLEMS; None when it is fine."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return "short"
    if len(set(password.lower())) < 4:
        return "repetitive"
    cores = _cores(password)
    if cores & _common():
        return "common"
    personal = {email.lower().split("@")[0], *name.lower().split()}
    if any(len(part) >= 3 and part in core for part in personal for core in cores):
        return "personal"
    return None
