"""Backing up the whole database to one file, and restoring it, checked table by table.

A backup is a tar file holding ``manifest.json`` (first, so it is read without unpacking the
rest) and the database: ``database.sqlite``, a copy made with SQLite's online backup, which the
app's readers and writers do not wait for; or ``database.pgdump``, pg_dump's custom format, taken
from the very snapshot the manifest is counted in. The manifest has each table's row count and
checksum (see backup_manifest), and the SHA-256 of the database file, so a damaged backup is
refused before anything is replaced.

The file holds every answer people gave, so only its owner may read it.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, create_engine, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool

from coprod.migrate import MIGRATIONS
from coprod.services import backup_postgres
from coprod.services.backup_manifest import Difference, TableSummary, differences, summarise

FORMAT = "coprod-backup"
VERSION = 1
MANIFEST = "manifest.json"
#: The database's file inside the backup, by the kind of database.
DUMPS = {"sqlite": "database.sqlite", "postgresql": "database.pgdump"}
KINDS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
_CHUNK = 1 << 20


class BackupError(Exception):
    """Why a backup could not be taken or restored, in one plain line naming the file."""


@dataclass(frozen=True)
class Manifest:
    """What a backup holds: the kind of database, when, its migration, and every table."""

    database: str
    taken_at: datetime
    #: The Alembic revision the database was at; None if it had never been migrated.
    revision: str | None
    #: SHA-256 of the database file inside the backup.
    dump_sha256: str
    tables: dict[str, TableSummary]

    @property
    def rows(self) -> int:
        """Rows in every table together."""
        return sum(t.rows for t in self.tables.values())

    def to_json(self) -> bytes:
        """The manifest as the JSON stored in the backup."""
        data = {
            "format": FORMAT,
            "version": VERSION,
            "database": self.database,
            "taken_at": self.taken_at.isoformat(),
            "revision": self.revision,
            "dump_sha256": self.dump_sha256,
            "tables": {n: {"rows": t.rows, "sha256": t.sha256} for n, t in self.tables.items()},
        }
        return json.dumps(data, indent=2, sort_keys=True).encode("utf-8")

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Manifest:
        """Read a stored manifest; KeyError, TypeError or ValueError if it is not one."""
        if data["format"] != FORMAT or data["database"] not in DUMPS:
            raise ValueError("not a coprod backup")
        return cls(
            data["database"],
            datetime.fromisoformat(data["taken_at"]),
            data["revision"],
            str(data["dump_sha256"]),
            {n: TableSummary(int(t["rows"]), str(t["sha256"])) for n, t in data["tables"].items()},
        )


@dataclass(frozen=True)
class Restored:
    """A restore done: the backup's manifest, each table that does not match it, and the
    migration this coprod expects (the backup may be from an older one)."""

    manifest: Manifest
    differences: list[Difference]
    head_revision: str | None


def take_backup(engine: Engine, path: Path) -> Manifest:
    """Copy the whole database into the backup file ``path``, while the app keeps serving."""
    kind = _kind(engine)
    if path.is_dir():
        raise BackupError(f"{path} is a folder: give the backup a file name.")
    try:
        work = Path(tempfile.mkdtemp(prefix=".coprod-backup-", dir=path.parent))
    except OSError as error:
        raise BackupError(f"Cannot write {path}: {error.strerror or error}.") from None
    try:
        dump = work / DUMPS[kind]
        if kind == "sqlite":
            tables, revision = _copy_sqlite(engine, dump)
        else:
            tables, revision = _dump_postgres(engine, dump)
        manifest = Manifest(kind, datetime.now(UTC), revision, _sha256(dump), tables)
        partial = work / "backup.tar"
        _write_archive(partial, manifest, dump)
        partial.replace(path)
    except OSError as error:
        raise BackupError(f"Cannot write {path}: {error.strerror or error}.") from None
    except (backup_postgres.ToolError, sqlite3.Error) as error:
        raise BackupError(f"Cannot back up to {path}: {error}.") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return manifest


def read_manifest(path: Path) -> Manifest:
    """The manifest of the backup file ``path``; a file that is not a backup is refused."""
    if not path.exists():
        raise BackupError(f"{path}: there is no such file.")
    if path.is_dir():
        raise BackupError(f"{path} is a folder, not a coprod backup.")
    try:
        with tarfile.open(path, "r:") as archive:
            member = archive.next()
            stored = archive.extractfile(member) if member and member.name == MANIFEST else None
            if stored is None:
                raise ValueError("no manifest first")
            return Manifest.from_json(json.loads(stored.read()))
    except (tarfile.TarError, EOFError, ValueError, KeyError, TypeError, AttributeError):
        raise BackupError(f"{path} is not a coprod backup.") from None
    except OSError as error:
        raise BackupError(f"Cannot read {path}: {error.strerror or error}.") from None


def restorable(engine: Engine, path: Path) -> Manifest:
    """The backup's manifest, once it is known to fit this kind of database."""
    manifest = read_manifest(path)
    kind = _kind(engine)
    if manifest.database != kind:
        raise BackupError(
            f"{path} is a backup of a {KINDS[manifest.database]} database; "
            f"this database is {KINDS[kind]}."
        )
    return manifest


