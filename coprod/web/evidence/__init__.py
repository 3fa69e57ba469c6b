"""The forum lead's evidence: per focus area, what people said, how it changed, who was heard."""

from coprod.web.evidence.routes import blueprint

__all__ = ["blueprint"]
