"""API tokens: making one (its secret shown once), knowing the token a request presents,
revoking it, and noting each use in the audit log.

Only the SHA-256 of a secret is kept. The secrets are long and random, so a plain hash is as
good as a slow one here (nobody can guess their way through 256 bits) and lets each request find
its token by one indexed look-up.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coprod.models import ApiToken, User, utcnow
from coprod.services.audit import record

#: What a token may read.
SCOPES = ("statements:read", "aggregates:read")
#: Every secret starts with this, so it is recognisable in a file or a leaked log.
PREFIX = "coprod_"
#: Who may hold a token: the people who may see the evidence statement by statement.
HOLDERS = ("analyst", "admin")
NAME_LENGTH = 100


class TokenRefused(Exception):
    """A request's token does not let it in; ``key`` names why (missing, unknown, revoked,
    expired, owner)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class NewToken:
    """A token just made, with the secret that is shown this once."""

    token: ApiToken
    secret: str


def hash_secret(secret: str) -> str:
    """The hex SHA-256 kept in place of a secret."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def end_of(day: date) -> datetime:
    """The moment a token that works until the end of ``day`` stops."""
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=UTC)


def last_day(token: ApiToken) -> date | None:
    """The last day a token works, if it expires."""
    return (token.expires_at - timedelta(days=1)).date() if token.expires_at else None


def create_token(
    session: Session, owner: User, name: str, scopes: list[str], expires_on: date | None
) -> NewToken:
    """Make a token for ``owner``, audit it and commit; raise ValueError for a name, scopes or
    expiry that cannot be (the forms check these first, in the person's language)."""
    if owner.role not in HOLDERS:
        raise ValueError(f"A {owner.role} cannot hold an API token")
    if not name.strip() or len(name) > NAME_LENGTH:
        raise ValueError(f"A token's name must be 1 to {NAME_LENGTH} characters")
    if not scopes or set(scopes) - set(SCOPES):
        raise ValueError(f"A token's scopes must be some of: {', '.join(SCOPES)}")
    if expires_on is not None and expires_on <= utcnow().date():
        raise ValueError("A token's expiry date must be in the future")
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=owner.id,
        name=name.strip(),
        scopes=[s for s in SCOPES if s in scopes],
        secret_hash=hash_secret(secret),
        expires_at=end_of(expires_on) if expires_on else None,
    )
    session.add(token)
    session.flush()
    record(
        session,
        "api_token_created",
        user_id=owner.id,
        subject=f"api_token:{token.id}",
        detail={"name": token.name, "scopes": token.scopes, "expires_on": _iso(expires_on)},
    )
    session.commit()
    return NewToken(token, secret)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def token_for(session: Session, secret: str) -> ApiToken:
    """The token whose secret this is, if it may be used now; else raise TokenRefused."""
    if not secret.startswith(PREFIX):
        raise TokenRefused("unknown")
    token = session.scalar(select(ApiToken).where(ApiToken.secret_hash == hash_secret(secret)))
    if token is None:
        raise TokenRefused("unknown")
    if token.revoked_at is not None:
        raise TokenRefused("revoked")
    if token.expires_at is not None and token.expires_at <= utcnow():
        raise TokenRefused("expired")
    owner = session.get(User, token.user_id)
    if owner is None or not owner.active or owner.role not in HOLDERS:
        raise TokenRefused("owner")
    return token


def tokens_seen_by(session: Session, viewer: User) -> list[tuple[ApiToken, User]]:
    """The tokens this person may see, newest first: their own, or everyone's for an admin."""
    query = select(ApiToken, User).join(User, User.id == ApiToken.user_id)
    if viewer.role != "admin":
        query = query.where(ApiToken.user_id == viewer.id)
    rows = session.execute(query.order_by(ApiToken.created_at.desc(), ApiToken.id.desc()))
    return [(token, owner) for token, owner in rows]


def token_seen_by(session: Session, token_id: int, viewer: User) -> ApiToken | None:
    """One token, if this person may see it."""
    token = session.get(ApiToken, token_id)
    if token is None or (viewer.role != "admin" and token.user_id != viewer.id):
        return None
    return token


def revoke(session: Session, token: ApiToken, by: User) -> bool:
    """Stop a token working from now on, audit it and commit; False if it was already revoked."""
    if token.revoked_at is not None:
        return False
    token.revoked_at = utcnow()
    token.revoked_by = by.id
    record(
        session,
        "api_token_revoked",
        user_id=by.id,
        subject=f"api_token:{token.id}",
        detail={"name": token.name, "owner": token.user_id},
    )
    session.commit()
    return True


def note_use(session: Session, token_id: int, detail: dict[str, Any]) -> None:
    """Note a call made with a token: when it was last used, and an audit event saying what was
    asked for and how many rows went out. Commits."""
    token = session.get(ApiToken, token_id)
    if token is None:
        return
    token.last_used_at = utcnow()
    record(
        session, "api_read", user_id=token.user_id, subject=f"api_token:{token.id}", detail=detail
    )
    session.commit()
