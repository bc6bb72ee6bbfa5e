"""Foundation, end to end through real processes: the walking skeleton, the auth and validation
contract of every API, tenant isolation, reflection on every port and the /metrics of APIs and workers.
"""

from __future__ import annotations

import importlib
import urllib.request
import uuid

import grpc
import pytest
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase
from linli.communities.v1 import communities_pb2 as cpb
from linli.communities.v1 import communities_pb2_grpc as cpb_grpc
from linli.tickets.v1 import tickets_pb2 as tpb
from linli.tickets.v1 import tickets_pb2_grpc as tpb_grpc
from linli_platform.status import field_violations
from linli_platform.testing.fixtures import bearer, make_token
from linli_platform.testing.launchers import wait_until
from pymongo import MongoClient

pytestmark = pytest.mark.e2e


def rid() -> str:
    return uuid.uuid4().hex


def code_and_fields(fn) -> tuple[grpc.StatusCode, list[str]]:
    with pytest.raises(grpc.RpcError) as caught:
        fn()
    return caught.value.code(), [field for field, _ in field_violations(caught.value)]


@pytest.fixture(scope="module")
def stubs(system):
    channels = {s: grpc.insecure_channel(system.address(s)) for s in system.services}
    yield {
        "communities": cpb_grpc.CommunitiesServiceStub(channels["communities"]),
        "tickets": tpb_grpc.TicketsServiceStub(channels["tickets"]),
        "channels": channels,
    }
    for channel in channels.values():
        channel.close()


@pytest.fixture(scope="module")
def fresh_tenant(system, stubs):
    """A district created for this module through the API, with one compound."""
    tenant = f"fd-{uuid.uuid4().hex[:8]}"
    platform = bearer(make_token("platform", "platform_admin", "ops@linli"))
    created = stubs["communities"].CreateTenant(
        cpb.CreateTenantRequest(request_id=rid(), tenant_id=tenant, name="基础测试区"),
        metadata=platform,
        timeout=10,
    )
    assert created.id == tenant
    admin = bearer(make_token(tenant, "district_admin", f"admin@{tenant}"))
    compound = stubs["communities"].CreateCompound(
        cpb.CreateCompoundRequest(
            request_id=rid(), compound_id="jinjiang", name="金江公寓", community="杨泗社区"
        ),
        metadata=admin,
        timeout=10,
    )
    return tenant, compound.id


def _create_ticket(stubs, tenant: str, compound: str, who: str = "resident-1", request_id: str = ""):
    return stubs["tickets"].CreateTicket(
        tpb.CreateTicketRequest(
            request_id=request_id or rid(),
            compound_id=compound,
            category="lighting",
            description="3 单元楼道灯不亮",
        ),
        metadata=bearer(make_token(tenant, "resident", who)),
        timeout=10,
    )


def _ticket_when_compound_known(stubs, tenant, compound):
    """CreateTicket answers NOT_FOUND until tickets' local copy of the compound has arrived by event."""
    made = []

    def attempt() -> bool:
        try:
            made.append(_create_ticket(stubs, tenant, compound))
            return True
        except grpc.RpcError as err:
            assert err.code() == grpc.StatusCode.NOT_FOUND, err.details()
            return False

    wait_until(attempt, 60, "tickets to learn the compound from communities' events", interval=0.2)
    return made[0]


def test_walking_skeleton_tenant_compound_ticket_inbox(system, stubs, fresh_tenant):
    tenant, compound = fresh_tenant
    admin = bearer(make_token(tenant, "district_admin", f"admin@{tenant}"))
    got = stubs["communities"].GetTenant(cpb.GetTenantRequest(tenant_id=tenant), metadata=admin, timeout=10)
    assert (got.id, got.name) == (tenant, "基础测试区")
    ticket = _ticket_when_compound_known(stubs, tenant, compound)
    assert ticket.status == tpb.TICKET_STATUS_REPORTED and ticket.compound_id == compound
    again = stubs["tickets"].GetTicket(
        tpb.GetTicketRequest(ticket_id=ticket.id),
        metadata=bearer(make_token(tenant, "resident", "resident-1")),
        timeout=10,
    )
    assert again.id == ticket.id

    def inbox_has_it() -> bool:
        with MongoClient(system.database.uri) as client:
            return (
                client["linli_notifications"].inbox.count_documents(
                    {"tenant_id": tenant, "event_type": "linli.tickets.v1.TicketCreated"}
                )
                > 0
            )

    wait_until(inbox_has_it, 60, "TicketCreated to reach a notifications inbox", interval=0.2)


def test_a_ticket_for_an_unknown_compound_is_not_found(stubs, fresh_tenant):
    tenant, _ = fresh_tenant
    code, _ = code_and_fields(lambda: _create_ticket(stubs, tenant, "no-such-compound"))
    assert code == grpc.StatusCode.NOT_FOUND


def test_no_token_is_unauthenticated(stubs):
    code, _ = code_and_fields(
        lambda: stubs["communities"].GetTenant(cpb.GetTenantRequest(tenant_id="hanyang"), timeout=10)
    )
    assert code == grpc.StatusCode.UNAUTHENTICATED


