"""A proposal decided in a meeting's minutes counts once for its district (a retried RecordMinutes
counts nothing more)."""

from __future__ import annotations

from linli.communities.v1 import deliberation_pb2 as pb
from prometheus_client import REGISTRY


def decided(tenant: str, outcome: str) -> float:
    return (
        REGISTRY.get_sample_value("linli_communities_decisions_total", {"tenant": tenant, "outcome": outcome})
        or 0
    )


def test_a_meeting_decision_is_counted_once_for_the_district(stub, staff, propose, schedule):
    tenant = staff_tenant(staff)
    before = decided(tenant, "approved")
    proposal = propose(staff, "greening", 100_000, rid="pm1")
    meeting = schedule(staff, "self_management_team", [proposal.id], rid="mm1")
    stub.RecordAttendance(
        pb.RecordAttendanceRequest(
            request_id="am1",
            meeting_id=meeting.id,
            attendees=[pb.Attendee(name="自管队", party="self_management_team")],
        ),
        metadata=staff,
    )
    minutes = pb.RecordMinutesRequest(
        request_id="nm1",
        meeting_id=meeting.id,
        minutes="同意补种绿化",
        decisions=[pb.MeetingDecision(proposal_id=proposal.id, approved=True)],
    )
    stub.RecordMinutes(minutes, metadata=staff)
    stub.RecordMinutes(minutes, metadata=staff)  # a retry answers the first result
    assert decided(tenant, "approved") == before + 1


def staff_tenant(metadata) -> str:
    from linli_platform.auth import TokenVerifier  # noqa: PLC0415
    from linli_platform.config import DEV_JWT_SECRET  # noqa: PLC0415

    token = dict(metadata)["authorization"].split(" ", 1)[1]
    return TokenVerifier(DEV_JWT_SECRET, "linli").verify(token).tenant
