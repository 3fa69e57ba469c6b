"""You said, we did: actions and the statements that prompted them; position statements

Revision 0006, after 0005.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("framework", sa.String(length=60), nullable=False),
        sa.Column("focus_area", sa.String(length=60), nullable=False),
        sa.Column("you_said", sa.Text(), nullable=False),
        sa.Column("we_did", sa.Text(), nullable=False),
        sa.Column("easy_you_said", sa.Text(), nullable=True),
        sa.Column("easy_we_did", sa.Text(), nullable=True),
        sa.Column("translations", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("owner", sa.String(length=120), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_actions_created_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by"], ["users.id"], name=op.f("fk_actions_updated_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actions")),
    )
    op.create_index(op.f("ix_actions_focus_area"), "actions", ["focus_area"], unique=False)
    op.create_table(
        "position_statements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("framework", sa.String(length=60), nullable=False),
        sa.Column("focus_area", sa.String(length=60), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("conclusion", sa.Text(), nullable=False),
        sa.Column("how_reached", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("next_steps", sa.Text(), nullable=False),
        sa.Column("sustainability", sa.Text(), nullable=False),
        sa.Column("written_by", sa.Integer(), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["written_by"], ["users.id"], name=op.f("fk_position_statements_written_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_position_statements")),
        sa.UniqueConstraint(
            "framework", "focus_area", "number", name=op.f("uq_position_statements_framework")
        ),
    )
    op.create_table(
        "action_statements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["actions.id"],
            name=op.f("fk_action_statements_action_id_actions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statements.id"],
            name=op.f("fk_action_statements_statement_id_statements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_statements")),
        sa.UniqueConstraint(
            "action_id", "statement_id", name=op.f("uq_action_statements_action_id")
        ),
    )
    op.create_index(
        op.f("ix_action_statements_action_id"), "action_statements", ["action_id"], unique=False
    )
    op.create_index(
        op.f("ix_action_statements_statement_id"),
        "action_statements",
        ["statement_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_action_statements_statement_id"), table_name="action_statements")
    op.drop_index(op.f("ix_action_statements_action_id"), table_name="action_statements")
    op.drop_table("action_statements")
    op.drop_table("position_statements")
    op.drop_index(op.f("ix_actions_focus_area"), table_name="actions")
    op.drop_table("actions")
