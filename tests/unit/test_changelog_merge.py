"""Two publications' changes told as one notice (domain.changelog.merge)."""

from __future__ import annotations

import pytest

from logistics_app.domain.changelog import Change, ChangeKind, change_from, merge

pytestmark = pytest.mark.unit
NEW, MOVED, CANCELLED, PLACE = ChangeKind.NEW, ChangeKind.MOVED, ChangeKind.CANCELLED, ChangeKind.PLACE


def _c(kind: ChangeKind, uid: str, before: str = "", after: str = "", title: str = "") -> Change:
    return Change(kind, uid, title or uid, before, after)


def test_moved_twice_is_moved_from_the_first_time_to_the_last() -> None:
    assert merge([_c(MOVED, "a", "10:00", "11:00")], [_c(MOVED, "a", "11:00", "12:00")]) == [
        _c(MOVED, "a", "10:00", "12:00")
    ]


def test_moved_there_and_back_again_is_nothing() -> None:
    assert merge([_c(MOVED, "a", "10:00", "11:00")], [_c(MOVED, "a", "11:00", "10:00")]) == []


def test_new_then_moved_is_new_at_the_last_time_and_new_then_cancelled_is_nothing() -> None:
    assert merge([_c(NEW, "a", "", "10:00")], [_c(MOVED, "a", "10:00", "12:00", title="A2")]) == [
        _c(NEW, "a", "", "12:00", title="A2")
    ]
    assert merge([_c(NEW, "a", "", "10:00")], [_c(CANCELLED, "a", "10:00", "")]) == []


def test_anything_then_cancelled_is_cancelled_from_its_first_time() -> None:
    assert merge([_c(MOVED, "a", "10:00", "11:00")], [_c(CANCELLED, "a", "11:00", "")]) == [
        _c(CANCELLED, "a", "10:00", "")
    ]


def test_other_pairs_are_both_told_and_other_items_are_kept_in_the_changelog_order() -> None:
    merged = merge(
        [_c(MOVED, "a", "10:00", "11:00"), _c(PLACE, "b", "Sala 1", "Sala 2")],
        [_c(PLACE, "a", "Sala 1", "Sala 3"), _c(NEW, "c", "", "09:00")],
    )
    assert [(c.kind, c.uid) for c in merged] == [(NEW, "c"), (MOVED, "a"), (PLACE, "a"), (PLACE, "b")]


def test_a_stored_change_reads_back() -> None:
    change = _c(MOVED, "a", "10:00", "11:00")
    assert change_from(change.as_dict()) == change
