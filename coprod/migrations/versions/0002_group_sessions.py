"""Focus-group session records; statements and responses link to sessions

Revision 0002, after 0001; written 2026-11-23 10:19:28.780505.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "group_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_name", sa.String(length=120), nullable=False),
        sa.Column("group_type", sa.String(length=30), nullable=False),
        sa.Column("template", sa.String(length=60), nullable=True),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("facilitator_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("consent_recorded", sa.Boolean(), nullable=False),
        sa.Column("parental_consent_recorded", sa.Boolean(), nullable=False),
        sa.Column("adjustments", sa.JSON(), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finalised_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["facilitator_id"], ["users.id"], name=op.f("fk_group_sessions_facilitator_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_sessions")),
    )
    with op.batch_alter_table("group_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_group_sessions_facilitator_id"), ["facilitator_id"], unique=False
        )

    op.create_table(
        "session_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["group_sessions.id"],
            name=op.f("fk_session_actions_session_id_group_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_actions")),
    )
    with op.batch_alter_table("session_actions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_session_actions_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "session_attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=30), nullable=False),
        sa.Column("age_band", sa.String(length=20), nullable=True),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["group_sessions.id"],
            name=op.f("fk_session_attendance_session_id_group_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_attendance")),
        sa.UniqueConstraint(
            "session_id", "role", "age_band", name=op.f("uq_session_attendance_session_id")
        ),
    )
    op.create_table(
        "session_card_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("card", sa.String(length=200), nullable=False),
        sa.Column("focus_area", sa.String(length=60), nullable=True),
        sa.Column("pile", sa.String(length=10), nullable=False),
        sa.Column("role", sa.String(length=30), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["group_sessions.id"],
            name=op.f("fk_session_card_counts_session_id_group_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_card_counts")),
        sa.UniqueConstraint(
            "session_id", "card", "pile", name=op.f("uq_session_card_counts_session_id")
        ),
    )
    op.create_table(
        "session_contributions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("role", sa.String(length=30), nullable=False),
        sa.Column("age_band", sa.String(length=20), nullable=True),
        sa.Column("focus_area", sa.String(length=60), nullable=True),
        sa.Column("whole_group", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["group_sessions.id"],
            name=op.f("fk_session_contributions_session_id_group_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_contributions")),
    )
    with op.batch_alter_table("session_contributions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_session_contributions_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "session_tallies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("prompt", sa.Text(), nullable=False),
        sa.Column("focus_area", sa.String(length=60), nullable=True),
        sa.Column("role", sa.String(length=30), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["group_sessions.id"],
            name=op.f("fk_session_tallies_session_id_group_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_tallies")),
    )
    with op.batch_alter_table("session_tallies", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_session_tallies_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "session_tally_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tally_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tally_id"],
            ["session_tallies.id"],
            name=op.f("fk_session_tally_counts_tally_id_session_tallies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_tally_counts")),
    )
    with op.batch_alter_table("session_tally_counts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_session_tally_counts_tally_id"), ["tally_id"], unique=False
        )

    with op.batch_alter_table("responses", schema=None) as batch_op:
        batch_op.add_column(sa.Column("session_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_responses_session_id"), ["session_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_responses_session_id_group_sessions"),
            "group_sessions",
            ["session_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.add_column(sa.Column("session_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_statements_session_id"), ["session_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_statements_session_id_group_sessions"),
            "group_sessions",
            ["session_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade() -> None:
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_statements_session_id_group_sessions"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_statements_session_id"))
        batch_op.drop_column("session_id")

    with op.batch_alter_table("responses", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_responses_session_id_group_sessions"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_responses_session_id"))
        batch_op.drop_column("session_id")

    with op.batch_alter_table("session_tally_counts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_tally_counts_tally_id"))

    op.drop_table("session_tally_counts")
    with op.batch_alter_table("session_tallies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_tallies_session_id"))

    op.drop_table("session_tallies")
    with op.batch_alter_table("session_contributions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_contributions_session_id"))

    op.drop_table("session_contributions")
    op.drop_table("session_card_counts")
    op.drop_table("session_attendance")
    with op.batch_alter_table("session_actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_actions_session_id"))

    op.drop_table("session_actions")
    with op.batch_alter_table("group_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_sessions_facilitator_id"))

    op.drop_table("group_sessions")
