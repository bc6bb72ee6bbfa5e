"""The points servicer in-process over real gRPC, the fakes behind it: codes, field violations,
tenants, who reads whose statement, and request_id semantics of every mutating RPC."""

from __future__ import annotations

import grpc
import pytest
from google.protobuf.timestamp_pb2 import Timestamp
from linli.points.v1 import points_pb2 as pb
from linli.points.v1 import points_pb2_grpc as pb_grpc
from linli_platform.config import Settings
from linli_platform.grpc_server import build_server
from linli_platform.idempotency import FakeIdempotencyStore
from linli_platform.status import field_violations
from linli_platform.testing.fixtures import bearer, make_token
from linli_points.entrypoints.grpc_api import specs

from ..conftest import T0, TENANT, rated_event


@pytest.fixture
def stub(district, uows, consume):
    consume(rated_event("t-1", rating=5))  # 马建国 has 15 points
    settings = Settings(service="points", grpc_workers=2)
    running = build_server(settings, specs(settings, uows, FakeIdempotencyStore()), port=0)
    channel = grpc.insecure_channel(f"127.0.0.1:{running.port}")
    yield pb_grpc.PointsServiceStub(channel)
    channel.close()
    running.drain(0)


def as_(role: str, subject: str, tenant: str = TENANT):
    return bearer(make_token(tenant, role, subject))


STAFF, VOL, RES = (
    as_("community_staff", "staff-yang"),
    as_("volunteer", "vol-ma"),
    as_("resident", "res-chen"),
)


def refused(call) -> tuple[grpc.StatusCode, list]:
    with pytest.raises(grpc.RpcError) as err:
        call()
    return err.value.code(), field_violations(err.value)


def test_a_volunteer_reads_their_balance_and_statement_with_causes(stub):
    account = stub.GetAccount(pb.GetAccountRequest(subject="vol-ma"), metadata=VOL)
    assert (account.balance, account.points_name) == (15, "服务积分")
    statement = stub.GetStatement(pb.GetStatementRequest(subject="vol-ma"), metadata=VOL)
    [line] = statement.movements
    assert (line.amount, line.code, line.rule_version, line.counterparty) == (
        15,
        "ticket.volunteer",
        1,
        "issuer",
    )
    assert line.cause.startswith("tickets.ticket.v1/") and "5 星" in line.description


def test_a_resident_cannot_read_another_residents_statement_or_balance(stub):
    assert refused(lambda: stub.GetStatement(pb.GetStatementRequest(subject="vol-ma"), metadata=RES))[0] == (
        grpc.StatusCode.PERMISSION_DENIED
    )
    assert refused(lambda: stub.GetAccount(pb.GetAccountRequest(subject="vol-ma"), metadata=RES))[0] == (
        grpc.StatusCode.PERMISSION_DENIED
    )
    assert stub.GetStatement(pb.GetStatementRequest(subject="vol-ma"), metadata=STAFF).balance == 15


