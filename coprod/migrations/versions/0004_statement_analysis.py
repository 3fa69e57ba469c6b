"""Statements remember their analysis; safeguarding alerts wait for the lead

Revision 0004, after 0003.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("needs_translation", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("safeguarding_reasons", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("analysed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("analysis_problem", sa.Text(), nullable=True))
    op.create_table(
        "safeguarding_alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=True),
        sa.Column("response_id", sa.Integer(), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=30), nullable=False),
        sa.Column("age_band", sa.String(length=20), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_by", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("email_sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("email_attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("email_problem", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statements.id"],
            name=op.f("fk_safeguarding_alerts_statement_id_statements"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["acknowledged_by"],
            ["users.id"],
            name=op.f("fk_safeguarding_alerts_acknowledged_by_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safeguarding_alerts")),
    )
    op.create_index(
        op.f("ix_safeguarding_alerts_created_at"), "safeguarding_alerts", ["created_at"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_safeguarding_alerts_created_at"), table_name="safeguarding_alerts")
    op.drop_table("safeguarding_alerts")
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.drop_column("analysis_problem")
        batch_op.drop_column("analysed_at")
        batch_op.drop_column("safeguarding_reasons")
        batch_op.drop_column("needs_translation")
