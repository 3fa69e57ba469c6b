"""Requests for a reply: contact details kept apart from answers until the reply is made

Revision 0009, after 0008.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reply_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey", sa.String(length=80), nullable=False),
        sa.Column("contact", sa.String(length=200), nullable=False),
        sa.Column("about", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_reply_requests_created_at", "reply_requests", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_reply_requests_created_at", table_name="reply_requests")
    op.drop_table("reply_requests")
