"""The review screens where analysts check and correct what the analysis said."""

from coprod.web.review.routes import blueprint

__all__ = ["blueprint"]
