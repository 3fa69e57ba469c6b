"""The API in tests: tokens made by the service, calls with a Bearer header, and statements
analysed by the real analysis before they are stored."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from uuid import uuid4

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from coprod.analysis import analyse
from coprod.db import app_session
from coprod.models import Response, Statement, StatementTag, Survey, SurveyVersion, User
from coprod.services.api_tokens import SCOPES, create_token
from tests.factories import make_user


def make_token(
    app: Flask,
    *,
    role: str = "analyst",
    email: str | None = None,
    scopes: Sequence[str] = SCOPES,
    expires_on: date | None = None,
    name: str = "Power BI board dashboard",
) -> str:
    """A token for a member of staff (made if they have no account yet); its secret."""
    email = email or f"{role}@example.org"
    with app_session(app) as session:
        owner = session.scalar(select(User).where(User.email == email))
    if owner is None:
        owner = make_user(app, email=email, role=role, name=f"{role.title()} Person")
    with app_session(app) as session:
        owner = session.get(User, owner.id)
        assert owner is not None
        return create_token(session, owner, name, list(scopes), expires_on).secret


def call(client: FlaskClient, path: str, secret: str | None, **query: Any) -> TestResponse:
    """GET an API address with the token (if any) as a Bearer header."""
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    return client.get(path, query_string=query, headers=headers)


def store_analysed(
    app: Flask, texts: Sequence[str], when: datetime, role: str = "parent_carer"
) -> list[int]:
    """Each text as its own survey response's statement, with what the analysis made of it
    (redacted words, sentiment, focus areas, safeguarding); the statements' ids."""
    with app_session(app) as session:
        survey = session.scalar(select(Survey).where(Survey.slug == "analysed"))
        if survey is None:
            survey = Survey(slug="analysed", title="Analysed")
            session.add(survey)
            session.flush()
            session.add(SurveyVersion(survey=survey, number=1, checksum="1" * 64, definition={}))
            session.flush()
        version = session.scalar(select(SurveyVersion).where(SurveyVersion.survey == survey))
        assert version is not None
        ids = []
        for text in texts:
            found = analyse(text)
            response = Response(
                survey_version_id=version.id,
                reference=f"AN-{uuid4().hex[:12]}",
                role=role,
                submitted_at=when,
            )
            session.add(response)
            session.flush()
            statement = Statement(
                response_id=response.id,
                source="survey",
                kind="free_text",
                role=role,
                age_band="11-12",
                language=found.language,
                said_at=when,
                text=text,
                redacted_text=found.redacted,
                sentiment_score=found.sentiment.score,
                sentiment_label=found.sentiment.label,
                safeguarding=bool(found.safeguarding.concerns),
            )
            session.add(statement)
            session.flush()
            for tag in found.tags:
                session.add(
                    StatementTag(
                        statement_id=statement.id,
                        framework="default",
                        focus_area=tag.area,
                        origin="auto",
                        confidence=tag.confidence,
                        terms=list(tag.terms),
                    )
                )
            ids.append(statement.id)
        session.commit()
        return ids
