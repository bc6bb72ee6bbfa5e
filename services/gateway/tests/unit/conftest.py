"""Gateway unit tests: the real app against in-process fakes of tickets and communities.

The fakes are real grpcio servers behind the chassis interceptor (auth, roles, validation), with
in-memory implementations of the contract, so the gateway's tokens and requests are checked as the
real services would check them.
"""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from google.protobuf.timestamp_pb2 import Timestamp
from linli.common.v1 import common_pb2
from linli.communities.v1 import communities_pb2 as cpb
from linli.communities.v1 import communities_pb2_grpc as cpb_grpc
from linli.communities.v1 import governance_pb2 as gpb
from linli.communities.v1 import governance_pb2_grpc as gpb_grpc
from linli.notifications.v1 import notifications_pb2 as npb
from linli.notifications.v1 import notifications_pb2_grpc as npb_grpc
from linli.tickets.v1 import tickets_pb2 as tpb
from linli.tickets.v1 import tickets_pb2_grpc as tpb_grpc
from linli_gateway.app import create_app
from linli_gateway.open311 import keys
from linli_gateway.settings import GatewaySettings
from linli_platform.config import DEV_JWT_SECRET, Settings
from linli_platform.context import current_principal
from linli_platform.errors import NotFound
from linli_platform.grpc_server import ServiceSpec, build_server

TENANTS = {"hanyang": "汉阳区", "xingshan": "兴山区"}
COMPOUNDS = {
    "hanyang": {"jinjiang": "金江公寓", "jiangshan-heyue": "招商江山和樾"},
    "xingshan": {"yuying-1": "育英一小区"},
}
MENU = {
    ("hanyang", "jinjiang"): [
        tpb.MenuItem(
            id="pipe-unclog",
            name="管道疏通",
            category="plumbing",
            description="厨房卫生间下水道疏通",
            price_model=tpb.PRICE_MODEL_MATERIALS_BY_RESIDENT,
            active=True,
        ),
    ]
}


def _now() -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(datetime.now(UTC))
    return stamp


class FakeTickets(tpb_grpc.TicketsServiceServicer):
    def __init__(self):
        self.tickets: dict[str, dict[str, tpb.Ticket]] = {}
        self.created: list[tuple[str, str, tpb.CreateTicketRequest]] = []  # (tenant, subject+role, request)
        self.lock = threading.Lock()

    def CreateTicket(self, request, context):
        principal = current_principal()
        if request.compound_id not in COMPOUNDS.get(principal.tenant, {}):
            raise NotFound(f"compound {request.compound_id} not found")
        category = request.category
        if request.menu_item_id:
            items = {i.id: i for i in MENU.get((principal.tenant, request.compound_id), [])}
            if request.menu_item_id not in items:
                raise NotFound("menu item not found")
            category = items[request.menu_item_id].category
        ticket_id = f"t-{principal.tenant}-{abs(hash((principal.subject, request.request_id))) % 10**12}"
        with self.lock:
            mine = self.tickets.setdefault(principal.tenant, {})
            if ticket_id not in mine:
                self.created.append((principal.tenant, f"{principal.role}:{principal.subject}", request))
                mine[ticket_id] = tpb.Ticket(
                    id=ticket_id,
                    tenant_id=principal.tenant,
                    compound_id=request.compound_id,
                    category=category,
                    description=request.description,
                    status=tpb.TICKET_STATUS_REPORTED,
                    reporter=principal.subject,
                    created_at=_now(),
                    building_id=request.building_id,
                    photo_urls=request.photo_urls,
                    location=request.location,
                    menu_item_id=request.menu_item_id,
                    channel=request.channel,
                    timeline=[
                        tpb.TimelineEntry(
                            at=_now(),
                            action="reported",
                            actor=principal.subject,
                            to_status=tpb.TICKET_STATUS_REPORTED,
                            note="居民本人电话 13800001234",
                        )
                    ],
                )
            return mine[ticket_id]

    def GetTicket(self, request, context):
        principal = current_principal()
        found = self.tickets.get(principal.tenant, {}).get(request.ticket_id)
        if found is None or (principal.role == "resident" and found.reporter != principal.subject):
            raise NotFound(f"ticket {request.ticket_id} not found")  # as tickets: a resident sees their own
        return found

    def ListTickets(self, request, context):
        self.last_list = request
        found = []
        for ticket in self.tickets.get(current_principal().tenant, {}).values():
            created = ticket.created_at.ToDatetime(UTC)
            if request.statuses and ticket.status not in request.statuses:
                continue
            if request.compound_id and ticket.compound_id != request.compound_id:
                continue
            if request.category and ticket.category != request.category:
                continue
            if request.HasField("created_after") and created < request.created_after.ToDatetime(UTC):
                continue
            if request.HasField("created_before") and created >= request.created_before.ToDatetime(UTC):
                continue
            found.append(ticket)
        found.sort(key=lambda t: t.created_at.ToDatetime(UTC), reverse=True)
        size = request.page.page_size or 50
        return tpb.ListTicketsResponse(tickets=found[:size], page=common_pb2.PageResponse(total=len(found)))

    def ListMenu(self, request, context):
        items = MENU.get((current_principal().tenant, request.compound_id), [])
        return tpb.ListMenuResponse(items=items, page=common_pb2.PageResponse(total=len(items)))


