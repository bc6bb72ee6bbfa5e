"""DeliberationService in-process with a district whose config has all three tiers, and the helpers
its tests share: proposing, scheduling a meeting, reading the event a proposal published."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from google.protobuf.timestamp_pb2 import Timestamp
from linli.common.v1.events_pb2 import EventEnvelope
from linli.communities.v1 import deliberation_pb2 as pb
from linli.communities.v1 import deliberation_pb2_grpc as pb_grpc
from linli.communities.v1 import governance_pb2 as gpb
from linli.communities.v1 import governance_pb2_grpc as gpb_grpc
from linli_platform.events import unpack

CONFIG = """
district: {name: 汉阳区}
deliberation:
  tiers:
    - {name: 自管队先议, decided_by: self_management_team, max_amount_fen: 200000, meeting: 自管队会议}
    - {name: 议事会联审, decided_by: council, max_amount_fen: 2000000, meeting: 议事会}
    - {name: 三方共决, decided_by: three_party, meeting: 三方联席会议,
       categories: [maintenance_fund, parking]}
  votes: {rule: double_majority}
"""


@pytest.fixture
def stub(api, who):
    gpb_grpc.GovernanceServiceStub(api).ApplyConfig(
        gpb.ApplyConfigRequest(request_id="cfg", document=CONFIG), metadata=who("hanyang", "district_admin")
    )
    return pb_grpc.DeliberationServiceStub(api)


@pytest.fixture
def staff(who):
    return who("hanyang", "community_staff")


@pytest.fixture
def propose(stub):
    def create(meta, category="greening", amount=100_000, compound="jinjiang", rid="p1"):
        return stub.CreateProposal(
            pb.CreateProposalRequest(
                request_id=rid, compound_id=compound, title="更换路灯", category=category, amount_fen=amount
            ),
            metadata=meta,
        )

    return create


@pytest.fixture
def withdraw(stub):
    def call(meta, proposal_id, rid="w", reason="改由物业企业承担费用"):
        return stub.WithdrawProposal(
            pb.WithdrawProposalRequest(request_id=rid, proposal_id=proposal_id, reason=reason), metadata=meta
        )

    return call


@pytest.fixture
def schedule(stub):
    def meeting(meta, tier, proposal_ids, rid="m"):
        when = Timestamp()
        when.FromDatetime(datetime.now(UTC) + timedelta(days=1))
        return stub.ScheduleMeeting(
            pb.ScheduleMeetingRequest(
                request_id=rid,
                compound_id="jinjiang",
                tier=tier,
                title="金江焕新三方联席会议",
                scheduled_at=when,
                agenda=["停车位规划"],
                proposal_ids=proposal_ids,
            ),
            metadata=meta,
        )

    return meeting


@pytest.fixture
def published(store):
    def event(proposal_id: str):
        """The one event the proposal has pending in its outbox."""
        [pending] = [e for e in store.outbox if EventEnvelope.FromString(e.value).aggregate_id == proposal_id]
        assert pending.topic == "communities.proposal.v1" and pending.key == f"hanyang:{proposal_id}"
        return unpack(EventEnvelope.FromString(pending.value))

    return event
