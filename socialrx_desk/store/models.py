"""SQLAlchemy 2 typed models of the local store.

The directory tables mirror Open Referral UK closely enough to show a full service page offline. ``services``
has an integer primary key (``pk``) because the FTS5 index is keyed by rowid; the ORUK id is a unique column.
The full-text table itself is created by migration (SQLAlchemy has no FTS5 DDL).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

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
    """Declarative base of this package\'s tables."""


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


# --- referrals, bookings and sync (schema 0002) -----------------------------------------------------------


class PatientRow(Base):
    """A patient as far as this desk needs to know them; details are purged once their referrals are settled."""

    __tablename__ = "patients"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # FHIR Patient id (client UUID)
    name: Mapped[str | None] = mapped_column(Text)
    birth_date: Mapped[date | None] = mapped_column(Date)
    nhs_number: Mapped[str | None] = mapped_column(String(10), index=True)
    phone: Mapped[str | None] = mapped_column(String(20))
    postcode: Mapped[str | None] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    purged_at: Mapped[datetime | None] = mapped_column(DateTime)


class SlotRow(Base):
    """A hub Slot as last seen, plus whether a referral here holds it provisionally."""

    __tablename__ = "slots"
    __table_args__ = (Index("ix_slots_service_start", "service_id", "start"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    service_id: Mapped[str] = mapped_column(String(200))  # our (ORUK) service id
    schedule_id: Mapped[str | None] = mapped_column(String(64))
    start: Mapped[datetime] = mapped_column(DateTime)  # UTC, naive
    end: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(20))  # FHIR Slot.status
    version: Mapped[str | None] = mapped_column(String(20))  # hub meta.versionId
    held_by: Mapped[str | None] = mapped_column(String(64))  # referral id holding it locally
    # The Slot exactly as the hub sent it: a booking PUTs it back with only the status changed.
    resource: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class ReferralRow(Base):
    __tablename__ = "referrals"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # FHIR ServiceRequest id
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20), index=True)
    state_reason: Mapped[str | None] = mapped_column(Text)
    patient_id: Mapped[str | None] = mapped_column(ForeignKey("patients.id", ondelete="SET NULL"), index=True)
    service_id: Mapped[str] = mapped_column(String(200))
    service_name: Mapped[str] = mapped_column(Text)
    slot_id: Mapped[str | None] = mapped_column(String(64))
    slot_start: Mapped[datetime | None] = mapped_column(DateTime)
    slot_end: Mapped[datetime | None] = mapped_column(DateTime)
    appointment_id: Mapped[str | None] = mapped_column(String(64))
    task_id: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str | None] = mapped_column(Text)  # the patient's words; never copied to the audit log
    needs: Mapped[str] = mapped_column(Text, default="")
    consent_at: Mapped[datetime | None] = mapped_column(DateTime)
    alternatives: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)  # free slots offered on conflict
    versions: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)  # hub versionIds by resource type
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    synced_at: Mapped[datetime | None] = mapped_column(DateTime)


class OutboxRow(Base):
    """One operation for the hub: a transaction Bundle, committed in the same local transaction as the change."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_state_next", "state", "next_attempt_at"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)  # FIFO order
    op_id: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    referral_id: Mapped[str | None] = mapped_column(String(64), index=True)
    # Space-separated keys ("patient:ID slot:ID referral:ID"): operations sharing a key go in order.
    aggregates: Mapped[str] = mapped_column(Text)
    bundle: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))  # None once purged
    base_versions: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    state: Mapped[str] = mapped_column(String(20))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # The last attempt may have reached the hub (timeout, reset, crash): read back before sending again.
    uncertain: Mapped[bool] = mapped_column(Boolean, default=False)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime)
    last_status: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class SyncCursorRow(Base):
    """High-water marks of hub time (never our clock) per resource type."""

    __tablename__ = "sync_cursor"

    resource_type: Mapped[str] = mapped_column(String(40), primary_key=True)
    high_water: Mapped[str] = mapped_column(String(40))  # FHIR instant as the hub wrote it
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class AuditRow(Base):
    """Who did what and when. Ids and states only: never names, reasons or other clinical free text."""

    __tablename__ = "audit_log"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40))
    referral_id: Mapped[str | None] = mapped_column(String(64), index=True)
    detail: Mapped[str | None] = mapped_column(String(200))
