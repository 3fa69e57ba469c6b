"""Imported files of answers, and each imported response's file and row key

Revision 0010, after 0009.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("tool", sa.String(length=30), nullable=False),
        sa.Column("checksum", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=True),
        sa.Column("survey_id", sa.Integer(), nullable=True),
        sa.Column("new_survey_title", sa.String(length=200), nullable=True),
        sa.Column("mapping", sa.JSON(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("rows_in_file", sa.Integer(), nullable=False),
        sa.Column("rows_imported", sa.Integer(), nullable=False),
        sa.Column("rows_already_there", sa.Integer(), nullable=False),
        sa.Column("rows_left_out", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_imports_created_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["survey_id"], ["surveys.id"], name=op.f("fk_imports_survey_id_surveys")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_imports")),
    )
    op.create_index("ix_imports_checksum", "imports", ["checksum"])
    with op.batch_alter_table("responses") as batch:
        batch.add_column(sa.Column("import_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("import_key", sa.String(length=64), nullable=True))
        batch.create_foreign_key("fk_responses_import_id_imports", "imports", ["import_id"], ["id"])
        batch.create_index("ix_responses_import_id", ["import_id"])
        batch.create_unique_constraint("uq_responses_import_key", ["import_key"])


def downgrade() -> None:
    with op.batch_alter_table("responses") as batch:
        batch.drop_constraint("uq_responses_import_key", type_="unique")
        batch.drop_index("ix_responses_import_id")
        batch.drop_constraint("fk_responses_import_id_imports", type_="foreignkey")
        batch.drop_column("import_key")
        batch.drop_column("import_id")
    op.drop_index("ix_imports_checksum", table_name="imports")
    op.drop_table("imports")
