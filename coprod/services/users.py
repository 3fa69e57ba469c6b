"""Staff accounts: creating them and signing in, with throttling shared by every worker."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app, has_app_context
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from coprod.models import SignInAttempt, User, utcnow
from coprod.services.audit import record
from coprod.services.passwords import PROBLEMS, password_problem

ROLES = ("facilitator", "analyst", "admin")
# Checked when the address is unknown, so a wrong address takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not a real password, only for timing")


class AccountError(ValueError):
    """A change to an account was refused; the message says why in plain words, and ``key``
    names the reason so a page can say it in the person's language."""

    def __init__(self, message: str, key: str = "") -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class SignInResult:
    """The user signed in, or why not."""

    user: User | None
    locked: bool = False


def _hash_method() -> str:
    """How new passwords are hashed: scrypt, unless a test run chose a quicker method."""
    return str(current_app.config["PASSWORD_HASH_METHOD"]) if has_app_context() else "scrypt"


def create_user(
    session: Session, email: str, name: str, role: str, password: str, by: int | None = None
) -> User:
    """Create a staff account and commit it (``by``: the admin who did, if not the command)."""
    email = email.strip().lower()
    if "@" not in email or len(email) > 254:
        raise AccountError("Enter an email address in the correct format, like name@example.org")
    if role not in ROLES:
        raise AccountError(f"Role must be one of: {', '.join(ROLES)}")
    problem = password_problem(password, email, name)
    if problem:
        raise AccountError(PROBLEMS[problem])
    if session.scalar(select(User).where(User.email == email)):
        raise AccountError(f"There is already an account for {email}", "taken")
    user = User(
        email=email,
        name=name.strip() or email,
        role=role,
        password_hash=generate_password_hash(password, method=_hash_method()),
    )
    session.add(user)
    session.flush()
    record(session, "user_created", user_id=by, subject=f"user:{user.id}", detail={"role": role})
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


def _admins_left(session: Session, without: User) -> int:
    """How many other active admins there are."""
    return (
        session.scalar(
            select(func.count(User.id)).where(
                User.role == "admin", User.active.is_(True), User.id != without.id
            )
        )
        or 0
    )


def change_access(session: Session, user: User, role: str, active: bool, by: User) -> None:
    """Change someone's role or turn their account off or on, and commit; a disabled person's
    session ends at their next page. There is always one active admin left, so nobody locks
    the partnership out of its own accounts."""
    if role not in ROLES:
        raise AccountError(f"Role must be one of: {', '.join(ROLES)}")
    if user.id == by.id and not active:
        raise AccountError("You cannot turn off your own account: ask another admin", "self")
    losing_admin = user.role == "admin" and user.active and (role != "admin" or not active)
    if losing_admin and _admins_left(session, user) == 0:
        raise AccountError(
            "There must be at least one active admin: make someone else admin first", "last_admin"
        )
    if role != user.role:
        record(
            session,
            "role_changed",
            user_id=by.id,
            subject=f"user:{user.id}",
            detail={"from": user.role, "to": role},
        )
        user.role = role
    if active != user.active:
        record(
            session,
            "user_enabled" if active else "user_disabled",
            user_id=by.id,
            subject=f"user:{user.id}",
        )
        user.active = active
    session.commit()


def staff_list(session: Session) -> list[User]:
    """Every staff account, active first, then by name."""
    return list(session.scalars(select(User).order_by(User.active.desc(), User.name, User.id)))
