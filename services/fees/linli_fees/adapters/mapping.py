"""Aggregates ↔ stored dicts, shared by the Mongo repositories (the fakes keep the objects)."""

from __future__ import annotations

import zlib
from dataclasses import asdict, fields
from functools import lru_cache

from linli_fees.domain.account import FeeAccount
from linli_fees.domain.bill import Bill, BillFacts
from linli_fees.domain.charges import Household, Line
from linli_fees.domain.entries import Allocation, Entry
from linli_fees.domain.periods import parse_period
from linli_fees.domain.run import SHARDS, BillingRun, Preview


def shard_of(compound_id: str, household_id: str) -> int:
    return zlib.crc32(f"{compound_id}/{household_id}".encode()) % SHARDS


@lru_cache(maxsize=4096)
def first_month(period: str) -> str:
    return parse_period(period).first_month


def _line_stored(line: Line) -> dict:
    """A bill line as stored (by hand: dataclasses.asdict deep-copies, 10× slower on a 100 000-bill run)."""
    return {
        "kind": line.kind,
        "text": line.text,
        "amount_fen": line.amount_fen,
        "months": line.months,
        "fen": line.fen,
        "area_centi_m2": line.area_centi_m2,
        "percent": line.percent,
        "decision": line.decision,
    }


def household_stored(h: Household) -> dict:
    return {
        "building_id": h.building_id,
        "label": h.label,
        "area_centi_m2": h.area_centi_m2,
        "residents": list(h.residents),
        "owners": list(h.owners),
        "archived": h.archived,
    }


def household_of(row: dict) -> Household:
    return Household(
        compound_id=row["compound_id"],
        household_id=row["household_id"],
        building_id=row.get("building_id", ""),
        label=row.get("label", ""),
        area_centi_m2=row.get("area_centi_m2", 0),
        residents=tuple(row.get("residents") or ()),
        owners=tuple(row.get("owners") or ()),
        archived=row.get("archived", False),
    )


# -- bills -------------------------------------------------------------------------------------
def bill_stored(bill: Bill) -> dict:
    f = bill.facts
    return {
        "compound_id": f.compound_id,
        "building_id": f.building_id,
        "household_id": f.household_id,
        "household_label": f.household_label,
        "item": f.item,
        "item_name": f.item_name,
        "category": f.category,
        "period": f.period,
        "period_label": f.period_label,
        "first_month": first_month(f.period),
        "lines": [_line_stored(line) for line in f.lines],
        "amount_fen": bill.amount_fen,
        "due_on": f.due_on,
        "run_id": f.run_id,
        "config_version": f.config_version,
    }


def bill_of(tenant: str, row: dict) -> Bill:
    facts = BillFacts(
        compound_id=row["compound_id"],
        building_id=row.get("building_id", ""),
        household_id=row["household_id"],
        household_label=row.get("household_label", ""),
        item=row["item"],
        item_name=row.get("item_name", ""),
        category=row.get("category", "property"),
        period=row["period"],
        period_label=row.get("period_label", ""),
        lines=tuple(Line(**line) for line in row.get("lines", [])),
        due_on=row["due_on"],
        run_id=row.get("run_id", ""),
        config_version=row.get("config_version", 0),
    )
    return Bill(tenant, facts, row["version"])


# -- accounts ----------------------------------------------------------------------------------
# An entry's and an allocation's fields, read once: stored by getattr, not dataclasses.asdict, which
# deep-copies every value (measured: 9 ms per save of an account of 20 entries, three saves per payment).
_ENTRY_FIELDS = tuple(f.name for f in fields(Entry) if f.name != "allocations")
_ALLOCATION_FIELDS = tuple(f.name for f in fields(Allocation))


def _allocation_stored(a: Allocation) -> dict:
    return {name: getattr(a, name) for name in _ALLOCATION_FIELDS}


def _entry_stored(e: Entry) -> dict:
    stored = {name: getattr(e, name) for name in _ENTRY_FIELDS}
    stored["allocations"] = [_allocation_stored(a) for a in e.allocations]
    return stored


def _entry_of(row: dict) -> Entry:
    row = dict(row)
    row["allocations"] = tuple(Allocation(**a) for a in row.get("allocations", []))
    return Entry(**row)


def account_stored(account: FeeAccount) -> dict:
    allocs = [
        {"b": a.bill_id, "p": a.period, "m": first_month(a.period), "f": a.amount_fen, "t": a.at}
        for a in account.allocations()
    ]
    return {
        "compound_id": account.compound_id,
        "household_id": account.household_id,
        "household": household_stored(account.household),
        "prepaid_fen": account.prepaid_fen,
        "has_prepaid": account.prepaid_fen > 0,
        "entries": [_entry_stored(e) for e in account.entries],
        "allocs": allocs,
        "reminded": list(account.reminded),
        "issuing": [bill_stored(b) for b in account.issuing],
        "has_issuing": bool(account.issuing),
    }


def account_of(tenant: str, row: dict) -> FeeAccount:
    household = household_of(
        {**row.get("household", {}), "compound_id": row["compound_id"], "household_id": row["household_id"]}
    )
    return FeeAccount(
        tenant,
        household,
        row.get("prepaid_fen", 0),
        [_entry_of(e) for e in row.get("entries", [])],
        row.get("reminded", []),
        row["version"],
        [bill_of(tenant, {**b, "version": 1}) for b in row.get("issuing", [])],
    )


# -- runs --------------------------------------------------------------------------------------
def run_stored(run: BillingRun) -> dict:
    progress = run.progress()
    progress["preview"] = [asdict(p) for p in run.preview]
    return {
        "compound_id": run.compound_id,
        "period": run.period,
        "dry_run": run.dry_run,
        "started_by": run.started_by,
        "started_at": run.started_at,
        "households_total": run.households_total,
        "fingerprint": run.fingerprint,
        "active_key": run.id if run.done or run.dry_run else run.scope_key,
        **progress,
    }


def run_of(tenant: str, row: dict) -> BillingRun:
    progress = {
        k: row[k]
        for k in (
            "status",
            "next_shard",
            "households_done",
            "households_skipped",
            "bills_created",
            "bills_existing",
            "amount_fen",
            "prepaid_applied",
            "prepaid_applied_fen",
            "finished_at",
        )
        if k in row
    }
    progress["preview"] = [
        Preview(p["household_id"], p["household_label"], p["item_name"], p["amount_fen"], tuple(p["lines"]))
        for p in row.get("preview", [])
    ]
    return BillingRun(
        tenant,
        row["run_id"],
        row.get("compound_id", ""),
        row["period"],
        row.get("dry_run", False),
        row.get("started_by", ""),
        row.get("started_at"),
        row.get("households_total", 0),
        row.get("fingerprint", ""),
        row["version"],
        **progress,
    )
