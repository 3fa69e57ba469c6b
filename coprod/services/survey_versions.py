"""Store each exact wording of a survey once, the first time it is used."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from coprod.models import Survey, SurveyVersion
from coprod.surveys.catalogue import Catalogue
from coprod.surveys.definitions import SurveyDefinition, survey_from_dict


def current_version(session: Session, definition: SurveyDefinition) -> SurveyVersion:
    """The stored version matching this wording, created (and committed) if new."""
    for _attempt in range(3):
        version = session.scalar(
            select(SurveyVersion)
            .join(Survey)
            .where(Survey.slug == definition.slug, SurveyVersion.checksum == definition.checksum)
        )
        if version is not None:
            return version
        try:
            return _add_version(session, definition)
        except IntegrityError:
            session.rollback()  # another worker stored it first: read theirs
    raise RuntimeError(f"could not store a version of survey {definition.slug}")


def _add_version(session: Session, definition: SurveyDefinition) -> SurveyVersion:
    survey = session.scalar(select(Survey).where(Survey.slug == definition.slug))
    if survey is None:
        survey = Survey(slug=definition.slug, title=definition.title)
        session.add(survey)
        session.flush()
    survey.title = definition.title
    latest = session.scalar(
        select(func.max(SurveyVersion.number)).where(SurveyVersion.survey_id == survey.id)
    )
    version = SurveyVersion(
        survey=survey,
        number=(latest or 0) + 1,
        checksum=definition.checksum,
        definition=definition.raw,
    )
    session.add(version)
    session.commit()
    return version


_definitions: dict[tuple[int, str], SurveyDefinition] = {}


def definition_of(version: SurveyVersion) -> SurveyDefinition:
    """The definition a stored version holds; versions never change, so it is kept once built."""
    key = (version.id, version.checksum)
    if key not in _definitions:
        _definitions[key] = survey_from_dict(version.definition)
    return _definitions[key]


def store_catalogue(session: Session, catalogue: Catalogue) -> None:
    """Make sure every survey's current wording is stored, so counts and listings include it."""
    for definition in catalogue.surveys.values():
        current_version(session, definition)
