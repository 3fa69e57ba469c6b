"""Typed models, one module per part of the product; import them from here."""

from coprod.db import utcnow
from coprod.models.people import AuditEvent, SignInAttempt, User
from coprod.models.statements import Statement, StatementTag
from coprod.models.surveys import Answer, Draft, DraftAnswer, Response, Survey, SurveyVersion

__all__ = [
    "Answer",
    "AuditEvent",
    "Draft",
    "DraftAnswer",
    "Response",
    "SignInAttempt",
    "Statement",
    "StatementTag",
    "Survey",
    "SurveyVersion",
    "User",
    "utcnow",
]
