"""An in-process communities API (governance and deliberation) on the in-memory fakes, with a small
hierarchy."""

from __future__ import annotations

from datetime import UTC, datetime

import grpc
import pytest
from linli_communities.adapters.fakes import StoreRoster, fake_unit_of_work
from linli_communities.domain.households import Resident
from linli_communities.domain.records import Community, Compound, Household
from linli_platform.config import Settings
from linli_platform.grpc_server import build_server
from linli_platform.idempotency import FakeIdempotencyStore
from linli_platform.testing.fakes import FakeStore
from linli_platform.testing.fixtures import bearer, make_token

HIERARCHY = {
    "hanyang": [("jinjiang", "yangsi", "杨泗社区"), ("jiangshan-heyue", "xinwuli", "新五里社区")],
    "donghu": [("anpudun", "wanjun", "湾郡社区")],
}


def seed_hierarchy(store: FakeStore) -> None:
    uow_for = fake_unit_of_work(store)
    for tenant, compounds in HIERARCHY.items():
        uow = uow_for(tenant)
        for compound_id, community_id, name in compounds:
            compound = Compound(tenant, compound_id=compound_id, created_at=datetime.now(UTC))
            compound.upsert(name=compound_id, community=name, community_id=community_id)
            uow.compounds.add(compound)
            community = Community(tenant, community_id=community_id)
            community.upsert(name=name)
            uow.communities.add(community)
        uow.commit()
    store.take_events()


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture
def uow_for(store):
    """uow_for(tenant) → a unit of work on the fake store."""
    return fake_unit_of_work(store)


@pytest.fixture
def hierarchy(store):
    seed_hierarchy(store)


@pytest.fixture
def api(hierarchy, store, uow_for):
    from linli_communities.entrypoints.deliberation_api import deliberation_specs  # noqa: PLC0415
    from linli_communities.entrypoints.governance_api import governance_specs  # noqa: PLC0415

    idempotency = FakeIdempotencyStore()
    running = build_server(
        Settings(service="communities", grpc_workers=4),
        [
            *governance_specs(uow=uow_for, idempotency=idempotency),
            *deliberation_specs(roster=StoreRoster(store), uow=uow_for, idempotency=idempotency),
        ],
        port=0,
    )
    channel = grpc.insecure_channel(f"127.0.0.1:{running.port}")
    yield channel
    channel.close()
    running.drain(0)


@pytest.fixture
def who():
    """who(tenant, role, subject="") → call metadata carrying that principal's token."""
    return lambda tenant, role, subject="": bearer(make_token(tenant, role, subject))


@pytest.fixture
def household(uow_for):
    """household(tenant, compound, household_id, area_centi_m2, owner_subject="", label="") adds one
    to the roster."""

    def add(tenant: str, compound: str, household_id: str, area: int, owner: str = "", label: str = ""):
        residents = [Resident("业主", "13800000000", "owner", owner)] if owner else []
        added = Household(tenant, compound_id=compound, household_id=household_id)
        added.upsert(building_id="b1", label=label, area_centi_m2=area, residents=residents)
        uow = uow_for(tenant)
        uow.households.add(added)
        uow.commit()

    return add