class FakeCommunities(cpb_grpc.CommunitiesServiceServicer):
    def GetTenant(self, request, context):
        if request.tenant_id not in TENANTS or request.tenant_id != current_principal().tenant:
            raise NotFound(f"tenant {request.tenant_id} not found")
        return cpb.Tenant(id=request.tenant_id, name=TENANTS[request.tenant_id], timezone="Asia/Shanghai")

    def ListCompounds(self, request, context):
        tenant = current_principal().tenant
        return cpb.ListCompoundsResponse(
            compounds=[
                cpb.Compound(id=c, tenant_id=tenant, name=n, community_id=f"{c}-community")
                for c, n in COMPOUNDS.get(tenant, {}).items()
            ]
        )


class FakeGovernance(gpb_grpc.GovernanceServiceServicer):
    """兴山区 has its own config (snow removal, seed 001); 汉阳区 has none in force yet."""

    def GetEffectiveConfig(self, request, context):
        if current_principal().tenant != "xingshan":
            raise NotFound("no configuration in force")
        sections = {
            "tickets": {
                "categories": {
                    "snow_removal": {"name": "积雪清除"},
                    "lighting": {"name": "楼道灯"},
                    "heating": {"name": "暖气不热"},
                },
                "common_categories": ["lighting", "snow_removal"],
            }
        }
        return gpb.EffectiveConfig(version=3, sections_json=json.dumps(sections, ensure_ascii=False))


class FakeNotifications(npb_grpc.NotificationsServiceServicer):
    def __init__(self):
        self.sent: list[tuple[str, str, npb.SendDirectMessageRequest]] = []  # (tenant, role, request)

    def SendDirectMessage(self, request, context):
        principal = current_principal()
        self.sent.append((principal.tenant, principal.role, request))
        return npb.SendDirectMessageResponse()


class FakeClock:
    """The rate limits' clock: time passes only when a test says so."""

    def __init__(self, now: float = 1000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def fakes():
    tickets, communities, notifications = FakeTickets(), FakeCommunities(), FakeNotifications()
    settings = Settings(service="fake", grpc_port=0, grpc_workers=8)
    server = build_server(
        settings,
        [
            ServiceSpec(
                tickets, tpb_grpc.add_TicketsServiceServicer_to_server, "linli.tickets.v1.TicketsService"
            ),
            ServiceSpec(
                communities,
                cpb_grpc.add_CommunitiesServiceServicer_to_server,
                "linli.communities.v1.CommunitiesService",
            ),
            ServiceSpec(
                FakeGovernance(),
                gpb_grpc.add_GovernanceServiceServicer_to_server,
                "linli.communities.v1.GovernanceService",
            ),
            ServiceSpec(
                notifications,
                npb_grpc.add_NotificationsServiceServicer_to_server,
                "linli.notifications.v1.NotificationsService",
            ),
        ],
    )
    yield tickets, communities, server.port, notifications
    server.drain(0)


@pytest.fixture
def settings(fakes) -> GatewaySettings:
    port = fakes[2]
    return GatewaySettings(
        tickets_addr=f"127.0.0.1:{port}",
        communities_addr=f"127.0.0.1:{port}",
        notifications_addr=f"127.0.0.1:{port}",
        fees_addr=f"127.0.0.1:{port}",  # never the fixed dev port
        jwt_secret=DEV_JWT_SECRET,
    )


@pytest.fixture
def client(settings, mongo_mock):
    with TestClient(create_app(settings), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def api_key(mongo_mock) -> str:
    return keys.issue_key("hanyang", "市民热线对接", "district_admin@hanyang").api_key
