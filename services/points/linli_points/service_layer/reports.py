"""Reports for staff: confirmed hours per team, person or community; points issued, redeemed and
outstanding per community. Names, not ids (from the local copies and the volunteer profiles)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

from linli_ledger import Transfer, TransferFlags
from linli_platform.auth import Principal
from linli_platform.errors import InvalidField, PermissionDenied

from linli_points.domain import books
from linli_points.domain.periods import period_bounds
from linli_points.service_layer.rules_in_force import rules_at
from linli_points.service_layer.unit_of_work import PointsUnitOfWork
from linli_points.service_layer.volunteers import STAFF

GROUPS = ("team", "person", "community")
PAGE = 500


@dataclass(frozen=True)
class HoursRow:
    key: str
    name: str
    minutes: int
    activities: int


@dataclass(frozen=True)
class PointsRow:
    community_id: str
    community_name: str
    issued: int
    redeemed: int
    outstanding: int


def _staff(caller: Principal) -> None:
    if caller.role not in STAFF:
        raise PermissionDenied("reports are for staff")


def hours_report(uow: PointsUnitOfWork, caller: Principal, period: str, group_by: str) -> list[HoursRow]:
    _staff(caller)
    if group_by not in GROUPS:
        raise InvalidField("group_by", f"one of {', '.join(GROUPS)}")
    rules = rules_at(uow, datetime.now(UTC))
    since, until = period_bounds(period, rules.timezone)
    with uow:
        entries = uow.activities.counted(since, until)
        minutes: dict[str, int] = defaultdict(int)
        counts: dict[str, int] = defaultdict(int)
        for a in entries:
            key = (
                a.team_id
                if group_by == "team"
                else a.subject
                if group_by == "person"
                else _community_of(uow, rules, a.compound_id)
            )
            minutes[key] += a.minutes
            counts[key] += 1
        names = _names(uow, group_by, list(minutes))
    rows = [HoursRow(k, names.get(k) or _unnamed(group_by, k), minutes[k], counts[k]) for k in minutes]
    return sorted(rows, key=lambda r: (-r.minutes, r.key))


def points_report(uow: PointsUnitOfWork, caller: Principal, period: str) -> list[PointsRow]:
    """Issued (credits and grants, less their reversals) and redeemed (to the sink, less reversals)
    per community in the period; outstanding: what was issued and not redeemed up to its end."""
    _staff(caller)
    rules = rules_at(uow, datetime.now(UTC))
    since, until = period_bounds(period, rules.timezone)
    issued: dict[str, int] = defaultdict(int)
    redeemed: dict[str, int] = defaultdict(int)
    outstanding: dict[str, int] = defaultdict(int)
    with uow:
        homes = _homes(uow, rules)
        for t in _all(uow, books.ISSUER_ID, until):
            when = caused_at(t)
            signed = t.amount if t.debit_account_id == books.ISSUER_ID else -t.amount
            person = t.credit_account_id if signed > 0 else t.debit_account_id
            community = t.user_data.get("community_id") or homes.get(books.subject_of(person), "")
            if when >= until:
                continue
            outstanding[community] += signed
            if when >= since:
                issued[community] += signed
        for t in _all(uow, books.SINK_ID, until):
            when = caused_at(t)
            if when >= until:
                continue
            if t.flags & (TransferFlags.PENDING | TransferFlags.VOID_PENDING):
                continue  # a reservation is not a redemption until it is posted
            signed = t.amount if t.credit_account_id == books.SINK_ID else -t.amount
            person = t.debit_account_id if signed > 0 else t.credit_account_id
            community = t.user_data.get("community_id") or homes.get(books.subject_of(person), "")
            outstanding[community] -= signed
            if when >= since:
                redeemed[community] += signed
        names = {p.id: p.name for p in uow.places.all("community")}
    keys = sorted(set(issued) | set(redeemed) | set(outstanding))
    return [
        PointsRow(k, names.get(k) or k or "未归属社区", issued[k], redeemed[k], outstanding[k]) for k in keys
    ]


def caused_at(t: Transfer) -> datetime:
    """When a movement's cause happened (a credit's event time), else when the ledger wrote it."""
    at = t.user_data.get("at")
    if at:
        try:
            return datetime.fromisoformat(at)
        except ValueError:
            pass
    return t.timestamp or datetime.min.replace(tzinfo=UTC)


def _all(uow: PointsUnitOfWork, account_id: str, until: datetime) -> list[Transfer]:
    """Every transfer of the account (credits of causes before `until` may be written after it)."""
    found, cursor = [], ""
    while True:
        page = uow.ledger.transfers(account_id, cursor=cursor, limit=PAGE)
        found.extend(page.transfers)
        cursor = page.next_cursor
        if not cursor:
            return found


def _community_of(uow: PointsUnitOfWork, rules, compound_id: str) -> str:
    community = rules.community(compound_id)
    if community:
        return community
    place = uow.places.get("compound", compound_id)
    return place.parent if place else ""


def _homes(uow: PointsUnitOfWork, rules) -> dict[str, str]:
    """Each volunteer's community (by their compound), for movements that name none."""
    volunteers, _ = uow.volunteers.search("", "", "", "", 0, 100_000)
    return {v.subject: _community_of(uow, rules, v.profile.compound_id) for v in volunteers}


def _names(uow: PointsUnitOfWork, group_by: str, keys: list[str]) -> dict[str, str]:
    if group_by == "person":
        return {s: v.profile.display_name for s, v in uow.volunteers.named(keys).items()}
    kind = "team" if group_by == "team" else "community"
    return {p.id: p.name for p in uow.places.all(kind)}


def _unnamed(group_by: str, key: str) -> str:
    if not key:
        return {"team": "未编队", "community": "未归属社区", "person": "未知"}[group_by]
    return key


def outstanding_points(uow: PointsUnitOfWork) -> int:
    """Points people hold: all issued less what went to the sink (the issuer's and the sink's
    balances are summed from their transfers: a timer's figure, not the hot path). Points a firm's
    coupons moved to its own account count as held until the firm's account is spent."""
    found = uow.ledger.accounts([books.ISSUER_ID, books.SINK_ID])
    issuer, sink = found.get(books.ISSUER_ID), found.get(books.SINK_ID)
    return -(issuer.balance if issuer else 0) - (sink.balance if sink else 0)
