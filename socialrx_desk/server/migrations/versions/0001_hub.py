"""Hub resources, versions, search index, access, sites, slot bookings.

Revision ID: 0001
Revises:
Create Date: 2026-12-04 20:07:00.415170
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hub_settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "resource_access",
        sa.Column("res_type", sa.String(length=40), nullable=False),
        sa.Column("res_id", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=512), nullable=False),
        sa.PrimaryKeyConstraint("res_type", "res_id", "key"),
    )
    op.create_index("ix_access_key", "resource_access", ["key", "res_type"], unique=False)

    op.create_table(
        "resource_versions",
        sa.Column("res_type", sa.String(length=40), nullable=False),
        sa.Column("res_id", sa.String(length=64), nullable=False),
        sa.Column("version_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("last_updated", sa.DateTime(), nullable=False),
        sa.Column("method", sa.String(length=8), nullable=False),
        sa.Column("created", sa.Boolean(), nullable=False),
        sa.Column("content", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("res_type", "res_id", "version_id"),
        sa.UniqueConstraint("seq"),
    )
    op.create_index("ix_versions_type_seq", "resource_versions", ["res_type", "seq"], unique=False)
    op.create_index("ix_versions_type_time", "resource_versions", ["res_type", "last_updated"], unique=False)

    op.create_table(
        "resources",
        sa.Column("res_type", sa.String(length=40), nullable=False),
        sa.Column("res_id", sa.String(length=64), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("last_updated", sa.DateTime(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("content", sa.Text(), nullable=True),
        sa.Column("owner_practice", sa.String(length=200), nullable=True),
        sa.Column("owner_site", sa.Integer(), nullable=True),
        sa.Column("sort_date", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("res_type", "res_id"),
        sa.UniqueConstraint("seq"),
    )
    op.create_index("ix_resources_type_seq", "resources", ["res_type", "seq"], unique=False)
    op.create_index("ix_resources_type_sort_date", "resources", ["res_type", "sort_date", "res_id"], unique=False)

    op.create_table(
        "search_index",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("res_type", sa.String(length=40), nullable=False),
        sa.Column("res_id", sa.String(length=64), nullable=False),
        sa.Column("param", sa.String(length=64), nullable=False),
        sa.Column("system", sa.String(length=512), nullable=True),
        sa.Column("value", sa.String(length=512), nullable=True),
        sa.Column("low", sa.DateTime(), nullable=True),
        sa.Column("high", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_search_low", "search_index", ["res_type", "param", "low"], unique=False)
    op.create_index("ix_search_resource", "search_index", ["res_type", "res_id"], unique=False)
    op.create_index("ix_search_value", "search_index", ["res_type", "param", "value"], unique=False)

    op.create_table(
        "sites",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("practice", sa.String(length=200), nullable=True),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_table(
        "slot_bookings",
        sa.Column("slot_id", sa.String(length=64), nullable=False),
        sa.Column("appointment_id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("slot_id"),
    )
    op.create_index("ix_slot_bookings_appointment_id", "slot_bookings", ["appointment_id"], unique=False)

    counter = op.create_table(
        "write_counter",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("last_time", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    # The single counter row every write transaction locks and advances (see socialrx_desk.server.storage).
    op.bulk_insert(counter, [{"id": 1, "seq": 0, "last_time": datetime(2000, 1, 1)}])
    op.create_table(
        "site_services",
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("site_id", "service_id"),
    )


def downgrade() -> None:
    op.drop_table("site_services")
    op.drop_table("write_counter")
    op.drop_index("ix_slot_bookings_appointment_id", table_name="slot_bookings")

    op.drop_table("slot_bookings")
    op.drop_table("sites")
    op.drop_index("ix_search_value", table_name="search_index")
    op.drop_index("ix_search_resource", table_name="search_index")
    op.drop_index("ix_search_low", table_name="search_index")

    op.drop_table("search_index")
    op.drop_index("ix_resources_type_sort_date", table_name="resources")
    op.drop_index("ix_resources_type_seq", table_name="resources")

    op.drop_table("resources")
    op.drop_index("ix_versions_type_time", table_name="resource_versions")
    op.drop_index("ix_versions_type_seq", table_name="resource_versions")

    op.drop_table("resource_versions")
    op.drop_index("ix_access_key", table_name="resource_access")

    op.drop_table("resource_access")
    op.drop_table("hub_settings")
