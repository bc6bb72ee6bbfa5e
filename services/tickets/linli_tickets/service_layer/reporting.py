"""Reporting (报修): create a ticket, order from the menu, link a duplicate, read and list."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from linli.tickets.v1 import events_pb2
from linli_platform.auth import STAFF_ROLES, Principal
from linli_platform.errors import FailedPrecondition, InvalidField, NotFound
from linli_platform.events import new_event

from linli_tickets.adapters import governance, metrics, repository
from linli_tickets.adapters.clock import SYSTEM_CLOCK
from linli_tickets.adapters.documents import MenuItemDoc, TicketDoc
from linli_tickets.adapters.views import View
from linli_tickets.domain.lifecycle import STATUS_NAMES, check_role, next_status
from linli_tickets.domain.model import CANCELLED, OPEN_STATUSES, REPORTED, ticket_id_for
from linli_tickets.domain.sla import Clock, priority_for
from linli_tickets.service_layer.access import visibility, visible_ticket
from linli_tickets.service_layer.recording import SOURCE, principal_ref, record, step, timeline_entry


@dataclass
class ReportTicket:
    request_id: str
    compound_id: str
    description: str
    category: str = ""
    building_id: str = ""
    household_id: str = ""
    photo_urls: list[str] = field(default_factory=list)
    location: tuple[float, float] | None = None
    on_behalf_of: str = ""
    menu_item_id: str = ""
    channel: str = ""


def _category_of(tenant: str, cmd: ReportTicket) -> str:
    if cmd.menu_item_id:
        item = (
            MenuItemDoc.scoped(tenant)
            .filter(compound_id=cmd.compound_id, item_id=cmd.menu_item_id, active=True)
            .first()
        )
        if item is None:
            raise NotFound(f"menu item {cmd.menu_item_id} not found in compound {cmd.compound_id}")
        return item.category
    if not cmd.category:
        raise InvalidField("category", "is required unless menu_item_id is given")
    return cmd.category


def _reporter(principal: Principal, cmd: ReportTicket) -> str:
    """Staff report on anyone's behalf; a building leader (楼栋长) on behalf of their building."""
    if not cmd.on_behalf_of:
        return principal.subject
    if principal.role in STAFF_ROLES:
        return cmd.on_behalf_of
    leads = (cmd.compound_id, cmd.building_id) in repository.led_buildings(
        principal.tenant, principal.subject
    )
    if principal.role == "resident" and cmd.building_id and leads:
        return cmd.on_behalf_of
    raise InvalidField(
        "on_behalf_of", "only community staff, or the building's leader, report on someone's behalf"
    )


def _check_location(location: tuple[float, float] | None) -> None:
    if location is None:
        return
    lat, lon = location
    if not -90 <= lat <= 90:
        raise InvalidField("location.lat", "must be between -90 and 90")
    if not -180 <= lon <= 180:
        raise InvalidField("location.lon", "must be between -180 and 180")


def create_ticket(principal: Principal, cmd: ReportTicket, clock: Clock = SYSTEM_CLOCK) -> View:
    tenant = principal.tenant
    _check_location(cmd.location)
    reporter = _reporter(principal, cmd)
    compound = repository.compound(tenant, cmd.compound_id)
    category = _category_of(tenant, cmd)
    config = governance.tickets_config(tenant, cmd.compound_id)
    if category not in config.categories:
        raise InvalidField("category", f"is not a category of this district ({', '.join(config.categories)})")
    ticket_id = ticket_id_for(tenant, principal.subject, cmd.request_id)
    now = clock.now()
    priority = priority_for(
        repository.care_tags(tenant, cmd.compound_id, cmd.household_id),
        governance.care_priorities(tenant, cmd.compound_id),
    )
    recorded_by = principal.subject if reporter != principal.subject else ""
    channel = cmd.channel or "app"
    # A new ticket is written as the stored dict itself: building a document object and converting
    # it back costs more than the insert (reads wrap the same shape, see adapters.views).
    data = {
        "tenant_id": tenant,
        "ticket_id": ticket_id,
        "compound_id": cmd.compound_id,
        "community_id": compound.community_id or governance.CACHE.community_of(tenant, cmd.compound_id),
        "building_id": cmd.building_id,
        "household_id": cmd.household_id,
        "category": category,
        "description": cmd.description,
        "status": REPORTED,
        "reporter": reporter,
        "recorded_by": recorded_by,
        "channel": channel,
        "photo_urls": list(cmd.photo_urls),
        "menu_item_id": cmd.menu_item_id,
        "priority": priority,
        "created_at": now,
        "updated_at": now,
        "version": 1,
        "timeline": [
            timeline_entry(
                now, "reported", principal, "", REPORTED, f"代{reporter}报修" if recorded_by else ""
            )
        ],
    }
    if cmd.location:
        data["lat"], data["lon"] = cmd.location
    event = new_event(
        events_pb2.TicketCreated(
            ticket_id=ticket_id,
            tenant_id=tenant,
            compound_id=cmd.compound_id,
            category=category,
            description=cmd.description,
            reporter=reporter,
            building_id=cmd.building_id,
            household_id=cmd.household_id,
            priority=priority,
            channel=channel,
        ),
        source=SOURCE,
        aggregate="ticket",
        tenant_id=tenant,
        aggregate_id=ticket_id,
        aggregate_version=1,
    )
    data["outbox"] = [
        {
            "event_id": event.event_id,
            "topic": event.topic,
            "key": event.key,
            "type": event.type,
            "value": event.value,
            "created_at": now,
        }
    ]
    if not repository.insert_new(data):
        return repository.ticket_view(tenant, ticket_id)  # a retry of the same request: the first ticket
    metrics.REPORTED.labels(channel).inc()
    data.pop("outbox")
    return View(data)


