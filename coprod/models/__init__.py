"""Typed models, one module per part of the product; import them from here."""

from coprod.db import utcnow
from coprod.models.actions import Action, ActionStatement, PositionStatement
from coprod.models.api_tokens import ApiToken
from coprod.models.imports import Import
from coprod.models.jobs import Job
from coprod.models.people import AuditEvent, SignInAttempt, User
from coprod.models.period_counts import PeriodCounts, SaidDayChanges
from coprod.models.replies import ReplyRequest
from coprod.models.sessions import (
    AgreedAction,
    Attendance,
    CardCount,
    Contribution,
    GroupSession,
    Tally,
    TallyCount,
)
from coprod.models.statements import (
    SafeguardingAlert,
    Statement,
    StatementReview,
    StatementTag,
)
from coprod.models.surveys import Answer, Draft, DraftAnswer, Response, Survey, SurveyVersion

__all__ = [
    "Action",
    "ActionStatement",
    "AgreedAction",
    "Answer",
    "ApiToken",
    "Attendance",
    "AuditEvent",
    "CardCount",
    "Contribution",
    "Draft",
    "DraftAnswer",
    "GroupSession",
    "Import",
    "Job",
    "PeriodCounts",
    "PositionStatement",
    "ReplyRequest",
    "Response",
    "SafeguardingAlert",
    "SaidDayChanges",
    "SignInAttempt",
    "Statement",
    "StatementReview",
    "StatementTag",
    "Survey",
    "SurveyVersion",
    "Tally",
    "TallyCount",
    "User",
    "utcnow",
]
