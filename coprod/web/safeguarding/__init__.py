"""The safeguarding lead's queue of alerts."""

from coprod.web.safeguarding.routes import blueprint

__all__ = ["blueprint"]
