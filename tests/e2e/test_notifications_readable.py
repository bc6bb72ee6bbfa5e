"""What a property firm reads in its inbox when a ticket is dispatched to it: the district's local time
and names — never raw UTC or ids (the issue: `请于 2026-12-03T08:11:44.125269Z 前接单`, `类别：lighting`)."""

from __future__ import annotations

import re
import uuid
from datetime import UTC
from zoneinfo import ZoneInfo

import grpc
import pytest
from linli.communities.v1 import governance_pb2 as gpb
from linli.communities.v1 import governance_pb2_grpc as gpb_grpc
from linli.notifications.v1 import notifications_pb2 as npb
from linli.notifications.v1 import notifications_pb2_grpc as npb_grpc
from linli.tickets.v1 import tickets_pb2 as tpb
from linli.tickets.v1 import tickets_pb2_grpc as tpb_grpc
from linli_platform.config_version import wait_until_applied
from linli_platform.testing.fixtures import bearer
from linli_platform.testing.launchers import wait_until

pytestmark = pytest.mark.e2e


def tokens(system, tenant: str) -> dict[str, str]:
    return next(t["tokens"] for t in system.tenants if t["id"] == tenant)


def config_in_force(system, token: str) -> None:
    """Notifications names categories from its copy of the district's configuration: wait until it
    applies the version in force (as `linli config apply --wait` does)."""
    with grpc.insecure_channel(system.address("communities")) as channel:
        version = (
            gpb_grpc.GovernanceServiceStub(channel)
            .GetConfig(gpb.GetConfigRequest(), metadata=bearer(token), timeout=10)
            .version
        )
    outcome = wait_until_applied({"notifications": system.address("notifications")}, token, version, 120)
    assert outcome.ok, outcome.late


def test_the_firms_inbox_shows_the_deadline_in_local_time_and_the_names(system):
    hanyang = tokens(system, "hanyang")
    config_in_force(system, hanyang["district_admin"])
    description = f"3栋楼道灯不亮 {uuid.uuid4().hex[:6]}"
    with grpc.insecure_channel(system.address("tickets")) as channel:
        tickets = tpb_grpc.TicketsServiceStub(channel)
        ticket = tickets.CreateTicket(
            tpb.CreateTicketRequest(
                request_id=uuid.uuid4().hex,
                compound_id="jinjiang",
                category="lighting",
                description=description,
            ),
            metadata=bearer(hanyang["resident"]),
            timeout=10,
        )
        dispatched = tickets.DispatchTicket(
            tpb.DispatchTicketRequest(request_id=uuid.uuid4().hex, ticket_id=ticket.id),
            metadata=bearer(hanyang["community_staff"]),
            timeout=10,
        )
    assert dispatched.provider_id == "shimao"
    deadline = dispatched.accept_by.ToDatetime(UTC).astimezone(ZoneInfo("Asia/Shanghai"))
    found: list[str] = []
    with grpc.insecure_channel(system.address("notifications")) as channel:
        inbox = npb_grpc.NotificationsServiceStub(channel)

        def arrived() -> bool:
            page = inbox.ListInbox(
                npb.ListInboxRequest(recipient="org:shimao", page={"page_size": 50}),
                metadata=bearer(hanyang["property_firm"]),
                timeout=10,
            )
            found[:] = [e.body for e in page.entries if ticket.id in e.body]
            return bool(found)

        wait_until(arrived, 60, "the dispatch to reach 世茂's inbox", interval=0.5)
    (body,) = found
    assert f"请于 {deadline.month}月{deadline.day}日 {deadline:%H:%M}前接单" in body
    assert "类别：路灯与楼道照明，小区：金江公寓" in body  # 汉阳区's name for lighting; the compound's name
    assert not re.search(r"\d{4}-\d\d-\d\dT", body) and "lighting" not in body and "jinjiang" not in body


def test_make_devs_household_count_reaches_what_the_demo_loaded(system):
    """`make dev` reports households still arriving with this count; on the test system they all arrive."""
    from linli_cli import demo  # noqa: PLC0415 - the dev runner's own count

    total = sum(t["households"] for t in system.tenants)
    assert total > 0
    wait_until(
        lambda: demo.households_arrived(system.database.uri, system.tenants) == total,
        180,
        f"all {total} demo households in notifications' roster",
        interval=1,
    )