def restore_backup(engine: Engine, path: Path) -> Restored:
    """Replace everything in the database with the backup in ``path``, then compare every
    table with the backup's manifest. Destructive: ask the person first."""
    manifest = restorable(engine, path)
    with tempfile.TemporaryDirectory(prefix="coprod-restore-") as work:
        dump = Path(work) / DUMPS[manifest.database]
        _unpack(path, dump, manifest)
        try:
            if manifest.database == "sqlite":
                _restore_sqlite(engine, dump)
            else:
                backup_postgres.restore(engine.url, dump)
                engine.dispose()  # pooled connections may hold plans for the dropped tables
        except (backup_postgres.ToolError, sqlite3.Error) as error:
            raise BackupError(f"Cannot restore {path}: {error}.") from None
    with engine.connect() as connection:
        found = summarise(connection)
    return Restored(manifest, differences(manifest.tables, found), _head_revision())


def _kind(engine: Engine) -> str:
    kind = engine.dialect.name
    if kind not in DUMPS:
        raise BackupError(f"coprod cannot back up or restore a {kind} database.")
    return kind


def _describe(connection: Connection) -> tuple[dict[str, TableSummary], str | None]:
    tables = summarise(connection)
    revision = None
    if "alembic_version" in inspect(connection).get_table_names():
        revision = connection.scalar(text("SELECT version_num FROM alembic_version"))
    return tables, revision


def _copy_sqlite(engine: Engine, target: Path) -> tuple[dict[str, TableSummary], str | None]:
    live = engine.raw_connection()
    try:
        with closing(sqlite3.connect(target)) as copy:
            # One step copies every page from one snapshot; in WAL mode writers carry on.
            live.driver_connection.backup(copy)  # type: ignore[union-attr]
            copy.execute("PRAGMA journal_mode=DELETE")  # the copy stands alone, with no -wal
    finally:
        live.close()
    copy_engine = create_engine(f"sqlite:///{target}", poolclass=NullPool)
    try:
        with copy_engine.connect() as connection:
            return _describe(connection)
    finally:
        copy_engine.dispose()


def _dump_postgres(engine: Engine, target: Path) -> tuple[dict[str, TableSummary], str | None]:
    """pg_dump reads the snapshot this transaction exported, so the manifest, counted in the
    same transaction, describes exactly the rows it dumped."""
    with engine.connect() as connection:
        connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            snapshot = str(connection.scalar(text("SELECT pg_export_snapshot()")))
            backup_postgres.dump(engine.url, snapshot, target)
            return _describe(connection)


def _restore_sqlite(engine: Engine, source: Path) -> None:
    with closing(sqlite3.connect(source)) as backup:
        live = engine.raw_connection()
        try:
            # SQLite locks the live database while it copies; the app's requests wait.
            backup.backup(live.driver_connection)  # type: ignore[arg-type]
        finally:
            live.close()


def _write_archive(target: Path, manifest: Manifest, dump: Path) -> None:
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out, tarfile.open(fileobj=out, mode="w") as archive:
        data = manifest.to_json()
        _add(archive, MANIFEST, io.BytesIO(data), len(data))
        with dump.open("rb") as stored:
            _add(archive, dump.name, stored, dump.stat().st_size)
        out.flush()
        os.fsync(out.fileno())


def _add(archive: tarfile.TarFile, name: str, data: IO[bytes], size: int) -> None:
    member = tarfile.TarInfo(name)
    member.size, member.mode, member.mtime = size, 0o600, int(datetime.now(UTC).timestamp())
    archive.addfile(member, data)


def _unpack(path: Path, target: Path, manifest: Manifest) -> None:
    """Copy the database file out of the backup, refusing it if it is not what was stored."""
    digest = hashlib.sha256()
    try:
        with tarfile.open(path, "r:") as archive:
            member = next((m for m in archive if m.name == target.name), None)
            stored = archive.extractfile(member) if member is not None else None
            if stored is None:
                raise BackupError(f"{path} is damaged: it has no {target.name}.")
            with target.open("wb") as out:
                while chunk := stored.read(_CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
    except (tarfile.TarError, EOFError) as error:
        raise BackupError(f"{path} is damaged and cannot be read ({error}).") from None
    except OSError as error:
        raise BackupError(f"Cannot restore {path}: {error.strerror or error}.") from None
    if digest.hexdigest() != manifest.dump_sha256:
        raise BackupError(f"{path} is damaged: its database does not match its manifest.")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as data:
        while chunk := data.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _head_revision() -> str | None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()
