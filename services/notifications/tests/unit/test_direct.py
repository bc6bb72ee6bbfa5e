"""One-to-one: staff answer a resident; a firm writes to the community desk, never to residents."""

import grpc
import pytest
from linli.notifications.v1 import notifications_pb2 as pb
from linli.notifications.v1 import notifications_pb2_grpc as pb_grpc
from linli_notifications.entrypoints.grpc_api import specs
from linli_notifications.settings import NotificationsSettings
from linli_platform.grpc_server import build_server
from linli_platform.idempotency import FakeIdempotencyStore
from linli_platform.testing.fixtures import bearer, make_token

A = "t-wanjun"


@pytest.fixture
def api(uows):
    settings = NotificationsSettings()
    running = build_server(settings, specs(settings, uows=uows, idempotency=FakeIdempotencyStore()), port=0)
    channel = grpc.insecure_channel(f"127.0.0.1:{running.port}")
    yield pb_grpc.NotificationsServiceStub(channel)
    channel.close()
    running.drain(0)


def test_a_grid_worker_answers_a_resident_who_reads_it_once(api):
    grid = bearer(make_token(A, "grid_worker", "grid-chen"))
    request = pb.SendDirectMessageRequest(
        request_id="m1",
        recipient="res-liu",
        title="关于您反映的噪音问题",
        body="已联系物业管家，今晚上门查看。",
    )
    sent = api.SendDirectMessage(request, metadata=grid)
    assert api.SendDirectMessage(request, metadata=grid) == sent  # a retry sends nothing new
    inbox = api.ListInbox(pb.ListInboxRequest(), metadata=bearer(make_token(A, "resident", "res-liu")))
    assert [e.id for e in inbox.entries] == [sent.entry.id] and inbox.unread == 1
    assert "grid-chen" in inbox.entries[0].body


def test_a_firm_writes_to_the_staff_desk_but_not_to_residents(api):
    firm = bearer(make_token(A, "property_firm", "steward-wu", "org-wanjun"))
    ok = api.SendDirectMessage(
        pb.SendDirectMessageRequest(request_id="m1", recipient="staff", title="维修进度", body="电梯已修复"),
        metadata=firm,
    )
    assert ok.entry.recipient == "staff"
    with pytest.raises(grpc.RpcError) as caught:
        api.SendDirectMessage(
            pb.SendDirectMessageRequest(request_id="m2", recipient="res-liu", title="t", body="b"),
            metadata=firm,
        )
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED
    with pytest.raises(grpc.RpcError) as caught:
        api.SendDirectMessage(
            pb.SendDirectMessageRequest(request_id="m3", recipient="staff", title="t", body="b"),
            metadata=bearer(make_token(A, "resident", "res-liu")),
        )
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED
