"""A respondent's own answers, by their reference code: see them, download them, delete them."""

from coprod.web.rights.routes import blueprint

__all__ = ["blueprint"]
