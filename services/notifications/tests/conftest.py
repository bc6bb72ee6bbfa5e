"""Helpers of the notifications tests: events as the worker receives them, a fake clock, a fake DNS,
and the storage: the in-memory fakes (`uows`) or MongoDB (`mongo_uows`, integration)."""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta

import pytest
from linli.communities.v1 import events_pb2 as communities
from linli.tickets.v1 import events_pb2 as tickets
from linli_notifications.adapters.egress_http import system_resolve
from linli_notifications.adapters.fakes import FakeUnitsOfWork
from linli_notifications.adapters.unit_of_work import MongoUnitsOfWork, mongo_unit_of_work
from linli_notifications.domain.egress import EgressPolicy
from linli_platform.events import decode, new_event

TOPIC_OF = {"tickets": ("tickets", "ticket"), "communities": ("communities", "household")}


def envelope(payload, tenant: str, aggregate_id: str = "a1", version: int = 1, event_id: str | None = None):
    source = payload.DESCRIPTOR.full_name.split(".")[1]
    return decode(
        new_event(
            payload,
            source=source,
            aggregate="x",
            tenant_id=tenant,
            aggregate_id=aggregate_id,
            aggregate_version=version,
            event_id=event_id,
        ).value
    )


def dispatched(
    tenant: str = "t-jinjiang", ticket_id: str = "tk1", org: str = "org-shimao", category: str = "plumbing"
):
    return tickets.TicketDispatched(
        ticket=tickets.TicketRef(
            ticket_id=ticket_id,
            tenant_id=tenant,
            compound_id="c-jinjiang",
            building_id="b-3",
            household_id="h-301",
            category=category,
            reporter="resident-wang",
            provider_kind="property_firm",
            provider_id=org,
            actor="staff-li",
            actor_role="community_staff",
        ),
        description="3号楼301厨房水管漏水",
        priority=1,
    )


def household(
    tenant: str,
    household_id: str,
    compound: str = "c-jinjiang",
    building: str = "b-3",
    residents=("resident-wang",),
    owners=("owner-zhang",),
    tags=(),
):
    return communities.HouseholdUpserted(
        tenant_id=tenant,
        compound_id=compound,
        building_id=building,
        household_id=household_id,
        label=household_id,
        resident_subjects=list(residents),
        owner_subjects=list(owners),
        care_tags=list(tags),
    )


class FakeClock:
    def __init__(self, start: datetime | None = None):
        self.now = start or datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


class Events:
    envelope = staticmethod(envelope)
    dispatched = staticmethod(dispatched)
    household = staticmethod(household)
    tickets = tickets
    communities = communities


@pytest.fixture
def ev() -> type[Events]:
    return Events


class FakeDns:
    """A resolver from a table that tests change mid-way (DNS rebinding); it records every lookup.

    `answers(host, first, second, ...)` gives successive lookups successive answers, the last one
    repeating; a host not in the table does not resolve.
    """

    def __init__(self):
        self.table: dict[str, list[list[str]]] = {}
        self.lookups: list[str] = []

    def answers(self, host: str, *answers: list[str]) -> None:
        self.table[host] = [list(a) for a in answers]

    def __call__(self, host: str, port: int) -> list[str]:
        self.lookups.append(host)
        if host not in self.table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        queue = self.table[host]
        return queue.pop(0) if len(queue) > 1 else queue[0]


@pytest.fixture
def dns() -> FakeDns:
    return FakeDns()


@pytest.fixture
def local_egress() -> EgressPolicy:
    """What `linli dev` and the test systems run with: receivers on 127.0.0.1 are allowed."""
    return EgressPolicy(system_resolve, allow_private=True)


@pytest.fixture
def uows() -> FakeUnitsOfWork:
    """Units of work on the in-memory fakes (one fresh store per test)."""
    return FakeUnitsOfWork()


@pytest.fixture
def mongo_uows(mongo_db) -> MongoUnitsOfWork:
    """Units of work on the real Mongo-wire server (integration tests)."""
    return mongo_unit_of_work()
