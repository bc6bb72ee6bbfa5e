"""What the ledger page shows, from the fees service's messages: months, figures in 元, entries with
their materials, corrections, and the chain of statements the page's script verifies.

Pure functions of the messages (no I/O): the fees service has already put times in the district's
zone (`published_at_local`, `recorded_at_local`) and named the categories.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from linli.fees.v1 import ledger_pb2 as pb

KIND_NAMES = {"income": "收入", "expense": "支出"}


def yuan(fen: int) -> str:
    sign = "−" if fen < 0 else ""
    return f"{sign}{abs(fen) / 100:,.2f} 元"


def month_name(period: str) -> str:
    """2026-01 → 2026年1月 (the text as it came when it is no period)."""
    year, _, month = period.partition("-")
    return f"{year}年{int(month)}月" if year.isdigit() and month.isdigit() else period


def day_name(day: str) -> str:
    """2026-01-15 → 1月15日."""
    parts = day.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{int(parts[1])}月{int(parts[2])}日"
    return day


def quantity(milli: int, unit: str) -> str:
    whole, rest = divmod(milli, 1000)
    number = str(whole) if not rest else f"{milli / 1000:.3f}".rstrip("0")
    return f"{number} {unit}".strip()


@dataclass(frozen=True)
class Figure:
    key: str  # the path of this figure in the statement's canonical JSON, e.g. expenses.labour
    name: str
    fen: int
    text: str
    share_bp: int = 0
    share: str = ""


@dataclass(frozen=True)
class Evidence:
    label: str
    href: str  # empty for a link the browser cannot open (linli://…)
    text: str


@dataclass
class EntryRow:
    entry_id: str
    kind: str
    kind_name: str
    category: str
    category_name: str
    date: str
    description: str
    signed_fen: int
    amount: str
    materials: list[str]
    ticket_id: str
    ticket: str  # what the ticket is, e.g. 楼道灯 · 已办结 (empty when tickets did not say)
    evidence: list[Evidence]
    who: str
    correction: str = ""  # on a reversal: what it corrects and why
    corrected: str = ""  # on an original that was reversed: where


@dataclass
class Month:
    period: str
    label: str
    sequence: int
    opening: Figure
    closing: Figure
    income: list[Figure]
    expenses: list[Figure]
    total_income: str
    total_expenses: str
    total_income_fen: int
    total_expenses_fen: int
    entry_count: int
    published: str
    hash: str
    previous_hash: str
    entries: list[EntryRow] = field(default_factory=list)
    entries_shown: bool = False


def month_of(s: pb.Statement) -> Month:
    return Month(
        period=s.period,
        label=month_name(s.period),
        sequence=s.sequence,
        opening=Figure("opening_balance_fen", "上月结余", s.opening_balance_fen, yuan(s.opening_balance_fen)),
        closing=Figure("closing_balance_fen", "本月结余", s.closing_balance_fen, yuan(s.closing_balance_fen)),
        income=[Figure(f"income.{c.category}", c.name, c.amount_fen, yuan(c.amount_fen)) for c in s.income],
        expenses=[
            Figure(f"expenses.{c.category}", c.name, c.amount_fen, yuan(c.amount_fen), c.share_bp, c.share)
            for c in s.expenses
        ],
        total_income=yuan(s.total_income_fen),
        total_expenses=yuan(s.total_expenses_fen),
        total_income_fen=s.total_income_fen,
        total_expenses_fen=s.total_expenses_fen,
        entry_count=s.entry_count,
        published=s.published_at_local,
        hash=s.hash,
        previous_hash=s.previous_hash,
    )


def who(e: pb.LedgerEntry) -> str:
    """Who booked it: the service for a household payment; the property firm serving the compound and
    its person (fees names them `好邻居物业·<account>`); else a staff member (fees keeps their account,
    not their name)."""
    if e.source.startswith("fees.account.v1/"):
        return "缴费系统自动入账"
    if e.recorded_by in ("", "fees"):
        return "系统自动入账"
    firm, dot, person = e.recorded_by.partition("·")
    if dot and firm and person:
        return f"{firm}（账号 {person}）"
    return f"工作人员（账号 {e.recorded_by}）"


def evidence_of(urls) -> list[Evidence]:
    found = []
    for i, url in enumerate(urls, 1):
        openable = url.startswith(("https://", "http://"))
        found.append(Evidence(f"凭证{i}", url if openable else "", url))
    return found


def entry_row(e: pb.LedgerEntry, ticket: str = "") -> EntryRow:
    return EntryRow(
        entry_id=e.entry_id,
        kind=e.kind,
        kind_name=KIND_NAMES.get(e.kind, e.kind),
        category=e.category,
        category_name=e.category_name or e.category,
        date=day_name(e.occurred_on) if e.occurred_on else e.recorded_at_local,
        description=e.description,
        signed_fen=e.signed_fen,
        amount=yuan(e.signed_fen),
        materials=[
            f"{m.brand} {m.model} × {quantity(m.quantity_milli, m.unit)}（单价 {yuan(m.unit_price_fen)}）"
            for m in e.materials
        ],
        ticket_id=e.ticket_id,
        ticket=ticket,
        evidence=evidence_of(e.evidence_urls),
        who=who(e),
    )


def mark_corrections(
    months: list[Month], entries: dict[str, list[pb.LedgerEntry]], tickets: dict[str, str] | None = None
) -> None:
    """Fill each month's rows (`tickets`: what each named ticket is); a reversal says what it corrects,
    its original that it was corrected (also across months on the page). Nothing is hidden: both rows
    stay."""
    tickets = tickets or {}
    by_id: dict[str, tuple[Month, EntryRow]] = {}
    for month in months:
        if month.period not in entries:
            continue
        month.entries_shown = True
        month.entries = [entry_row(e, tickets.get(e.ticket_id, "")) for e in entries[month.period]]
        for row in month.entries:
            by_id[row.entry_id] = (month, row)
    for month in months:
        for e, row in zip(entries.get(month.period, []), month.entries, strict=True):
            if not e.reverses:
                continue
            original = by_id.get(e.reverses)
            where = f"{original[1].date}的" if original else "此前一笔的"
            row.correction = f"更正：冲销{where}“{e.description}”，原因：{e.reason}"
            if original:
                original[1].corrected = f"已于{month.label}更正（{e.reason}）"


def chain_of(statements: list[pb.Statement]) -> list[dict]:
    """The published chain, oldest first, as the page embeds it and chain.json serves it."""
    ordered = sorted(statements, key=lambda s: s.sequence)
    return [
        {
            "period": s.period,
            "sequence": s.sequence,
            "hash": s.hash,
            "previous_hash": s.previous_hash,
            "canonical_json": s.canonical_json,
        }
        for s in ordered
    ]


def script_json(value) -> str:
    """JSON safe inside <script type="application/json">: `<`, `>`, `&` escaped as \\u003c…, which
    JSON.parse reads back to the same characters, so the canonical strings arrive unchanged."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
