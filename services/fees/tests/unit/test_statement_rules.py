"""The statement's pure rules: periods in the district's zone, shares that add up, the hash input."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from linli_fees.domain.statement import (
    compute,
    next_period,
    parse_period,
    period_bounds,
    period_of,
    share_percent,
    shares,
)
from linli_platform.errors import InvalidField


@pytest.mark.parametrize(
    "bad", ["2026-13", "2026-00", "26-01", "2026-1", "2026/01", "", "1999-12", "2026-01-01"]
)
def test_a_period_that_is_no_month_is_invalid_naming_the_field(bad):
    with pytest.raises(InvalidField) as err:
        parse_period(bad)
    assert err.value.violations[0][0] == "period"


def test_a_month_is_bounded_in_the_districts_zone():
    start, end = period_bounds("2026-01", "Asia/Shanghai")
    assert start == datetime(2025, 12, 31, 16, tzinfo=UTC) and end == datetime(2026, 1, 31, 16, tzinfo=UTC)
    assert period_of(datetime(2026, 1, 31, 15, 59, tzinfo=UTC), "Asia/Shanghai") == "2026-01"
    assert period_of(datetime(2026, 1, 31, 16, 0, tzinfo=UTC), "Asia/Shanghai") == "2026-02"
    assert next_period("2026-12") == "2027-01"


def test_seed_001_labour_is_68_percent():
    assert shares({"labour": 68_000, "materials": 22_000, "utilities": 10_000}) == {
        "labour": 6800,
        "materials": 2200,
        "utilities": 1000,
    }
    assert share_percent(6800) == "68%" and share_percent(3333) == "33.33%"


@given(st.dictionaries(st.sampled_from("abcdefg"), st.integers(0, 10**12), max_size=7))
def test_shares_always_add_up_to_exactly_100_percent(amounts):
    got = shares(amounts)
    assert sum(got.values()) == (10_000 if any(amounts.values()) else 0)
    assert all(0 <= v <= 10_000 for v in got.values())


def test_the_hash_is_sha256_of_the_documented_canonical_json():
    content = compute("xingshan", "yuying-1", "2026-01", [], 1234, None)
    canonical = {
        "v": 1,
        "tenant_id": "xingshan",
        "compound_id": "yuying-1",
        "period": "2026-01",
        "sequence": 1,
        "opening_balance_fen": 1234,
        "income": {},
        "expenses": {},
        "expense_shares_bp": {},
        "closing_balance_fen": 1234,
        "entries": [],
        "previous_hash": "",
    }
    text = json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert content.hash() == hashlib.sha256(text.encode()).hexdigest()
    following = compute("xingshan", "yuying-1", "2026-02", [], 1234, content)
    assert following.previous_hash == content.hash() and following.sequence == 2