def test_another_district_sees_none_of_this_ones_people_or_entries(stub):
    outsider = as_("district_admin", "admin@xingshan", tenant="xingshan")
    assert stub.GetAccount(pb.GetAccountRequest(subject="vol-ma"), metadata=outsider).balance == 0
    assert refused(lambda: stub.GetVolunteer(pb.GetVolunteerRequest(subject="vol-ma"), metadata=outsider))[
        0
    ] == (grpc.StatusCode.NOT_FOUND)
    activity = stub.CheckIn(
        pb.CheckInRequest(request_id="c1", kind="patrol", compound_id="jinjiang"), metadata=VOL
    )
    assert refused(
        lambda: stub.GetActivity(pb.GetActivityRequest(activity_id=activity.id), metadata=outsider)
    )[0] == (grpc.StatusCode.NOT_FOUND)
    assert (
        refused(
            lambda: stub.ReverseTransfer(
                pb.ReverseTransferRequest(request_id="r", transfer_id="ticket:t-1:volunteer", reason="x"),
                metadata=outsider,
            )
        )[0]
        == grpc.StatusCode.NOT_FOUND
    )


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        (pb.TransferPointsRequest(request_id="x", to_subject="vol-sun", amount=-5), "amount"),
        (pb.TransferPointsRequest(request_id="x", to_subject="vol-sun", amount=10**18), "amount"),
        (pb.TransferPointsRequest(request_id="x", to_subject="v" * 100_000, amount=1), "to_subject"),
        (
            pb.TransferPointsRequest(request_id="x", to_subject="vol-sun", amount=1, memo="备" * 100_000),
            "memo",
        ),
    ],
)
def test_bad_transfers_are_invalid_argument_naming_the_field_and_nothing_is_written(
    stub, store, request_, field
):
    writes = store.writes
    code, violations = refused(lambda: stub.TransferPoints(request_, metadata=VOL))
    assert code == grpc.StatusCode.INVALID_ARGUMENT and field in [path for path, _ in violations]
    assert store.writes == writes
    assert stub.GetAccount(pb.GetAccountRequest(subject="vol-ma"), metadata=VOL).balance == 15


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        (
            pb.RegisterVolunteerRequest(request_id="r", display_name="名" * 100_000, compound_id="jinjiang"),
            "display_name",
        ),
        (
            pb.RegisterVolunteerRequest(
                request_id="r", display_name="李", compound_id="jinjiang", specialties=["烹饪"]
            ),
            "specialties[0]",
        ),
        (
            pb.RegisterVolunteerRequest(
                request_id="r", display_name="李", compound_id="jinjiang", availability=[0]
            ),
            "availability",
        ),
        (pb.RegisterVolunteerRequest(request_id="r", display_name="李"), "compound_id"),
    ],
)
def test_a_bad_volunteer_profile_is_refused_naming_the_field_and_nothing_is_written(
    stub, store, request_, field
):
    writes = store.writes
    code, violations = refused(lambda: stub.RegisterVolunteer(request_, metadata=as_("volunteer", "vol-new")))
    assert code == grpc.StatusCode.INVALID_ARGUMENT and field in [path for path, _ in violations], violations
    assert store.writes == writes


def test_an_unknown_activity_kind_or_period_is_invalid_argument(stub, store):
    writes = store.writes
    code, violations = refused(
        lambda: stub.CheckIn(
            pb.CheckInRequest(request_id="c", kind="skydiving", compound_id="jinjiang"), metadata=VOL
        )
    )
    assert code == grpc.StatusCode.INVALID_ARGUMENT and violations[0][0] == "kind"
    assert store.writes == writes
    code, violations = refused(
        lambda: stub.GetHoursReport(
            pb.GetHoursReportRequest(period="2026-13", group_by="team"), metadata=STAFF
        )
    )
    assert code == grpc.StatusCode.INVALID_ARGUMENT and violations[0][0] == "period"


def test_giving_more_points_than_one_has_is_failed_precondition_and_the_books_balance(stub, uows):
    code, _ = refused(
        lambda: stub.TransferPoints(
            pb.TransferPointsRequest(request_id="g", to_subject="vol-sun", amount=16), metadata=VOL
        )
    )
    assert code == grpc.StatusCode.FAILED_PRECONDITION
    given = stub.TransferPoints(
        pb.TransferPointsRequest(request_id="g2", to_subject="vol-sun", amount=5, memo="谢谢"), metadata=VOL
    )
    assert given.amount == -5
    assert stub.GetAccount(pb.GetAccountRequest(subject="vol-sun"), metadata=STAFF).balance == 5
    assert uows(TENANT).ledger.check() == []


def test_only_staff_grant_points(stub):
    grant = pb.TransferPointsRequest(
        request_id="gr", to_subject="vol-sun", amount=7, grant=True, memo="清雪突击"
    )
    assert refused(lambda: stub.TransferPoints(grant, metadata=VOL))[0] == grpc.StatusCode.PERMISSION_DENIED
    assert stub.TransferPoints(grant, metadata=STAFF).amount == 7


def _stamp(dt):
    stamp = Timestamp()
    stamp.FromDatetime(dt)
    return stamp


