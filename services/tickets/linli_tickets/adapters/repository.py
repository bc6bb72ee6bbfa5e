"""Reads and conditional writes of tickets and the local copies (all tenant-scoped)."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from linli_platform.errors import Aborted, NotFound
from linli_platform.mongo import on_connect
from pymongo.errors import DuplicateKeyError

from linli_tickets.adapters.documents import (
    DispatchCursor,
    KnownBuilding,
    KnownCompound,
    KnownContract,
    KnownHousehold,
    KnownTeam,
    TicketDoc,
)
from linli_tickets.adapters.views import View
from linli_tickets.domain.dispatch import Contract, Team

COMPOUND_TTL_SECONDS = 2.0
_compounds: dict[tuple[str, str], tuple[float, KnownCompound | None]] = {}
on_connect(_compounds.clear)


def compound(tenant: str, compound_id: str) -> KnownCompound:
    """A live compound of the tenant (short per-process cache: it is read on every report)."""
    key = (tenant, compound_id)
    hit = _compounds.get(key)
    now = time.monotonic()
    if hit is not None and now - hit[0] < COMPOUND_TTL_SECONDS:
        found = hit[1]
    else:
        found = KnownCompound.scoped(tenant).filter(compound_id=compound_id).first()
        _compounds[key] = (now, found)
    if found is None or found.archived:
        raise NotFound(f"compound {compound_id} not found")
    return found


def forget_compound(tenant: str, compound_id: str) -> None:
    _compounds.pop((tenant, compound_id), None)


def ticket(tenant: str, ticket_id: str) -> TicketDoc:
    doc = TicketDoc.scoped(tenant).filter(ticket_id=ticket_id).exclude("outbox").first()
    if doc is None:
        raise NotFound(f"ticket {ticket_id} not found")
    return doc


def ticket_view(tenant: str, ticket_id: str) -> View:
    """A ticket for reading only (no document object; see adapters.views)."""
    found = TicketDoc._get_collection().find_one({"tenant_id": tenant, "ticket_id": ticket_id}, {"outbox": 0})
    if found is None:
        raise NotFound(f"ticket {ticket_id} not found")
    return View(found)


def insert_new(data: dict) -> bool:
    """Insert a new ticket (the stored dict, pending events included); False when the id exists."""
    try:
        TicketDoc._get_collection().insert_one(data)
    except DuplicateKeyError:
        return False
    return True


def save(doc: TicketDoc, expected_version: int) -> None:
    """Write the changes only if nobody changed the ticket since it was read.

    Tickets are read without their outbox, so new events are appended with $push (never a $set of
    the list, which would drop events the relay has not published yet).
    """
    sets, unsets = doc._delta()
    pending = [event.to_mongo() for event in doc.outbox]
    sets = {k: v for k, v in sets.items() if k != "outbox" and not k.startswith("outbox.")}
    unsets = {k: v for k, v in unsets.items() if k != "outbox" and not k.startswith("outbox.")}
    update: dict = {"$set": sets}
    if unsets:
        update["$unset"] = unsets
    if pending:
        update["$push"] = {"outbox": {"$each": pending}}
    result = TicketDoc._get_collection().update_one(
        {"_id": doc.pk, "tenant_id": doc.tenant_id, "version": expected_version}, update
    )
    if result.matched_count == 0:
        raise Aborted(f"ticket {doc.ticket_id} changed concurrently")
    doc._clear_changed_fields()
    doc.outbox = []


def _in_force(contract: KnownContract, today: str) -> bool:
    """Active and within its dates (ISO dates compare as text)."""
    return (not contract.starts_on or contract.starts_on <= today) and (
        not contract.ends_on or today <= contract.ends_on
    )


def _today() -> str:
    return datetime.now(UTC).date().isoformat()


def contracts(tenant: str, compound_id: str) -> list[Contract]:
    today = _today()
    return [
        Contract(c.org_id, c.compound_id, tuple(c.services))
        for c in KnownContract.scoped(tenant).filter(compound_id=compound_id, active=True)
        if _in_force(c, today)
    ]


def contracted_compounds(tenant: str, org_id: str) -> list[str]:
    today = _today()
    found = (
        KnownContract.scoped(tenant)
        .filter(org_id=org_id, active=True)
        .only("compound_id", "starts_on", "ends_on")
    )
    return [c.compound_id for c in found if _in_force(c, today)]


def teams(tenant: str) -> list[Team]:
    return [
        Team(t.team_id, tuple(t.specialties), tuple(t.members), tuple(t.compound_ids), t.community_id)
        for t in KnownTeam.scoped(tenant).filter(
            archived=False, kind__in=["volunteer_team", "self_management_team"]
        )
    ]


def teams_of_member(tenant: str, subject: str) -> list[str]:
    return [
        t.team_id for t in KnownTeam.scoped(tenant).filter(members=subject, archived=False).only("team_id")
    ]


def led_buildings(tenant: str, subject: str) -> list[tuple[str, str]]:
    """(compound_id, building_id) of the buildings the subject leads (楼栋长)."""
    found = (
        KnownBuilding.scoped(tenant)
        .filter(leader_subject=subject, archived=False)
        .only("compound_id", "building_id")
    )
    return [(b.compound_id, b.building_id) for b in found]


def care_tags(tenant: str, compound_id: str, household_id: str) -> list[str]:
    if not household_id:
        return []
    found = (
        KnownHousehold.scoped(tenant)
        .filter(compound_id=compound_id, household_id=household_id)
        .only("care_tags")
        .first()
    )
    return list(found.care_tags) if found else []


def next_turn(tenant: str, key: str) -> int:
    """Atomically take the next round-robin turn."""
    cursor = DispatchCursor.scoped(tenant).filter(key=key).modify(upsert=True, new=True, inc__turn=1)
    return cursor.turn - 1
