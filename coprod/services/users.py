"""Staff accounts: creating them and signing in, with throttling shared by every worker."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from coprod.models import SignInAttempt, User, utcnow
from coprod.services.audit import record

ROLES = ("facilitator", "analyst", "admin")
MIN_PASSWORD_LENGTH = 12
# Checked when the address is unknown, so a wrong address takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not a real password, only for timing")


class AccountError(ValueError):
    """A user could not be created; the message says why in plain words."""


@dataclass(frozen=True)
class SignInResult:
    """The user signed in, or why not."""

    user: User | None
    locked: bool = False


def create_user(session: Session, email: str, name: str, role: str, password: str) -> User:
    """Create a staff account and commit it."""
    email = email.strip().lower()
    if "@" not in email or len(email) > 254:
        raise AccountError("Enter an email address in the correct format, like name@example.org")
    if role not in ROLES:
        raise AccountError(f"Role must be one of: {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"The password must be at least {MIN_PASSWORD_LENGTH} characters")
    if session.scalar(select(User).where(User.email == email)):
        raise AccountError(f"There is already an account for {email}")
    user = User(
        email=email,
        name=name.strip() or email,
        role=role,
        password_hash=generate_password_hash(password),
    )
    session.add(user)
    session.flush()
    record(session, "user_created", subject=f"user:{user.id}", detail={"role": role})
    session.commit()
    return user


def sign_in(
    session: Session, email: str, password: str, max_failures: int, lock_minutes: int
) -> SignInResult:
    """Check an email and password; after too many failures the address is locked for a while."""
    email = email.strip().lower()[:254]
    since = utcnow() - timedelta(minutes=lock_minutes)
    failures = session.scalar(
        select(func.count(SignInAttempt.id)).where(
            SignInAttempt.email == email,
            SignInAttempt.succeeded.is_(False),
            SignInAttempt.at >= since,
        )
    )
    if (failures or 0) >= max_failures:
        record(session, "sign_in_locked", detail={"email": email})
        session.commit()
        return SignInResult(None, locked=True)
    user = session.scalar(select(User).where(User.email == email))
    valid = check_password_hash(user.password_hash if user else _DUMMY_HASH, password)
    succeeded = bool(user and valid and user.active)
    session.add(SignInAttempt(email=email, succeeded=succeeded))
    if succeeded and user is not None:
        record(session, "sign_in", user_id=user.id, subject=f"user:{user.id}")
    else:
        record(session, "sign_in_failed", detail={"email": email})
    session.commit()
    return SignInResult(user if succeeded else None)
