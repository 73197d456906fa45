"""Referrals and bookings: their kinds, states and the transitions between them.

A referral is created locally (queued, or provisional when it holds a slot) and moves with what the hub and the
agency say. States a person must act on are "needing attention".
"""

from __future__ import annotations

import secrets
import uuid
from enum import StrEnum


class ReferralKind(StrEnum):
    BOOKING = "booking"  # desk books a slot (with a referral)
    REFERRAL = "referral"  # desk refers without a slot; the agency contacts the patient
    SELF_REFERRAL = "self-referral"  # patient at the kiosk refers themselves
    ASK_DESK = "ask-desk"  # patient at the kiosk asks the desk to book for them


class ReferralState(StrEnum):
    QUEUED = "queued"  # saved here, waiting to be sent (no slot)
    PROVISIONAL = "provisional"  # holds a slot here; the hub has not confirmed it yet
    BOOKED = "booked"  # the hub confirmed the slot
    SENT = "sent"  # the hub has the referral; the agency has not answered yet
    ACCEPTED = "accepted"
    DECLINED = "declined"
    COMPLETED = "completed"
    CONFLICT = "conflict"  # the slot was taken by someone else: pick another or send without a slot
    REJECTED = "rejected"  # the hub refused it; the reason says why
    CANCELLED = "cancelled"

    @property
    def needs_attention(self) -> bool:
        return self in (ReferralState.CONFLICT, ReferralState.REJECTED, ReferralState.DECLINED)

    @property
    def waiting_for_hub(self) -> bool:
        return self in (ReferralState.QUEUED, ReferralState.PROVISIONAL)

    @property
    def final(self) -> bool:
        return self in (ReferralState.COMPLETED, ReferralState.CANCELLED, ReferralState.REJECTED)


# What the agency's Task status means for the referral.
TASK_STATES: dict[str, ReferralState] = {
    "accepted": ReferralState.ACCEPTED,
    "in-progress": ReferralState.ACCEPTED,
    "rejected": ReferralState.DECLINED,
    "cancelled": ReferralState.DECLINED,
    "completed": ReferralState.COMPLETED,
    "failed": ReferralState.DECLINED,
}

_ALLOWED: dict[ReferralState, frozenset[ReferralState]] = {
    ReferralState.QUEUED: frozenset(
        {ReferralState.SENT, ReferralState.REJECTED, ReferralState.CANCELLED, ReferralState.PROVISIONAL}
    ),
    ReferralState.PROVISIONAL: frozenset(
        {
            ReferralState.BOOKED,
            ReferralState.CONFLICT,
            ReferralState.REJECTED,
            ReferralState.CANCELLED,
            ReferralState.QUEUED,
        }
    ),
    ReferralState.BOOKED: frozenset(
        {ReferralState.ACCEPTED, ReferralState.DECLINED, ReferralState.COMPLETED, ReferralState.CANCELLED}
    ),
    # A sent referral (or a kiosk request) can still be given a slot, or be sent again as a plain referral.
    ReferralState.SENT: frozenset(
        {
            ReferralState.ACCEPTED,
            ReferralState.DECLINED,
            ReferralState.COMPLETED,
            ReferralState.CANCELLED,
            ReferralState.PROVISIONAL,
            ReferralState.QUEUED,
        }
    ),
    ReferralState.ACCEPTED: frozenset({ReferralState.COMPLETED, ReferralState.DECLINED, ReferralState.CANCELLED}),
    ReferralState.DECLINED: frozenset({ReferralState.ACCEPTED, ReferralState.CANCELLED}),
    ReferralState.CONFLICT: frozenset({ReferralState.PROVISIONAL, ReferralState.QUEUED, ReferralState.CANCELLED}),
    ReferralState.REJECTED: frozenset({ReferralState.QUEUED, ReferralState.PROVISIONAL}),
    ReferralState.COMPLETED: frozenset(),
    ReferralState.CANCELLED: frozenset(),
}


class TransitionError(ValueError):
    """A referral state change that the rules do not allow."""


def can_move(current: ReferralState, target: ReferralState) -> bool:
    return target == current or target in _ALLOWED[current]


def move(current: ReferralState, target: ReferralState) -> ReferralState:
    if not can_move(current, target):
        raise TransitionError(f"a referral that is {current.value} cannot become {target.value}")
    return target


def new_id() -> str:
    """Client-assigned ids for everything we create on the hub: a retried PUT is harmless."""
    return str(uuid.uuid4())


_REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read out over the phone


def new_reference() -> str:
    """A short reference for slips and phone calls, e.g. 'SRX-7K3Q-9PWD' (about 50 bits of randomness)."""
    chars = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))
    return f"SRX-{chars[:4]}-{chars[4:]}"
