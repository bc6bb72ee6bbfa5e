"""Governance config and a household vote on the real database, their events through the real broker."""

from __future__ import annotations

import uuid

import grpc
import pytest
from kafka import KafkaConsumer
from linli.communities.v1 import communities_pb2 as cpb
from linli.communities.v1 import communities_pb2_grpc as cpb_grpc
from linli.communities.v1 import deliberation_pb2 as dpb
from linli.communities.v1 import deliberation_pb2_grpc as dpb_grpc
from linli.communities.v1 import events_pb2
from linli.communities.v1 import governance_pb2 as gpb
from linli.communities.v1 import governance_pb2_grpc as gpb_grpc
from linli_communities.adapters.deliberation_documents import ProposalDoc
from linli_communities.adapters.governance_documents import ConfigVersionDoc
from linli_communities.entrypoints.grpc_api import specs
from linli_platform.events import decode, unpack
from linli_platform.grpc_server import build_server
from linli_platform.kafka import KafkaPublisher, ensure_topics
from linli_platform.outbox import OutboxRelay
from linli_platform.testing.fixtures import bearer, make_token
from linli_platform.testing.launchers import wait_until

pytestmark = pytest.mark.integration
CONFIG = """
district: {name: 汉阳区}
deliberation: {votes: {rule: double_majority}}
overrides:
  compounds:
    jinjiang: {fees: {price_fen_per_m2_month: 40}}
"""


def rid() -> str:
    return uuid.uuid4().hex


@pytest.fixture
def channel(mongo_db):
    running = build_server(mongo_db, specs(mongo_db), port=0)
    channel = grpc.insecure_channel(f"127.0.0.1:{running.port}")
    yield channel
    channel.close()
    running.drain(0)


def seed(channel, tenant: str) -> None:
    """Through the hierarchy's own API: a district, a community, a compound and three owned households."""
    stub = cpb_grpc.CommunitiesServiceStub(channel)
    stub.CreateTenant(
        cpb.CreateTenantRequest(request_id=rid(), tenant_id=tenant, name="汉阳区"),
        metadata=bearer(make_token("platform", "platform_admin")),
    )
    admin = bearer(make_token(tenant, "district_admin"))
    stub.UpsertCommunity(
        cpb.UpsertCommunityRequest(request_id=rid(), community_id="yangsi", name="杨泗社区"), metadata=admin
    )
    stub.UpsertCompound(
        cpb.UpsertCompoundRequest(
            request_id=rid(), compound_id="jinjiang", name="金江公寓", community_id="yangsi"
        ),
        metadata=admin,
    )
    stub.UpsertBuilding(
        cpb.UpsertBuildingRequest(request_id=rid(), compound_id="jinjiang", building_id="1", name="1栋"),
        metadata=admin,
    )
    for i, area in enumerate((9_000, 8_000, 7_000)):
        stub.UpsertHousehold(
            cpb.UpsertHouseholdRequest(
                request_id=rid(),
                compound_id="jinjiang",
                building_id="1",
                household_id=f"1-{i}",
                area_centi_m2=area,
                residents=[
                    cpb.Resident(name=f"业主{i}", tenure=cpb.TENURE_OWNER, subject=f"owner{i}@{tenant}")
                ],
            ),
            metadata=admin,
        )