MUTATIONS = {
    "TransferPoints": lambda rid, other: pb.TransferPointsRequest(
        request_id=rid, to_subject="vol-sun", amount=2 if other else 1
    ),
    "RegisterVolunteer": lambda rid, other: pb.RegisterVolunteerRequest(
        request_id=rid,
        display_name="马建国",
        compound_id="jinjiang",
        specialties=["水电"],
        team_ids=["shuidian"],
        show_name=not other,
        active=True,
    ),
    "CheckIn": lambda rid, other: pb.CheckInRequest(
        request_id=rid, kind="service_day" if other else "patrol", compound_id="jinjiang"
    ),
}


@pytest.mark.parametrize("method", sorted(MUTATIONS))
def test_request_id_same_content_answers_the_first_other_content_is_already_exists(stub, method):
    call = getattr(stub, method)
    first = call(MUTATIONS[method]("same", False), metadata=VOL)
    assert call(MUTATIONS[method]("same", False), metadata=VOL) == first
    code = refused(lambda: call(MUTATIONS[method]("same", True), metadata=VOL))[0]
    assert code == grpc.StatusCode.ALREADY_EXISTS


def test_request_id_semantics_of_the_activity_and_award_steps(stub, consume):
    activity = stub.CheckIn(
        pb.CheckInRequest(request_id="in", kind="patrol", compound_id="jinjiang", team_id="shuidian"),
        metadata=VOL,
    )
    out = stub.CheckOut(pb.CheckOutRequest(request_id="out", activity_id=activity.id), metadata=VOL)
    assert stub.CheckOut(pb.CheckOutRequest(request_id="out", activity_id=activity.id), metadata=VOL) == out
    assert refused(
        lambda: stub.CheckOut(
            pb.CheckOutRequest(request_id="out", activity_id=activity.id, note="x"), metadata=VOL
        )
    )[0] == (grpc.StatusCode.ALREADY_EXISTS)
    confirm = pb.ConfirmActivityRequest(request_id="ok", activity_id=activity.id, approved=True)
    first = stub.ConfirmActivity(confirm, metadata=STAFF)
    assert stub.ConfirmActivity(confirm, metadata=STAFF) == first
    other = pb.ConfirmActivityRequest(request_id="ok", activity_id=activity.id, approved=False)
    assert refused(lambda: stub.ConfirmActivity(other, metadata=STAFF))[0] == grpc.StatusCode.ALREADY_EXISTS
    fix = pb.CorrectActivityRequest(
        request_id="fix",
        activity_id=activity.id,
        started_at=_stamp(T0),
        ended_at=_stamp(T0.replace(hour=4)),
        reason="忘记签退",
    )
    fixed = stub.CorrectActivity(fix, metadata=STAFF)
    assert (fixed.minutes, fixed.corrects) == (120, activity.id)
    assert stub.CorrectActivity(fix, metadata=STAFF) == fixed
    fix.reason = "另一个原因"
    assert refused(lambda: stub.CorrectActivity(fix, metadata=STAFF))[0] == grpc.StatusCode.ALREADY_EXISTS
    run = pb.RunAwardRequest(request_id="aw", award="star", period="2026-10")
    result = stub.RunAward(run, metadata=STAFF)
    assert stub.RunAward(run, metadata=STAFF) == result
    run.period = "2026-09"
    assert refused(lambda: stub.RunAward(run, metadata=STAFF))[0] == grpc.StatusCode.ALREADY_EXISTS
    reverse = pb.ReverseTransferRequest(request_id="rv", transfer_id="ticket:t-1:volunteer", reason="误评")
    first = stub.ReverseTransfer(reverse, metadata=STAFF)
    assert stub.ReverseTransfer(reverse, metadata=STAFF) == first
    reverse.request_id = "rv2"
    assert refused(lambda: stub.ReverseTransfer(reverse, metadata=STAFF))[0] == grpc.StatusCode.ALREADY_EXISTS
    assert stub.GetAccount(pb.GetAccountRequest(subject="vol-ma"), metadata=VOL).balance == 0


def test_no_token_is_unauthenticated(stub):
    assert (
        refused(lambda: stub.GetAccount(pb.GetAccountRequest(subject="vol-ma")))[0]
        == grpc.StatusCode.UNAUTHENTICATED
    )