def get_ticket(principal: Principal, ticket_id: str):
    return visible_ticket(principal, ticket_id, for_update=False)


def link_duplicate(
    principal: Principal, ticket_id: str, duplicate_of: str, clock: Clock = SYSTEM_CLOCK
) -> TicketDoc:
    """Close a report as a duplicate of an open ticket at the same place."""
    if ticket_id == duplicate_of:
        raise InvalidField("duplicate_of", "must name another ticket")
    doc = visible_ticket(principal, ticket_id)
    original = visible_ticket(principal, duplicate_of)
    check_role(
        governance.tickets_config(principal.tenant, doc.compound_id).transitions,
        "link_duplicate",
        principal.role,
    )
    if original.status not in OPEN_STATUSES:
        raise FailedPrecondition(
            f"ticket {duplicate_of} is {original.status} ({STATUS_NAMES[original.status]}); "
            "only open tickets take duplicates"
        )
    if original.compound_id != doc.compound_id or (
        doc.building_id and original.building_id and doc.building_id != original.building_id
    ):
        raise FailedPrecondition(f"ticket {duplicate_of} is not at the same place")
    before, expected, now = doc.status, doc.version, clock.now()
    doc.status = next_status("link_duplicate", before)
    doc.duplicate_of, doc.version, doc.updated_at, doc.next_sla_at = duplicate_of, expected + 1, now, None
    step(doc, now, "duplicate_linked", principal, before, CANCELLED, f"与工单 {duplicate_of} 重复")
    record(doc, events_pb2.TicketClosed(ticket=principal_ref(doc, principal), outcome="duplicate"))
    repository.save(doc, expected)
    return doc


@dataclass
class TicketFilter:
    statuses: list[str] = field(default_factory=list)
    compound_id: str = ""
    provider_id: str = ""
    category: str = ""
    reporter: str = ""
    created_after: datetime | None = None
    created_before: datetime | None = None


def list_tickets(
    principal: Principal,
    flt: TicketFilter,
    offset: int,
    limit: int,
    with_timeline: bool,
    skip_total: bool = False,
) -> tuple[list[View], int]:
    """A page of the tickets the principal sees, newest first, and the number of matches
    (with skip_total: a lower bound from one extra document instead of a counting scan)."""
    query = TicketDoc.scoped(principal.tenant)
    scope = visibility(principal)
    if scope is not None:
        query = query.filter(scope)
    conditions = {
        "status__in": flt.statuses,
        "compound_id": flt.compound_id,
        "provider_id": flt.provider_id,
        "category": flt.category,
        "reporter": flt.reporter,
        "created_at__gte": flt.created_after,
        "created_at__lt": flt.created_before,
    }
    query = query.filter(**{k: v for k, v in conditions.items() if v})
    excluded = ["outbox"] if with_timeline else ["outbox", "timeline"]
    ordered = query.exclude(*excluded).order_by("-created_at", "ticket_id").skip(offset)
    if skip_total:
        docs = [View(d) for d in ordered.limit(limit + 1).as_pymongo()]
        return docs[:limit], offset + len(docs)
    total = query.count()
    return [View(d) for d in ordered.limit(limit).as_pymongo()], total
