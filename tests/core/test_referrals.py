import re

import pytest

from socialrx_desk.core.referrals import TASK_STATES, ReferralState, TransitionError, can_move, move, new_reference


def test_a_booking_life() -> None:
    state = ReferralState.PROVISIONAL
    for target in (ReferralState.BOOKED, ReferralState.ACCEPTED, ReferralState.COMPLETED):
        state = move(state, target)
    assert state.final


def test_conflict_can_be_resolved_two_ways() -> None:
    assert can_move(ReferralState.CONFLICT, ReferralState.PROVISIONAL)
    assert can_move(ReferralState.CONFLICT, ReferralState.QUEUED)
    assert ReferralState.CONFLICT.needs_attention and ReferralState.REJECTED.needs_attention


def test_impossible_moves_are_refused() -> None:
    with pytest.raises(TransitionError):
        move(ReferralState.COMPLETED, ReferralState.BOOKED)
    with pytest.raises(TransitionError):
        move(ReferralState.CANCELLED, ReferralState.QUEUED)
    assert not can_move(ReferralState.QUEUED, ReferralState.BOOKED)


def test_agency_task_states() -> None:
    assert TASK_STATES["accepted"] is ReferralState.ACCEPTED
    assert TASK_STATES["rejected"] is ReferralState.DECLINED
    assert TASK_STATES["completed"] is ReferralState.COMPLETED


def test_references_are_short_unambiguous_and_distinct() -> None:
    references = {new_reference() for _ in range(2000)}
    assert len(references) == 2000
    assert all(re.fullmatch(r"SRX-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", r) for r in references)
