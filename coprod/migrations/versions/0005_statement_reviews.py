"""People's reviews of statements; safeguarding emails claimed by one sender at a time

Revision 0005, after 0004.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "statement_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("framework", sa.String(length=60), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("areas", sa.JSON(), nullable=False),
        sa.Column("sentiment_label", sa.String(length=10), nullable=True),
        sa.Column("machine", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statements.id"],
            name=op.f("fk_statement_reviews_statement_id_statements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_statement_reviews_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement_reviews")),
    )
    op.create_index(
        op.f("ix_statement_reviews_statement_id"), "statement_reviews", ["statement_id"]
    )
    op.create_index(op.f("ix_statement_reviews_framework"), "statement_reviews", ["framework"])
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("reviewed_by", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_statements_reviewed_by_users"), "users", ["reviewed_by"], ["id"]
        )
    with op.batch_alter_table("safeguarding_alerts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("email_claimed_at", sa.DateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("safeguarding_alerts", schema=None) as batch_op:
        batch_op.drop_column("email_claimed_at")
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_statements_reviewed_by_users"), type_="foreignkey")
        batch_op.drop_column("reviewed_by")
        batch_op.drop_column("reviewed_at")
    op.drop_index(op.f("ix_statement_reviews_framework"), table_name="statement_reviews")
    op.drop_index(op.f("ix_statement_reviews_statement_id"), table_name="statement_reviews")
    op.drop_table("statement_reviews")
