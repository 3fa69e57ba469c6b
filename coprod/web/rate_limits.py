"""Rate limits on the pages a stranger can hammer (sign-in, codes, and answering a survey) and on
the JSON API, per token (and per address for calls whose token is refused).

Counts live in RATELIMIT_STORAGE_URI: memory (one process) by default, a shared store such as
``redis://host:6379`` when the app runs on several workers or hosts, so the limits hold across
them. The limits are per address and generous for answering, since a school or a family centre
may send a whole group through one address; codes and passwords are guessed, so those are tight.
If the shared store is down, requests go through unlimited rather than losing anyone's answer.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app, g
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits import parse_many

limiter = Limiter(key_func=get_remote_address)


def _setting(name: str) -> Callable[[], str]:
    """A limit read from the app's settings at request time, so each deployment can tune it."""
    return lambda: str(current_app.config[name])


#: Staff sign-in attempts from one address (each email address is also locked after failures).
sign_in_limit = limiter.limit(_setting("RATE_LIMIT_SIGN_IN"), methods=["POST"])
#: Looking up answers by a code or link: the guessable part of the service.
code_limit = limiter.limit(_setting("RATE_LIMIT_CODES"), methods=["POST"])
#: Starting, answering and sending surveys.
answer_limit = limiter.limit(_setting("RATE_LIMIT_ANSWERS"), methods=["POST"])


def _api_token() -> str:
    """The token the API request was let in with (see coprod/web/api/routes.py)."""
    return f"api-token:{g.api_token_id}"


#: Calls to the JSON API, counted per token across all its addresses together.
api_limit = limiter.shared_limit(_setting("RATE_LIMIT_API"), scope="api", key_func=_api_token)


def refused_api_call_allowed() -> bool:
    """Count an API call with a missing or refused token against its address; False once the
    address has made too many (someone guessing, or a dashboard left with an old token). If the
    shared store is down the call is let through to be refused, as the other limits do."""
    if not limiter.enabled:
        return True
    address = get_remote_address()
    try:
        return all(
            limiter.limiter.hit(item, "api-refused", address)
            for item in parse_many(str(current_app.config["RATE_LIMIT_API_REFUSED"]))
        )
    except Exception:  # the store could not be reached
        return True


def init_rate_limits(app: Flask) -> None:
    """Count from the configured store, and give up counting rather than fail if it is down."""
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    limiter.init_app(app)
