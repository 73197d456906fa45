"""The hub's tables. Resources are kept as FHIR JSON; the other tables exist for search, access and integrity.

- ``resources`` holds the current version of every resource (deleted ones too, as tombstones, so their history
  stays visible to the sites that could see them); ``resource_versions`` every version ever written.
- ``seq`` is a hub-wide counter, one number per written version, allocated in commit order (see
  :mod:`socialrx_desk.server.storage`): ``_sort=_lastUpdated``, ``_history`` and paging cursors are built on it.
- ``search_index`` has one row per indexed value of the current version; ``resource_access`` the access keys
  (``practice:P1``, ``service:S``) that decide which sites see a personal resource.
- ``slot_bookings`` is the no-double-booking guarantee: its primary key is the slot id, one row per Slot held by
  an active Appointment, so the database itself refuses a second active Appointment for a Slot.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ID_LENGTH = 64
TYPE_LENGTH = 40
VALUE_LENGTH = 512


class Base(DeclarativeBase):
    """Declarative base of this package\'s tables."""


class HubSetting(Base):
    """Hub-wide facts: the epoch, when the hub was initialised."""

    __tablename__ = "hub_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class WriteCounter(Base):
    """One row. Taking its row lock serialises commits, so ``seq`` and ``last_time`` follow commit order."""

    __tablename__ = "write_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(BigInteger)
    last_time: Mapped[datetime] = mapped_column(DateTime)


class Site(Base):
    __tablename__ = "sites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    practice: Mapped[str | None] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class SiteService(Base):
    """The HealthcareServices an agency site runs."""

    __tablename__ = "site_services"

    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), primary_key=True)
    service_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)


class StoredResource(Base):
    __tablename__ = "resources"

    res_type: Mapped[str] = mapped_column(String(TYPE_LENGTH), primary_key=True)
    res_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    version_id: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    last_updated: Mapped[datetime] = mapped_column(DateTime)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    content: Mapped[str | None] = mapped_column(Text)
    owner_practice: Mapped[str | None] = mapped_column(String(200))
    owner_site: Mapped[int | None] = mapped_column(Integer)
    sort_date: Mapped[datetime | None] = mapped_column(DateTime)

    __table_args__ = (
        Index("ix_resources_type_seq", "res_type", "seq"),
        Index("ix_resources_type_sort_date", "res_type", "sort_date", "res_id"),
    )


class ResourceVersion(Base):
    __tablename__ = "resource_versions"

    res_type: Mapped[str] = mapped_column(String(TYPE_LENGTH), primary_key=True)
    res_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    version_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    last_updated: Mapped[datetime] = mapped_column(DateTime)
    method: Mapped[str] = mapped_column(String(8))
    created: Mapped[bool] = mapped_column(Boolean, default=False)
    content: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_versions_type_seq", "res_type", "seq"),
        Index("ix_versions_type_time", "res_type", "last_updated"),
    )


class SearchIndexRow(Base):
    __tablename__ = "search_index"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    res_type: Mapped[str] = mapped_column(String(TYPE_LENGTH))
    res_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    param: Mapped[str] = mapped_column(String(64))
    system: Mapped[str | None] = mapped_column(String(VALUE_LENGTH))
    value: Mapped[str | None] = mapped_column(String(VALUE_LENGTH))
    low: Mapped[datetime | None] = mapped_column(DateTime)
    high: Mapped[datetime | None] = mapped_column(DateTime)

    __table_args__ = (
        Index("ix_search_value", "res_type", "param", "value"),
        Index("ix_search_low", "res_type", "param", "low"),
        Index("ix_search_resource", "res_type", "res_id"),
    )


class ResourceAccess(Base):
    __tablename__ = "resource_access"

    res_type: Mapped[str] = mapped_column(String(TYPE_LENGTH), primary_key=True)
    res_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    key: Mapped[str] = mapped_column(String(VALUE_LENGTH), primary_key=True)

    __table_args__ = (Index("ix_access_key", "key", "res_type"),)


class SlotBooking(Base):
    __tablename__ = "slot_bookings"

    slot_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    appointment_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)
