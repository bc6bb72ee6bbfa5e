"""The chassis interceptor on a real in-process grpcio server: auth, roles, validation, error mapping
(google.rpc.BadRequest), go-grpc-prometheus metrics, and the correlation id in events and logs."""

from __future__ import annotations

import grpc
import pytest
from linli_platform.status import field_violations
from linli_platform.testing.fixtures import bearer, make_token
from prometheus_client import REGISTRY

SERVICE = "probe.v1.ProbeService"


def admin():
    return bearer(make_token("hanyang", "district_admin"))


def resident(tenant: str = "hanyang"):
    return bearer(make_token(tenant, "resident"))


def code_of(call, *args, **kwargs) -> grpc.StatusCode:
    with pytest.raises(grpc.RpcError) as caught:
        call(*args, **kwargs)
    return caught.value.code()


def test_a_call_runs_as_the_token_principal(call, make_request):
    reply = call("Call", make_request(), resident("xingshan"))
    assert (reply.echo, reply.tenant, reply.role) == ("ok", "xingshan", "resident")


def test_no_token_is_unauthenticated(call, make_request):
    assert code_of(call, "Call", make_request()) == grpc.StatusCode.UNAUTHENTICATED
    assert (
        code_of(call, "Call", make_request(), [("authorization", "Basic abc")])
        == grpc.StatusCode.UNAUTHENTICATED
    )


def test_tampered_token_is_unauthenticated(call, make_request):
    token = make_token("hanyang", "resident")
    head, payload, signature = token.split(".")
    forged = f"{head}.{payload[:-2]}xx.{signature}"
    assert code_of(call, "Call", make_request(), bearer(forged)) == grpc.StatusCode.UNAUTHENTICATED


def test_expired_token_is_unauthenticated(call, make_request):
    expired = make_token("hanyang", "district_admin", ttl=-1)
    assert code_of(call, "Call", make_request(), bearer(expired)) == grpc.StatusCode.UNAUTHENTICATED


def test_token_signed_with_another_secret_is_unauthenticated(call, make_request):
    other = make_token("hanyang", "district_admin", secret="not-the-server-secret-at-all-nope")
    assert code_of(call, "Call", make_request(), bearer(other)) == grpc.StatusCode.UNAUTHENTICATED


def test_wrong_role_is_permission_denied(call, make_request):
    assert code_of(call, "Admin", make_request(), resident()) == grpc.StatusCode.PERMISSION_DENIED
    assert call("Admin", make_request(), admin()).role == "district_admin"


def test_auth_comes_before_validation(call, probe):
    # A hostile request without a token learns nothing about the contract.
    assert code_of(call, "Call", probe.ProbeRequest(note="x" * 100_000)) == grpc.StatusCode.UNAUTHENTICATED


def test_malformed_request_is_invalid_argument_naming_each_field(call, probe):
    request = probe.ProbeRequest(
        request_id="r", name="n" * 100_000, code="UPPER", colour=42, required_colour=probe.COLOUR_BLUE
    )
    with pytest.raises(grpc.RpcError) as caught:
        call("Call", request, resident())
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    named = [field for field, _ in field_violations(caught.value)]
    assert named == ["name", "code", "colour", "required_item"]
    assert "name: 长度为 100000 个字符" in caught.value.details()


def test_handler_invalid_argument_carries_bad_request_details(call, make_request):
    with pytest.raises(grpc.RpcError) as caught:
        call("Call", make_request(name="invalid"), resident())
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field_violations(caught.value) == [("main.sku", "is taken"), ("tags[1]", "is reserved")]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("not_found", grpc.StatusCode.NOT_FOUND),
        ("conflict", grpc.StatusCode.ABORTED),
        ("abort", grpc.StatusCode.FAILED_PRECONDITION),
        ("boom", grpc.StatusCode.INTERNAL),
        ("db_down", grpc.StatusCode.UNAVAILABLE),
    ],
)
def test_errors_map_to_their_status(call, make_request, name, code):
    assert code_of(call, "Call", make_request(name=name), resident()) == code


def test_an_unreachable_database_is_unavailable_in_a_stream_too(call, make_request):
    assert code_of(call, "Stream", make_request(name="db_down"), resident(), stream=True) == (
        grpc.StatusCode.UNAVAILABLE
    )


def test_a_bug_answers_internal_with_the_correlation_id(call, make_request):
    with pytest.raises(grpc.RpcError) as caught:
        call("Call", make_request(name="boom"), [*resident(), ("x-correlation-id", "cid-bug-1")])
    assert caught.value.details() == "internal error; correlation id cid-bug-1"


def test_domain_error_inside_a_stream_maps_to_its_status(call, make_request):
    assert [r.echo for r in call("Stream", make_request(name="s"), resident(), stream=True)] == [
        "s-0",
        "s-1",
        "s-2",
    ]
    assert code_of(call, "Stream", make_request(name="not_found"), resident(), stream=True) == (
        grpc.StatusCode.NOT_FOUND
    )


