"""Short codes people read, write down and type back: no 0/O, 1/I/L look-alikes."""

from __future__ import annotations

import hashlib
import re
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_code(length: int = 8) -> str:
    """A random code from the unambiguous alphabet."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def grouped(code: str, size: int = 4) -> str:
    """``K7PM4QXD`` as ``K7PM-4QXD``, easier to read aloud and copy."""
    return "-".join(code[i : i + size] for i in range(0, len(code), size))


def normalise_code(typed: str) -> str:
    """What a person typed, as stored: upper case, without spaces or dashes."""
    return re.sub(r"[^A-Z0-9]", "", typed.upper())


def new_secret() -> str:
    """A secret for a resume link."""
    return secrets.token_urlsafe(24)


def hash_secret(secret: str) -> str:
    """The stored form of a secret."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()
