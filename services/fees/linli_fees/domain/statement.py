"""The monthly statement of a compound's public ledger (月度收支公示), chained by hash.

A statement covers the entries booked in one calendar month of the district's time zone: opening
balance, income and expenses by category, each expense category's share of all expenses (labour
68 % in seed 001), the closing balance, and every entry (id, kind, category, signed amount). Its
hash is SHA-256 over its canonical JSON, which includes the previous statement's hash: changing a
published month changes its hash and breaks every later link. docs/fees-ledger.md gives the exact
input so anyone can recompute it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from linli_platform.errors import FailedPrecondition, InvalidField

from linli_fees.domain.public_ledger import EXPENSE, EXPENSE_CATEGORIES, INCOME, INCOME_CATEGORIES, Entry

PERIOD = re.compile(r"^(\d{4})-(\d{2})$")
HASH_VERSION = 1
BASIS = 10_000  # shares in basis points: 6800 = 68.00 %


def parse_period(period: str, path: str = "period") -> tuple[int, int]:
    """(year, month) of "YYYY-MM"; InvalidField naming `path` for 2026-13, 26-1, ..."""
    found = PERIOD.match(period or "")
    if not found:
        raise InvalidField(path, "must be a month YYYY-MM")
    year, month = int(found[1]), int(found[2])
    if not 1 <= month <= 12:
        raise InvalidField(path, "month must be 01..12")
    if not 2000 <= year <= 2100:
        raise InvalidField(path, "year must be 2000..2100")
    return year, month


def next_period(period: str) -> str:
    year, month = parse_period(period)
    return f"{year + month // 12}-{month % 12 + 1:02d}"


def period_bounds(period: str, timezone: str) -> tuple[datetime, datetime]:
    """[start, end) of the month in the district's zone, as UTC instants."""
    year, month = parse_period(period)
    zone = ZoneInfo(timezone)
    end_year, end_month = parse_period(next_period(period))
    start = datetime(year, month, 1, tzinfo=zone).astimezone(UTC)
    end = datetime(end_year, end_month, 1, tzinfo=zone).astimezone(UTC)
    return start, end


def period_of(at: datetime, timezone: str) -> str:
    local = at.astimezone(ZoneInfo(timezone))
    return f"{local.year}-{local.month:02d}"