def _sample(name: str, **labels) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_metrics_use_the_go_grpc_prometheus_names(call, make_request):
    method = {"grpc_type": "unary", "grpc_service": SERVICE, "grpc_method": "Admin"}
    before = {
        code: _sample("grpc_server_handled_total", **method, grpc_code=code)
        for code in ("OK", "PERMISSION_DENIED", "UNAUTHENTICATED")
    }
    started = _sample("grpc_server_started_total", **method)
    observed = _sample("grpc_server_handling_seconds_count", **method)
    call("Admin", make_request(), admin())
    code_of(call, "Admin", make_request(), resident())
    code_of(call, "Admin", make_request())
    assert _sample("grpc_server_started_total", **method) == started + 3
    for code in before:
        assert _sample("grpc_server_handled_total", **method, grpc_code=code) == before[code] + 1
    assert _sample("grpc_server_handling_seconds_count", **method) == observed + 3
    assert _sample("grpc_server_handling_seconds_bucket", **method, le="+Inf") >= 3
    stream = {"grpc_type": "server_stream", "grpc_service": SERVICE, "grpc_method": "Stream"}
    sent = _sample("grpc_server_msg_sent_total", **stream)
    call("Stream", make_request(name="m"), resident(), stream=True)
    assert _sample("grpc_server_msg_sent_total", **stream) == sent + 3


def test_correlation_id_flows_from_metadata_into_events_and_logs(call, make_request, probe_logs):
    reply = call("Call", make_request(name="event"), [*resident(), ("x-correlation-id", "cid-42")])
    assert reply.correlation_id == "cid-42"  # read back from the packed event envelope
    lines = [line for line in probe_logs() if line["msg"] == "probe event recorded"]
    assert [line["correlation_id"] for line in lines] == ["cid-42"]


def test_a_call_without_correlation_id_gets_a_fresh_one(call, make_request):
    first = call("Call", make_request(name="event"), resident()).correlation_id
    second = call("Call", make_request(name="event"), resident()).correlation_id
    assert len(first) == 32 and first != second


def test_health_and_reflection_are_open(probe_channel):
    from grpc_health.v1 import health_pb2, health_pb2_grpc  # noqa: PLC0415
    from grpc_reflection.v1alpha.proto_reflection_descriptor_database import (  # noqa: PLC0415
        ProtoReflectionDescriptorDatabase,
    )

    status = health_pb2_grpc.HealthStub(probe_channel).Check(health_pb2.HealthCheckRequest(service=SERVICE))
    assert status.status == health_pb2.HealthCheckResponse.SERVING
    services = ProtoReflectionDescriptorDatabase(probe_channel).get_services()
    assert SERVICE in services and "grpc.health.v1.Health" in services


def test_a_bug_inside_a_stream_is_internal_not_unknown(call, make_request):
    assert (
        code_of(call, "Stream", make_request(name="boom"), resident(), stream=True)
        == grpc.StatusCode.INTERNAL
    )


@pytest.mark.parametrize("garbage", [b"\xff\xff\xff\xff", b"\x12\x05\xff\xfe\xfd\xfc\xfb", b"\x0a\x80"])
def test_bytes_that_are_no_request_are_invalid_argument_not_internal(probe_channel, garbage):
    raw = probe_channel.unary_unary(f"/{SERVICE}/Call")  # no serializer: the bytes go as they are
    with pytest.raises(grpc.RpcError) as caught:
        raw(garbage, metadata=resident(), timeout=10)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [field for field, _ in field_violations(caught.value)] == ["request"]
    with pytest.raises(grpc.RpcError) as unauthenticated:
        raw(garbage, timeout=10)
    assert unauthenticated.value.code() == grpc.StatusCode.UNAUTHENTICATED


def test_drain_finishes_the_calls_in_flight_and_refuses_new_ones(fresh_probe_server, probe, make_request):
    import threading  # noqa: PLC0415

    from linli_platform.testing.launchers import wait_until  # noqa: PLC0415

    running, started, release = fresh_probe_server
    with grpc.insecure_channel(f"127.0.0.1:{running.port}") as channel:
        rpc = channel.unary_unary(
            f"/{SERVICE}/Call",
            request_serializer=probe.ProbeRequest.SerializeToString,
            response_deserializer=probe.ProbeReply.FromString,
        )
        in_flight = rpc.future(make_request(name="slow"), metadata=resident(), timeout=20)
        wait_until(started.is_set, 10, "the slow call to start")
        drainer = threading.Thread(target=running.drain, args=(15,))
        drainer.start()

        def refused() -> bool:
            try:
                rpc(make_request(), metadata=resident(), timeout=2)
            except grpc.RpcError as err:
                return err.code() == grpc.StatusCode.UNAVAILABLE
            return False

        wait_until(refused, 10, "new calls to be refused while draining", interval=0.1)
        release.set()
        assert in_flight.result(timeout=20).echo == "slow"
        drainer.join(20)
        assert not drainer.is_alive()