def test_tampered_and_expired_tokens_are_unauthenticated(stubs):
    token = make_token("hanyang", "district_admin")
    head, payload, signature = token.split(".")
    for bad in (
        f"{head}.{payload}x.{signature}",
        f"{head}.{payload}.{signature[::-1]}",
        make_token("hanyang", "district_admin", ttl=-10),
        make_token("hanyang", "district_admin", secret="wrong-secret-wrong-secret-wrong-secret!!"),
    ):
        code, _ = code_and_fields(
            lambda b=bad: stubs["communities"].GetTenant(
                cpb.GetTenantRequest(tenant_id="hanyang"), metadata=bearer(b), timeout=10
            )
        )
        assert code == grpc.StatusCode.UNAUTHENTICATED


def test_wrong_role_is_permission_denied(stubs):
    for role in ("resident", "district_admin"):
        code, _ = code_and_fields(
            lambda r=role: stubs["communities"].CreateTenant(
                cpb.CreateTenantRequest(request_id=rid(), tenant_id="never-made", name="x"),
                metadata=bearer(make_token("hanyang", r)),
                timeout=10,
            )
        )
        assert code == grpc.StatusCode.PERMISSION_DENIED


@pytest.mark.parametrize(
    ("request_msg", "field"),
    [
        (cpb.CreateTenantRequest(request_id="r", name="某区"), "tenant_id"),  # missing
        (
            cpb.CreateTenantRequest(request_id="r", tenant_id="Bad Id!", name="某区"),
            "tenant_id",
        ),  # wrong format
        (
            cpb.CreateTenantRequest(request_id="r", tenant_id="ok-id", name="区" * 100_000),
            "name",
        ),  # 100 000 chars
    ],
)
def test_malformed_create_tenant_is_invalid_argument_naming_the_field(stubs, request_msg, field):
    platform = bearer(make_token("platform", "platform_admin"))
    code, fields = code_and_fields(
        lambda: stubs["communities"].CreateTenant(request_msg, metadata=platform, timeout=10)
    )
    assert code == grpc.StatusCode.INVALID_ARGUMENT and fields == [field]


def test_unknown_enum_number_is_invalid_argument_naming_the_field(stubs):
    request = tpb.ListTicketsRequest()
    field = next(f for f in request.DESCRIPTOR.fields if f.enum_type is not None)
    if field.is_repeated if hasattr(field, "is_repeated") else field.label == field.LABEL_REPEATED:
        getattr(request, field.name).append(999)
    else:
        setattr(request, field.name, 999)
    code, fields = code_and_fields(
        lambda: stubs["tickets"].ListTickets(
            request, metadata=bearer(make_token("hanyang", "district_admin")), timeout=10
        )
    )
    assert code == grpc.StatusCode.INVALID_ARGUMENT
    assert fields and fields[0].startswith(field.name)


def test_another_tenants_ids_are_not_found(stubs, fresh_tenant):
    tenant, compound = fresh_tenant
    ticket = _ticket_when_compound_known(stubs, tenant, compound)
    outsider = bearer(make_token("xingshan", "district_admin", "admin@xingshan"))
    for call in (
        lambda: stubs["communities"].GetTenant(
            cpb.GetTenantRequest(tenant_id=tenant), metadata=outsider, timeout=10
        ),
        lambda: stubs["communities"].GetCompound(
            cpb.GetCompoundRequest(compound_id=compound), metadata=outsider, timeout=10
        ),
        lambda: stubs["tickets"].GetTicket(
            tpb.GetTicketRequest(ticket_id=ticket.id), metadata=outsider, timeout=10
        ),
        lambda: stubs["tickets"].GetTicket(
            tpb.GetTicketRequest(ticket_id="t-does-not-exist"), metadata=outsider, timeout=10
        ),
    ):
        assert code_and_fields(call)[0] == grpc.StatusCode.NOT_FOUND


def _declared_services(service: str) -> set[str]:
    module = importlib.import_module(f"linli.{service}.v1.{service}_pb2")
    return {s.full_name for s in module.DESCRIPTOR.services_by_name.values()}


def test_reflection_lists_every_service_on_every_port(system, stubs):
    for service in system.services:
        listed = set(ProtoReflectionDescriptorDatabase(stubs["channels"][service]).get_services())
        expected = _declared_services(service) | {"grpc.health.v1.Health"}
        assert expected <= listed, f"{service}: missing {expected - listed}"


def _metrics(port: int) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
        return response.read().decode()


def test_metrics_show_grpc_outbox_backlog_and_consumer_lag(system, stubs, fresh_tenant):
    tenant, compound = fresh_tenant
    _ticket_when_compound_known(stubs, tenant, compound)
    api = _metrics(system.metrics_ports["tickets"])
    assert (
        'grpc_server_handled_total{grpc_code="OK",grpc_method="CreateTicket",'
        'grpc_service="linli.tickets.v1.TicketsService",grpc_type="unary"}'
    ) in api
    assert 'grpc_server_started_total{grpc_method="CreateTicket"' in api
    assert 'grpc_server_handling_seconds_bucket{grpc_method="CreateTicket"' in api
    assert "process_resident_memory_bytes" in api
    wait_until(
        lambda: "linli_outbox_backlog{" in _metrics(system.metrics_ports["tickets-worker"]),
        30,
        "the tickets relay to report its backlog",
    )
    wait_until(
        lambda: (
            'linli_consumer_lag{consumer="notifications-tickets"'
            in _metrics(system.metrics_ports["notifications-worker"])
        ),
        30,
        "the notifications consumer to report its lag",
    )
