"""Directory tables and the full-text index.

Revision ID: 0001
Revises:
Create Date: 2026-12-04 19:53:07.887030
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "locations",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("accessibility", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "organizations",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "store_meta",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "taxonomy_terms",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("vocabulary", sa.Text(), nullable=True),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("parent_id", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "addresses",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.String(length=200), nullable=False),
        sa.Column("line1", sa.Text(), nullable=True),
        sa.Column("city", sa.Text(), nullable=True),
        sa.Column("region", sa.Text(), nullable=True),
        sa.Column("postcode", sa.String(length=20), nullable=True),
        sa.Column("country", sa.String(length=60), nullable=True),
        sa.ForeignKeyConstraint(["location_id"], ["locations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("addresses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_addresses_location_id"), ["location_id"], unique=False)

    op.create_table(
        "services",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("organization_id", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("fees", sa.Text(), nullable=True),
        sa.Column("access", sa.String(length=120), nullable=False),
        sa.Column("attending_type", sa.Text(), nullable=True),
        sa.Column("min_age", sa.Integer(), nullable=True),
        sa.Column("max_age", sa.Integer(), nullable=True),
        sa.Column("eligibility", sa.JSON(), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("service_areas", sa.JSON(), nullable=False),
        sa.Column("alert", sa.Text(), nullable=True),
        sa.Column("open_days", sa.Integer(), nullable=False),
        sa.Column("needs", sa.Text(), nullable=False),
        sa.Column("last_modified", sa.DateTime(), nullable=True),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["organization_id"], ["organizations.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("pk"),
        sa.UniqueConstraint("id"),
    )
    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_services_organization_id"), ["organization_id"], unique=False)

    op.create_table(
        "closures",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("service_pk", sa.Integer(), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.Column("opens", sa.String(length=5), nullable=True),
        sa.Column("closes", sa.String(length=5), nullable=True),
        sa.ForeignKeyConstraint(["service_pk"], ["services.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("closures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_closures_service_pk"), ["service_pk"], unique=False)

    op.create_table(
        "contacts",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("service_pk", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("phones", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["service_pk"], ["services.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contacts_service_pk"), ["service_pk"], unique=False)

    op.create_table(
        "opening_hours",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("service_pk", sa.Integer(), nullable=False),
        sa.Column("weekdays", sa.String(length=60), nullable=False),
        sa.Column("opens", sa.String(length=5), nullable=True),
        sa.Column("closes", sa.String(length=5), nullable=True),
        sa.Column("freq", sa.String(length=10), nullable=False),
        sa.Column("interval", sa.Integer(), nullable=False),
        sa.Column("month_days", sa.String(length=100), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("dtstart", sa.Date(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["service_pk"], ["services.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("opening_hours", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_opening_hours_service_pk"), ["service_pk"], unique=False)

    op.create_table(
        "service_locations",
        sa.Column("service_pk", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["location_id"], ["locations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["service_pk"], ["services.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("service_pk", "location_id"),
    )
    with op.batch_alter_table("service_locations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_service_locations_location_id"), ["location_id"], unique=False)

    op.create_table(
        "service_needs",
        sa.Column("service_pk", sa.Integer(), nullable=False),
        sa.Column("need", sa.String(length=60), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["service_pk"], ["services.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("service_pk", "need"),
    )
    with op.batch_alter_table("service_needs", schema=None) as batch_op:
        batch_op.create_index("ix_service_needs_need", ["need", "weight"], unique=False)

    op.create_table(
        "service_taxonomy",
        sa.Column("service_pk", sa.Integer(), nullable=False),
        sa.Column("term_id", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["service_pk"], ["services.pk"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["term_id"], ["taxonomy_terms.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("service_pk", "term_id"),
    )
    with op.batch_alter_table("service_taxonomy", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_service_taxonomy_term_id"), ["term_id"], unique=False)
    # Stemmed text is written by the store (Python stems both index and query), so the tokenizer only splits.
    # Prefix indexes of 2 and 3 characters keep as-you-type prefix queries fast.
    op.execute(
        "CREATE VIRTUAL TABLE service_fts USING fts5("
        "name, organization, taxonomy, needs, description, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
    )
    op.execute("CREATE VIRTUAL TABLE service_fts_vocab USING fts5vocab(service_fts, 'row')")


def downgrade() -> None:
    op.execute("DROP TABLE service_fts_vocab")
    op.execute("DROP TABLE service_fts")
    with op.batch_alter_table("service_taxonomy", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_taxonomy_term_id"))

    op.drop_table("service_taxonomy")
    with op.batch_alter_table("service_needs", schema=None) as batch_op:
        batch_op.drop_index("ix_service_needs_need")

    op.drop_table("service_needs")
    with op.batch_alter_table("service_locations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_locations_location_id"))

    op.drop_table("service_locations")
    with op.batch_alter_table("opening_hours", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opening_hours_service_pk"))

    op.drop_table("opening_hours")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_service_pk"))

    op.drop_table("contacts")
    with op.batch_alter_table("closures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_closures_service_pk"))

    op.drop_table("closures")
    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_services_organization_id"))

    op.drop_table("services")
    with op.batch_alter_table("addresses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_addresses_location_id"))

    op.drop_table("addresses")
    op.drop_table("taxonomy_terms")
    op.drop_table("store_meta")
    op.drop_table("organizations")
    op.drop_table("locations")
