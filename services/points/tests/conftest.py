"""Shared helpers of the points tests: a district on the fakes, events as the broker delivers them."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import pytest
from google.protobuf.timestamp_pb2 import Timestamp
from linli.common.v1.events_pb2 import EventEnvelope
from linli.communities.v1 import events_pb2 as ce
from linli.tickets.v1 import events_pb2 as te
from linli_governance import parse_document
from linli_governance.document import to_json
from linli_platform.auth import Principal
from linli_platform.events import decode, new_event
from linli_platform.testing.fakes import FakeStore
from linli_points.adapters.fakes import fake_unit_of_work
from linli_points.domain.volunteer import Profile
from linli_points.entrypoints.consumers import handlers
from linli_points.service_layer import volunteers

TENANT, OTHER = "hanyang", "xingshan"
T0 = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)  # 10:00 in Asia/Shanghai


def who(role: str, subject: str, tenant: str = TENANT) -> Principal:
    return Principal(tenant=tenant, role=role, subject=subject)


STAFF = who("community_staff", "staff-yang")
ADMIN = who("district_admin", "admin@hanyang")
VOLUNTEER = who("volunteer", "vol-ma")
LEADER = who("volunteer", "vol-huang")
RESIDENT = who("resident", "res-chen")


def document(**points) -> dict:
    return {
        "district": {"name": "汉阳区", "timezone": "Asia/Shanghai"},
        "points": {"daily_cap": 100, "monthly_cap": 1000, **points},
    }


def envelope(
    payload,
    tenant: str = TENANT,
    at: datetime = T0,
    aggregate_id: str = "x",
    version: int = 1,
    source: str = "tickets",
    aggregate: str = "ticket",
) -> EventEnvelope:
    env = decode(
        new_event(
            payload,
            source=source,
            aggregate=aggregate,
            tenant_id=tenant,
            aggregate_id=aggregate_id,
            aggregate_version=version,
        ).value
    )
    stamp = Timestamp()
    stamp.FromDatetime(at)
    env.occurred_at.CopyFrom(stamp)
    return env


def config_event(
    version: int, doc: dict, tenant: str = TENANT, at: datetime = datetime(2026, 1, 1, tzinfo=UTC)
) -> EventEnvelope:
    config = parse_document(doc)
    payload = ce.GovernanceConfigChanged(
        tenant_id=tenant,
        version=version,
        document_json=to_json(config),
        compound_communities={"jinjiang": "yangsi", "heyue": "xinwuli"},
    )
    return envelope(payload, tenant, at, tenant, version, "communities", "config")


def rated_event(
    ticket_id: str = "t-1",
    rating: int = 5,
    done_by: str = "vol-ma",
    reporter: str = "res-chen",
    tenant: str = TENANT,
    at: datetime = T0,
    provider_kind: str = "volunteer_team",
    building_id: str = "b3",
    compound_id: str = "jinjiang",
) -> EventEnvelope:
    ref = te.TicketRef(
        ticket_id=ticket_id,
        tenant_id=tenant,
        compound_id=compound_id,
        building_id=building_id,
        category="plumbing",
        reporter=reporter,
        provider_kind=provider_kind,
        provider_id="red-repair",
        actor=reporter,
        actor_role="resident",
        done_by=done_by,
    )
    return envelope(te.TicketRated(ticket=ref, rating=rating), tenant, at, ticket_id, 7)


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture
def uows(store):
    return fake_unit_of_work(store)


@pytest.fixture
def consume(uows):
    """Deliver envelopes to the worker's handlers (as the broker would)."""
    mapped = handlers(uows)

    def deliver(*envelopes: EventEnvelope) -> None:
        for env in envelopes:
            mapped.handle(env)

    return deliver


@pytest.fixture
def district(consume, uows):
    """汉阳区 with the default points rules, 金江公寓 in 杨泗社区, and three volunteers."""
    consume(config_event(1, document()))
    consume(
        envelope(
            ce.CommunityUpserted(tenant_id=TENANT, community_id="yangsi", name="杨泗社区"),
            source="communities",
            aggregate="community",
            aggregate_id="yangsi",
        ),
        envelope(
            ce.CompoundUpserted(
                tenant_id=TENANT, compound_id="jinjiang", name="金江公寓", community_id="yangsi"
            ),
            source="communities",
            aggregate="compound",
            aggregate_id="jinjiang",
        ),
        envelope(
            ce.TeamUpserted(
                tenant_id=TENANT, team_id="shuidian", name="金江水电志愿服务队", community_id="yangsi"
            ),
            source="communities",
            aggregate="organisation",
            aggregate_id="shuidian",
        ),
        envelope(
            ce.BuildingUpserted(
                tenant_id=TENANT,
                compound_id="jinjiang",
                building_id="b1",
                name="1栋",
                leader_subject="leader-wang",
            ),
            source="communities",
            aggregate="building",
            aggregate_id="jinjiang/b1",
        ),
    )
    register(uows, "vol-ma", "马建国", ("水电",), teams=("shuidian",), show_name=True)
    register(uows, "vol-huang", "黄秀英", ("绿化",), teams=("shuidian",), leads=("shuidian",))
    register(uows, "vol-sun", "孙志刚", ("水电",), teams=("shuidian",))
    return TENANT


def register(
    uows,
    subject,
    name,
    specialties=(),
    teams=(),
    leads=(),
    show_name=False,
    tenant=TENANT,
    availability=("weekend",),
):
    profile = Profile(
        display_name=name,
        compound_id="jinjiang",
        specialties=tuple(specialties),
        availability=tuple(availability),
        team_ids=tuple(teams),
        leads_team_ids=tuple(leads),
        show_name=show_name,
    )
    return volunteers.register_volunteer(
        uows(tenant), who("community_staff", "staff", tenant), subject, profile
    )


def rid() -> str:
    return uuid.uuid4().hex


def balance(uows, subject: str, tenant: str = TENANT) -> int:
    from linli_points.domain import books  # noqa: PLC0415

    account = uows(tenant).ledger.accounts([books.person_id(subject)]).get(books.person_id(subject))
    return account.balance if account else 0


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)


@pytest.fixture(autouse=True)
def _names_forgotten():
    """Each test starts without the names an earlier test's volunteers left in the process's cache."""
    from linli_points.service_layer import earning

    earning._NAMES.clear()
    yield
    earning._NAMES.clear()
