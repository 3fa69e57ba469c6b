"""Files of answers brought in from other survey tools, and where each imported answer came from."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, deferred, mapped_column

from coprod.db import Base, UTCDateTime, utcnow


class Import(Base):
    """One file brought in: what it was, which tool made it, how its columns were read, and
    what came of it. The provenance every imported response (and so statement) points to."""

    __tablename__ = "imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The file's name as uploaded, e.g. ``Parent survey 2024.xlsx``.
    filename: Mapped[str] = mapped_column(String(255))
    #: The tool that made it: ``microsoft_forms``, ``google_forms``, ``smartsurvey``,
    #: ``kobotoolbox`` or ``csv``.
    tool: Mapped[str] = mapped_column(String(30))
    #: SHA-256 of the file's bytes.
    checksum: Mapped[str] = mapped_column(String(64), index=True)
    #: The file itself, kept only until it is imported (so any web worker can read it).
    data: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    #: The survey the answers go into (once chosen or created).
    survey_id: Mapped[int | None] = mapped_column(ForeignKey("surveys.id"))
    #: A new survey's title, when the answers make an "imported" survey of their own.
    new_survey_title: Mapped[str | None] = mapped_column(String(200))
    #: The framework a new survey is tagged against, and what each column holds:
    #: {"framework": slug, "columns": [{"column": 2, "holds": "free_text", "focus_area": ...}]}.
    mapping: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    #: ``waiting`` (uploaded, being checked), ``imported`` or ``failed``.
    status: Mapped[str] = mapped_column(String(20), default="waiting")
    rows_in_file: Mapped[int] = mapped_column(Integer, default=0)
    rows_imported: Mapped[int] = mapped_column(Integer, default=0)
    #: Rows already imported from this or an earlier file (the same import key).
    rows_already_there: Mapped[int] = mapped_column(Integer, default=0)
    #: Rows left out because of a problem the person chose to leave out.
    rows_left_out: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: When it was imported; while it imports, when it last stored a batch (so an import whose
    #: process died can be told from one still running, and taken back).
    imported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
