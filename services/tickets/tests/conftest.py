"""Fixtures of the tickets tests: the demo district of seed 000 as local copies, and principals.

Use-case tests run on the in-memory fakes (`store`, `uows`); integration tests pass the MongoDB
unit of work to the same helpers.
"""

from __future__ import annotations

import pytest
from linli.common.v1.events_pb2 import EventEnvelope
from linli.communities.v1 import events_pb2 as ce
from linli_platform.auth import Principal
from linli_tickets.adapters.clock import FakeClock
from linli_tickets.adapters.fakes import TicketsStore, fake_unit_of_work
from linli_tickets.service_layer import local_copies
from linli_tickets.service_layer.unit_of_work import UnitOfWorkFactory

TENANT = "hanyang"
OTHER_TENANT = "xingshan"


def seed_district(uows: UnitOfWorkFactory, tenant: str = TENANT) -> None:
    """金江公寓 with 世茂 contracted, 红色维修队 (水电), and a blue-tagged household (seed 000/001)."""
    local_copies.apply_compound_upserted(
        uows,
        ce.CompoundUpserted(
            tenant_id=tenant,
            compound_id="jinjiang",
            name="金江公寓",
            community="杨泗社区",
            community_id="yangsi",
        ),
        1,
    )
    local_copies.apply_compound_upserted(
        uows,
        ce.CompoundUpserted(
            tenant_id=tenant,
            compound_id="heyue",
            name="招商江山和樾",
            community="新五里社区",
            community_id="xinwuli",
        ),
        1,
    )
    local_copies.apply_contract_changed(
        uows,
        ce.PropertyContractChanged(
            tenant_id=tenant, org_id="shimao", org_name="世茂物业", compound_id="jinjiang", active=True
        ),
        1,
    )
    local_copies.apply_contract_changed(
        uows,
        ce.PropertyContractChanged(
            tenant_id=tenant, org_id="vanke", org_name="万科物业", compound_id="heyue", active=True
        ),
        1,
    )
    local_copies.apply_team_upserted(
        uows,
        ce.TeamUpserted(
            tenant_id=tenant,
            team_id="red-repair",
            name="红色维修队",
            kind="volunteer_team",
            specialties=["水电"],
            member_subjects=["vol-li", "vol-wang"],
            compound_ids=["jinjiang"],
        ),
        1,
    )
    local_copies.apply_team_upserted(
        uows,
        ce.TeamUpserted(
            tenant_id=tenant,
            team_id="green",
            name="绿化志愿队",
            kind="volunteer_team",
            specialties=["绿化", "保洁"],
            member_subjects=["vol-zhao"],
            community_id="yangsi",
        ),
        1,
    )
    local_copies.apply_building_upserted(
        uows,
        ce.BuildingUpserted(
            tenant_id=tenant,
            compound_id="jinjiang",
            building_id="b3",
            name="3栋",
            leader_subject="leader-chen",
        ),
        1,
    )
    local_copies.apply_household_upserted(
        uows,
        ce.HouseholdUpserted(
            tenant_id=tenant,
            compound_id="jinjiang",
            building_id="b3",
            household_id="h-301",
            resident_subjects=["res-chen"],
            care_tags=["blue"],
        ),
        1,
    )


def who(role: str, subject: str = "", org: str = "", tenant: str = TENANT) -> Principal:
    return Principal(tenant=tenant, role=role, subject=subject or f"{role}@{tenant}", org=org)


RESIDENT = who("resident", "res-chen")
STAFF = who("community_staff", "staff-yang")
FIRM = who("property_firm", "shimao-duty", org="shimao")
OTHER_FIRM = who("property_firm", "vanke-duty", org="vanke")


def recorded(store: TicketsStore, ticket_id: str) -> list[EventEnvelope]:
    """The envelopes of a ticket's events in the fake outbox, in the order they were recorded."""
    envelopes = [EventEnvelope.FromString(e.value) for e in store.outbox]
    return [e for e in envelopes if e.aggregate_id == ticket_id]


@pytest.fixture
def store() -> TicketsStore:
    return TicketsStore()


@pytest.fixture
def uows(store) -> UnitOfWorkFactory:
    return fake_unit_of_work(store)


@pytest.fixture
def district(uows):
    seed_district(uows)
    return TENANT


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
