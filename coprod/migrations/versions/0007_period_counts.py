"""Counts kept for ended monitoring periods, and the changes noted per day that keep them honest

Revision 0007, after 0006.

Triggers note each change to a statement, a focus-area tag or a session's attendance against the
day the statement was said (or the session held). Changes on today or later are not noted: no
kept period reaches them, and new answers then never wait on one another for the same row.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

#: (table, trigger name, the day a row is about, for SQLite's NEW./OLD. and PostgreSQL's)
WATCHED = (
    ("statements", "statements_noted", "date({row}.said_at)"),
    (
        "statement_tags",
        "statement_tags_noted",
        "(SELECT date(said_at) FROM statements WHERE id = {row}.statement_id)",
    ),
    (
        "session_attendance",
        "session_attendance_noted",
        "(SELECT held_on FROM group_sessions WHERE id = {row}.session_id)",
    ),
)
PG_DAY = {
    "statements": "({row}.said_at AT TIME ZONE 'UTC')::date",
    "statement_tags": (
        "(SELECT (said_at AT TIME ZONE 'UTC')::date FROM statements WHERE id = {row}.statement_id)"
    ),
    "session_attendance": "(SELECT held_on FROM group_sessions WHERE id = {row}.session_id)",
}


def _sqlite_note(day: str) -> str:
    # ``day`` is one of this file's own column expressions, never outside input.
    note = "INSERT INTO said_day_changes (day, changes) SELECT {day}, 1 WHERE {day} < date('now') "
    return note.format(day=day) + "ON CONFLICT (day) DO UPDATE SET changes = changes + 1;"  # nosec B608


def _sqlite_triggers() -> None:
    """Each trigger's WHEN leaves today's rows alone before any of its body runs: new answers
    are most of the writes, and they must stay quick."""
    for table, name, day in WATCHED:
        new, old = day.format(row="NEW"), day.format(row="OLD")
        past_new, past_old = f"{new} < date('now')", f"{old} < date('now')"
        op.execute(
            f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table} WHEN {past_new} "
            f"BEGIN {_sqlite_note(new)} END"
        )
        op.execute(
            f"CREATE TRIGGER {name}_update AFTER UPDATE ON {table} "
            f"WHEN {past_old} OR {past_new} "
            f"BEGIN {_sqlite_note(old)} {_sqlite_note(new)} END"
        )
        op.execute(
            f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table} WHEN {past_old} "
            f"BEGIN {_sqlite_note(old)} END"
        )


def _postgresql_triggers() -> None:
    op.execute(
        "CREATE FUNCTION note_said_day(day date) RETURNS void LANGUAGE sql AS $$ "
        "INSERT INTO said_day_changes (day, changes) SELECT $1, 1 "
        "WHERE $1 < (now() AT TIME ZONE 'UTC')::date "
        "ON CONFLICT (day) DO UPDATE SET changes = said_day_changes.changes + 1 $$"
    )
    for table, name, _day in WATCHED:
        day = PG_DAY[table]
        op.execute(
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF TG_OP <> 'INSERT' THEN PERFORM note_said_day({day.format(row='OLD')}); END IF; "
            f"IF TG_OP <> 'DELETE' THEN PERFORM note_said_day({day.format(row='NEW')}); END IF; "
            "RETURN NULL; END $$"
        )
        op.execute(
            f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {name}()"
        )


def upgrade() -> None:
    op.create_table(
        "said_day_changes",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("changes", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_said_day_changes")),
    )
    op.create_table(
        "period_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("framework", sa.String(length=60), nullable=False),
        sa.Column("filters", sa.String(length=200), nullable=False),
        sa.Column("area", sa.String(length=60), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("stamp", sa.Integer(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("counted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_period_counts")),
        sa.UniqueConstraint(
            "framework",
            "filters",
            "area",
            "starts_on",
            "ends_on",
            name=op.f("uq_period_counts_framework"),
        ),
    )
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_triggers()
    else:
        _sqlite_triggers()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, name, _day in WATCHED:
            op.execute(f"DROP TRIGGER {name} ON {table}")
            op.execute(f"DROP FUNCTION {name}()")
        op.execute("DROP FUNCTION note_said_day(date)")
    else:
        for _table, name, _day in WATCHED:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER {name}_{event}")
    op.drop_table("period_counts")
    op.drop_table("said_day_changes")
