"""Long work started by staff: its progress, then its file or its result, or why it stopped."""

from coprod.web.jobs.routes import blueprint

__all__ = ["blueprint"]
