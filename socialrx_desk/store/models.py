"""SQLAlchemy 2 typed models of the local store.

The directory tables mirror Open Referral UK closely enough to show a full service page offline. ``services``
has an integer primary key (``pk``) because the FTS5 index is keyed by rowid; the ORUK id is a unique column.
The full-text table itself is created by migration (SQLAlchemy has no FTS5 DDL).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class OrganizationRow(Base):
    __tablename__ = "organizations"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)


class LocationRow(Base):
    __tablename__ = "locations"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    accessibility: Mapped[list[str]] = mapped_column(JSON, default=list)

    addresses: Mapped[list[AddressRow]] = relationship(
        cascade="all, delete-orphan", order_by="AddressRow.pk", lazy="selectin"
    )


class AddressRow(Base):
    __tablename__ = "addresses"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    location_id: Mapped[str] = mapped_column(ForeignKey("locations.id", ondelete="CASCADE"), index=True)
    line1: Mapped[str | None] = mapped_column(Text)
    city: Mapped[str | None] = mapped_column(Text)
    region: Mapped[str | None] = mapped_column(Text)
    postcode: Mapped[str | None] = mapped_column(String(20))
    country: Mapped[str | None] = mapped_column(String(60))


class TaxonomyTermRow(Base):
    __tablename__ = "taxonomy_terms"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    vocabulary: Mapped[str | None] = mapped_column(Text)
    code: Mapped[str | None] = mapped_column(Text)
    parent_id: Mapped[str | None] = mapped_column(String(200))


class ServiceRow(Base):
    __tablename__ = "services"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    organization_id: Mapped[str | None] = mapped_column(ForeignKey("organizations.id", ondelete="SET NULL"), index=True)
    status: Mapped[str] = mapped_column(String(30), default="active")
    url: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)
    fees: Mapped[str | None] = mapped_column(Text)
    # Access routes as a space-separated set ("drop-in referral"): small, filtered with LIKE on few rows.
    access: Mapped[str] = mapped_column(String(120), default="")
    attending_type: Mapped[str | None] = mapped_column(Text)
    min_age: Mapped[int | None] = mapped_column(Integer)
    max_age: Mapped[int | None] = mapped_column(Integer)
    eligibility: Mapped[list[str]] = mapped_column(JSON, default=list)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    service_areas: Mapped[list[str]] = mapped_column(JSON, default=list)
    alert: Mapped[str | None] = mapped_column(Text)
    # Bit i set when the service opens on weekday i (0 = Monday) under any rule: the "open on" filter.
    open_days: Mapped[int] = mapped_column(Integer, default=0)
    # Need ids, space separated, strongest first (denormalised from service_needs for display).
    needs: Mapped[str] = mapped_column(Text, default="")
    last_modified: Mapped[datetime | None] = mapped_column(DateTime)
    imported_at: Mapped[datetime] = mapped_column(DateTime)

    organization: Mapped[OrganizationRow | None] = relationship(lazy="joined")
    contacts: Mapped[list[ContactRow]] = relationship(
        cascade="all, delete-orphan", order_by="ContactRow.pk", lazy="selectin"
    )
    opening_hours: Mapped[list[OpeningHoursRow]] = relationship(
        cascade="all, delete-orphan", order_by="OpeningHoursRow.pk", lazy="selectin"
    )
    closures: Mapped[list[ClosureRow]] = relationship(
        cascade="all, delete-orphan", order_by="ClosureRow.pk", lazy="selectin"
    )
    locations: Mapped[list[LocationRow]] = relationship(
        secondary="service_locations", order_by="LocationRow.id", lazy="selectin"
    )
    taxonomy: Mapped[list[TaxonomyTermRow]] = relationship(
        secondary="service_taxonomy", order_by="TaxonomyTermRow.id", lazy="selectin"
    )


class ServiceLocationRow(Base):
    __tablename__ = "service_locations"

    service_pk: Mapped[int] = mapped_column(ForeignKey("services.pk", ondelete="CASCADE"), primary_key=True)
    location_id: Mapped[str] = mapped_column(
        ForeignKey("locations.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ServiceTaxonomyRow(Base):
    __tablename__ = "service_taxonomy"

    service_pk: Mapped[int] = mapped_column(ForeignKey("services.pk", ondelete="CASCADE"), primary_key=True)
    term_id: Mapped[str] = mapped_column(
        ForeignKey("taxonomy_terms.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ServiceNeedRow(Base):
    """Which needs a service meets, and how strongly (taxonomy/name evidence beats description evidence)."""

    __tablename__ = "service_needs"
    __table_args__ = (Index("ix_service_needs_need", "need", "weight"),)

    service_pk: Mapped[int] = mapped_column(ForeignKey("services.pk", ondelete="CASCADE"), primary_key=True)
    need: Mapped[str] = mapped_column(String(60), primary_key=True)
    weight: Mapped[float] = mapped_column(Float)


class ContactRow(Base):
    __tablename__ = "contacts"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    service_pk: Mapped[int] = mapped_column(ForeignKey("services.pk", ondelete="CASCADE"), index=True)
    name: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)
    phones: Mapped[list[str]] = mapped_column(JSON, default=list)


class OpeningHoursRow(Base):
    __tablename__ = "opening_hours"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    service_pk: Mapped[int] = mapped_column(ForeignKey("services.pk", ondelete="CASCADE"), index=True)
    weekdays: Mapped[str] = mapped_column(String(60), default="")  # rrule BYDAY codes, comma separated
    opens: Mapped[str | None] = mapped_column(String(5))  # HH:MM
    closes: Mapped[str | None] = mapped_column(String(5))
    freq: Mapped[str] = mapped_column(String(10), default="WEEKLY")
    interval: Mapped[int] = mapped_column(Integer, default=1)
    month_days: Mapped[str] = mapped_column(String(100), default="")
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    dtstart: Mapped[date | None] = mapped_column(Date)
    description: Mapped[str | None] = mapped_column(Text)


class ClosureRow(Base):
    __tablename__ = "closures"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    service_pk: Mapped[int] = mapped_column(ForeignKey("services.pk", ondelete="CASCADE"), index=True)
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date] = mapped_column(Date)
    closed: Mapped[bool] = mapped_column(Boolean, default=True)
    opens: Mapped[str | None] = mapped_column(String(5))
    closes: Mapped[str | None] = mapped_column(String(5))


class StoreMetaRow(Base):
    """Small facts about the store itself, e.g. which needs-vocabulary version tagged the services."""

    __tablename__ = "store_meta"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
