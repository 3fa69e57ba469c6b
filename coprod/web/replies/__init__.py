"""Asking for a reply (respondents) and making it (analysts), contact details kept only between."""

from coprod.web.replies.routes import blueprint

__all__ = ["blueprint"]