def shares(amounts: dict[str, int]) -> dict[str, int]:
    """Each category's share of the total in basis points, summing to exactly 10 000 (largest
    remainder: floor every share, then give the missing points to the largest remainders, ties by
    category name). Categories with nothing are left out; an empty total has no shares."""
    positive = {k: v for k, v in amounts.items() if v > 0}
    total = sum(positive.values())
    if total <= 0:
        return {}
    floors = {k: v * BASIS // total for k, v in positive.items()}
    missing = BASIS - sum(floors.values())
    by_remainder = sorted(positive, key=lambda k: (-(positive[k] * BASIS % total), k))
    for k in by_remainder[:missing]:
        floors[k] += 1
    return dict(sorted(floors.items()))


@dataclass(frozen=True)
class StatementContent:
    """Everything the hash covers."""

    tenant_id: str
    compound_id: str
    period: str
    sequence: int  # 1 for a compound's first statement
    opening_balance_fen: int
    income: dict[str, int]
    expenses: dict[str, int]
    closing_balance_fen: int
    entries: tuple[tuple[str, str, str, int], ...]  # (entry_id, kind, category, signed fen), by id
    previous_hash: str  # "" for the first

    @property
    def total_income_fen(self) -> int:
        return sum(self.income.values())

    @property
    def total_expenses_fen(self) -> int:
        return sum(self.expenses.values())

    @property
    def expense_shares(self) -> dict[str, int]:
        return shares(self.expenses)

    def canonical(self) -> dict:
        """The hash input (documented in docs/fees-ledger.md)."""
        return {
            "v": HASH_VERSION,
            "tenant_id": self.tenant_id,
            "compound_id": self.compound_id,
            "period": self.period,
            "sequence": self.sequence,
            "opening_balance_fen": self.opening_balance_fen,
            "income": dict(sorted(self.income.items())),
            "expenses": dict(sorted(self.expenses.items())),
            "expense_shares_bp": self.expense_shares,
            "closing_balance_fen": self.closing_balance_fen,
            "entries": [list(e) for e in self.entries],
            "previous_hash": self.previous_hash,
        }

    def hash(self) -> str:
        return content_hash(self.canonical())


def canonical_bytes(canonical: dict) -> bytes:
    return json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def content_hash(canonical: dict) -> str:
    return hashlib.sha256(canonical_bytes(canonical)).hexdigest()


def compute(
    tenant_id: str,
    compound_id: str,
    period: str,
    entries: Iterable[Entry],
    opening_balance_fen: int,
    previous: StatementContent | None,
) -> StatementContent:
    """The statement of `period` from the entries booked in it (reversals net against the category
    of the entry they reverse)."""
    parse_period(period)
    income = dict.fromkeys(INCOME_CATEGORIES, 0)
    expenses = dict.fromkeys(EXPENSE_CATEGORIES, 0)
    lines = []
    for entry in entries:
        signed = entry.signed_fen
        if entry.kind == INCOME:
            income[entry.category] += signed
        elif entry.kind == EXPENSE:
            expenses[entry.category] -= signed
        lines.append((entry.id, entry.kind, entry.category, signed))
    income = {k: v for k, v in income.items() if v}
    expenses = {k: v for k, v in expenses.items() if v}
    closing = opening_balance_fen + sum(income.values()) - sum(expenses.values())
    return StatementContent(
        tenant_id=tenant_id,
        compound_id=compound_id,
        period=period,
        sequence=(previous.sequence + 1) if previous else 1,
        opening_balance_fen=opening_balance_fen,
        income=income,
        expenses=expenses,
        closing_balance_fen=closing,
        entries=tuple(sorted(lines)),
        previous_hash=previous.hash() if previous else "",
    )


def check_publishable(period: str, previous: StatementContent | None, now: datetime, timezone: str) -> None:
    """A month is published once it has ended in the district's zone, after the month before it (a
    chain has no gaps; the first statement may start at any month)."""
    _, end = period_bounds(period, timezone)
    if now < end:
        raise FailedPrecondition(f"period {period} has not ended yet; publish it after it ends")
    if previous is not None and next_period(previous.period) != period:
        raise FailedPrecondition(
            f"the last published statement is {previous.period}; publish {next_period(previous.period)} next"
        )


@dataclass(frozen=True)
class Verdict:
    period: str
    hash_ok: bool  # the stored hash is the hash of the stored content
    chain_ok: bool  # previous_hash is the hash of the statement before it
    ledger_ok: bool  # the content is what the ledger's entries of that month give today
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.hash_ok and self.chain_ok and self.ledger_ok


def verify(
    chain: Sequence[tuple[StatementContent, str]], recomputed: Sequence[StatementContent | None]
) -> list[Verdict]:
    """Check each (content, stored hash) of a compound's chain, in order, against the hash of its
    content, the link to its predecessor, and a recomputation from the ledger (None: not recomputed)."""
    verdicts = []
    before = ""
    for (content, stored_hash), again in zip(chain, recomputed, strict=True):
        hash_ok = content.hash() == stored_hash
        chain_ok = content.previous_hash == before
        ledger_ok = again is None or again.canonical() == content.canonical()
        problems = []
        if not hash_ok:
            problems.append("内容与哈希不符")
        if not chain_ok:
            problems.append("与上月哈希链接不符")
        if not ledger_ok:
            problems.append("与账本分录重算结果不符")
        verdicts.append(Verdict(content.period, hash_ok, chain_ok, ledger_ok, "；".join(problems)))
        before = stored_hash
    return verdicts


def share_percent(basis_points: int) -> str:
    """6800 → "68%", 3333 → "33.33%" (how people read shares)."""
    whole, part = divmod(basis_points, 100)
    return f"{whole}%" if part == 0 else f"{whole}.{part:02d}%"


__all__ = [
    "EXPENSE",
    "INCOME",
    "StatementContent",
    "Verdict",
    "check_publishable",
    "compute",
    "content_hash",
    "next_period",
    "parse_period",
    "period_bounds",
    "period_of",
    "shares",
    "verify",
]
