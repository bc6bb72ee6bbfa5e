"""An in-process communities API (governance and deliberation) on mongomock, with a small hierarchy."""

from __future__ import annotations

from datetime import UTC, datetime

import grpc
import pytest
from linli_platform.config import Settings
from linli_platform.grpc_server import build_server
from linli_platform.testing.fixtures import bearer, make_token
from mongoengine.connection import get_db

HIERARCHY = {
    "hanyang": [("jinjiang", "yangsi", "杨泗社区"), ("jiangshan-heyue", "xinwuli", "新五里社区")],
    "donghu": [("anpudun", "wanjun", "湾郡社区")],
}


def seed_hierarchy() -> None:
    db = get_db()
    for tenant, compounds in HIERARCHY.items():
        for compound_id, community_id, name in compounds:
            db["compounds"].insert_one(
                {
                    "tenant_id": tenant,
                    "compound_id": compound_id,
                    "name": compound_id,
                    "community": name,
                    "community_id": community_id,
                    "archived": False,
                    "created_at": datetime.now(UTC),
                }
            )
            db["communities"].update_one(
                {"tenant_id": tenant, "community_id": community_id},
                {"$set": {"name": name, "archived": False}},
                upsert=True,
            )


def add_household(
    tenant: str, compound: str, household_id: str, area: int, owner: str = "", label: str = ""
) -> None:
    residents = (
        [{"name": "业主", "phone": "13800000000", "tenure": "owner", "subject": owner}] if owner else []
    )
    get_db()["households"].insert_one(
        {
            "tenant_id": tenant,
            "compound_id": compound,
            "building_id": "b1",
            "household_id": household_id,
            "label": label,
            "area_centi_m2": area,
            "residents": residents,
            "archived": False,
        }
    )


@pytest.fixture
def hierarchy(mongo_mock):
    seed_hierarchy()


@pytest.fixture
def api(hierarchy):
    from linli_communities.entrypoints.deliberation_api import deliberation_specs  # noqa: PLC0415
    from linli_communities.entrypoints.governance_api import governance_specs  # noqa: PLC0415

    running = build_server(
        Settings(service="communities", grpc_workers=4), [*governance_specs(), *deliberation_specs()], port=0
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
def household():
    """household(tenant, compound, household_id, area_centi_m2, owner_subject="", label="") adds one
    to the roster."""
    return add_household
