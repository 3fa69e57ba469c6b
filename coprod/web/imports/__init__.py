"""Pages for bringing in answers from other survey tools."""

from coprod.web.imports.routes import blueprint

__all__ = ["blueprint"]
