"""Drafts answered on a shared device at a session remember the session

Revision 0003, after 0002.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("session_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_drafts_session_id"), ["session_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_drafts_session_id_group_sessions"),
            "group_sessions",
            ["session_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_drafts_session_id_group_sessions"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_drafts_session_id"))
        batch_op.drop_column("session_id")
