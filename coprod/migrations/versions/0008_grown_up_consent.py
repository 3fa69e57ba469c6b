"""How an under-13 came to answer: a parent or carer agreed, or a grown-up helped

Revision 0008, after 0007.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("drafts", "responses"):
        op.add_column(table, sa.Column("grown_up", sa.String(length=20), nullable=True))


def downgrade() -> None:
    for table in ("drafts", "responses"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("grown_up")
