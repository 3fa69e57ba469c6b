"""What a database holds, table by table: a row count and a SHA-256 of the rows, so a restored
database can be checked against the one that was backed up.

Rows are read as the driver returns them, with no model types applied, and written out in one
canonical form (columns by name, timestamps in UTC, JSON keys sorted) before hashing. Tables are
read in primary-key order where that order does not depend on the server's collation; otherwise
the written-out rows are sorted here. The checksums compare a database with a copy of itself on
the same kind of database: SQLite and PostgreSQL hand the same row back differently (JSON as
text or as objects, for one), so their checksums differ.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, column, inspect, select, table
from sqlalchemy.types import String

#: Rows fetched at a time, so a large table is hashed without holding it in memory.
BATCH = 2000


@dataclass(frozen=True)
class TableSummary:
    """One table's row count and the SHA-256 of its rows in canonical order."""

    rows: int
    sha256: str


@dataclass(frozen=True)
class Difference:
    """A table of the restored database that is not as it was backed up."""

    table: str
    problem: str

    def __str__(self) -> str:
        return f"table {self.table}: {self.problem}"


def summarise(connection: Connection) -> dict[str, TableSummary]:
    """Every table of the connection's database (its default schema), by name."""
    inspector = inspect(connection)
    summaries = {}
    for name in sorted(inspector.get_table_names()):
        columns = inspector.get_columns(name)
        names = sorted(c["name"] for c in columns)
        key = inspector.get_pk_constraint(name).get("constrained_columns") or []
        # Text keys sort by the server's collation, which another server may not share.
        text_key = any(isinstance(c["type"], String) for c in columns if c["name"] in key)
        summaries[name] = _summarise_table(connection, name, names, [] if text_key else key)
    return summaries


def _summarise_table(
    connection: Connection, name: str, names: list[str], key: list[str]
) -> TableSummary:
    query = select(table(name, *(column(n) for n in names)))
    if key:
        query = query.order_by(*(column(k) for k in key))
    result = connection.execution_options(yield_per=BATCH).execute(query)
    lines: Iterable[bytes] = (canonical_row(row) for row in result)
    if not key:
        lines = sorted(lines)
    digest = hashlib.sha256()
    count = 0
    for line in lines:
        digest.update(line)
        count += 1
    return TableSummary(count, digest.hexdigest())


def canonical_row(values: Iterable[Any]) -> bytes:
    """One row as a line of JSON that is the same whenever the values are."""
    encoded = json.dumps(
        [_canonical(v) for v in values], sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return encoded.encode("utf-8") + b"\n"


def _canonical(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return {"float": repr(value)}  # repr round-trips; NaN and infinity stay distinct
    if isinstance(value, datetime):
        # A server hands timestamps back in the session's time zone: compare instants.
        moment = value.astimezone(UTC) if value.tzinfo is not None else value
        return {"datetime": moment.isoformat()}
    if isinstance(value, date | time | Decimal):
        return {type(value).__name__: str(value)}
    if isinstance(value, bytes | bytearray | memoryview):
        return {"bytes": bytes(value).hex()}
    if isinstance(value, dict):
        return {"json": {str(k): _canonical(v) for k, v in value.items()}}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    return {type(value).__name__: str(value)}


def differences(
    expected: Mapping[str, TableSummary], found: Mapping[str, TableSummary]
) -> list[Difference]:
    """How the found tables differ from the expected ones, one line per table."""
    problems = []
    for name in sorted(expected.keys() | found.keys()):
        want, have = expected.get(name), found.get(name)
        if have is None:
            problems.append(Difference(name, "missing from the restored database"))
        elif want is None:
            problems.append(Difference(name, "in the database but not in the backup"))
        elif want.rows != have.rows:
            problems.append(Difference(name, f"{want.rows} rows backed up, {have.rows} found"))
        elif want.sha256 != have.sha256:
            problems.append(Difference(name, f"the same {have.rows} rows, but not the same values"))
    return problems
