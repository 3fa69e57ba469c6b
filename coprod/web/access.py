"""Who may open a staff page: a decorator for pages only some roles may use."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user, login_required

from coprod.models import User

View = TypeVar("View", bound=Callable[..., Any])

#: The people who report on what families said: they review statements and see the alerts.
ANALYSTS = ("analyst", "admin")


def roles_required(*roles: str) -> Callable[[View], View]:
    """Sign-in required, and one of these roles; anyone else gets 403."""

    def decorate(view: View) -> View:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorate


def signed_in_staff() -> User:
    """The signed-in member of staff."""
    user: User = current_user._get_current_object()
    return user