def test_config_change_and_vote_decision_reach_the_broker_exactly_as_recorded(channel, infra):
    tenant = "t" + uuid.uuid4().hex[:8]
    seed(channel, tenant)
    admin = bearer(make_token(tenant, "district_admin"))
    governance = gpb_grpc.GovernanceServiceStub(channel)
    applied = governance.ApplyConfig(
        gpb.ApplyConfigRequest(request_id=rid(), document=CONFIG), metadata=admin
    )
    assert applied.version == 1
    with pytest.raises(grpc.RpcError) as exc:  # a bad document leaves version 1 in force
        governance.ApplyConfig(
            gpb.ApplyConfigRequest(request_id=rid(), document=CONFIG.replace("jinjiang:", "nowhere:")),
            metadata=admin,
        )
    assert exc.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert governance.GetConfig(gpb.GetConfigRequest(), metadata=admin).version == 1

    deliberation = dpb_grpc.DeliberationServiceStub(channel)
    proposal = deliberation.CreateProposal(
        dpb.CreateProposalRequest(
            request_id=rid(),
            compound_id="jinjiang",
            title="使用维修资金更换水泵",
            category="maintenance_fund",
            amount_fen=3_000_000,
        ),
        metadata=admin,
    )
    assert proposal.tier == "three_party" and proposal.special_matter
    deliberation.OpenVote(dpb.OpenVoteRequest(request_id=rid(), proposal_id=proposal.id), metadata=admin)
    for i, choice in ((0, dpb.CHOICE_FOR), (1, dpb.CHOICE_AGAINST), (1, dpb.CHOICE_FOR), (2, dpb.CHOICE_FOR)):
        deliberation.CastBallot(
            dpb.CastBallotRequest(
                request_id=rid(), proposal_id=proposal.id, household_id=f"1-{i}", choice=choice
            ),
            metadata=bearer(make_token(tenant, "resident", f"owner{i}@{tenant}")),
        )
    closed = deliberation.CloseVote(
        dpb.CloseVoteRequest(request_id=rid(), proposal_id=proposal.id), metadata=admin
    )
    assert closed.status == dpb.PROPOSAL_STATUS_APPROVED and closed.tally.for_households == 3
    published = deliberation.ListBallots(  # 投票结果公示: an owner checks the count, household by household
        dpb.ListBallotsRequest(proposal_id=proposal.id),
        metadata=bearer(make_token(tenant, "resident", f"owner1@{tenant}")),
    )
    assert [
        (b.household_id, b.building_id, b.choice, b.area_centi_m2, b.revision, b.cast_by)
        for b in published.ballots
    ] == [
        ("1-0", "1", dpb.CHOICE_FOR, 9_000, 1, ""),
        ("1-1", "1", dpb.CHOICE_FOR, 8_000, 2, ""),
        ("1-2", "1", dpb.CHOICE_FOR, 7_000, 1, ""),
    ]
    with pytest.raises(grpc.RpcError) as exc:  # not an owner in this compound
        deliberation.ListBallots(
            dpb.ListBallotsRequest(proposal_id=proposal.id),
            metadata=bearer(make_token(tenant, "resident", f"stranger@{tenant}")),
        )
    assert exc.value.code() == grpc.StatusCode.PERMISSION_DENIED

    topics = ["communities.config.v1", "communities.proposal.v1"]
    ensure_topics(infra.bootstrap, topics)
    publisher = KafkaPublisher(infra.bootstrap)
    relay = OutboxRelay((ConfigVersionDoc, ProposalDoc), publisher)
    try:
        assert relay.run_once() == 2
        assert relay.run_once() == 0  # published events leave the outbox
    finally:
        publisher.close()

    consumer = KafkaConsumer(
        *topics,
        bootstrap_servers=infra.bootstrap,
        auto_offset_reset="earliest",
        group_id=f"test-{tenant}",
        consumer_timeout_ms=500,
        session_timeout_ms=6000,
        heartbeat_interval_ms=500,
    )
    mine: dict[str, object] = {}

    def both_arrived() -> bool:
        for record in consumer:
            envelope = decode(record.value)
            if envelope.tenant_id == tenant:
                mine[envelope.type] = unpack(envelope)
        return len(mine) == 2

    try:
        wait_until(both_arrived, timeout=60, what="both events consumed from the broker")
    finally:
        consumer.close()
    changed = mine["linli.communities.v1.GovernanceConfigChanged"]
    assert isinstance(changed, events_pb2.GovernanceConfigChanged)
    assert changed.version == 1 and dict(changed.compound_communities) == {"jinjiang": "yangsi"}
    decided = mine["linli.communities.v1.ProposalDecided"]
    assert decided.approved and decided.special_matter and decided.proposal_id == proposal.id
    assert decided.community_id == "yangsi" and decided.amount_fen == 3_000_000
