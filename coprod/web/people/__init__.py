"""Staff accounts (admins add people, change roles, turn accounts off) and the audit log."""

from coprod.web.people.routes import blueprint

__all__ = ["blueprint"]
