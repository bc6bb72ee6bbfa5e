"""A real Prometheus scrapes a running system: the launcher's processes, deploy/prometheus/prometheus.yml
with its targets pointed at the system's metrics ports (every other line of it as shipped, the recording
and alert rules loaded). After two rounds of the seed-000 loop (金江派单、世茂接单、社区督单, rated and
closed; a staff grant of service points; a billing run for 金江公寓 and a cash payment; Open311
through the gateway) its HTTP API answers `grpc_server_handled_total` for every service and the domain
metrics with the district's tenant label; every Grafana panel's query (the tenant variable set) returns
series with a value; every label is one the catalogue allows, and no value is an id.

Two rounds, because a labelled counter is born at its first increment: `increase()` over a range sees
the second round's steps, the dashboards' ranges show them.
"""

from __future__ import annotations

import http.server
import json
import math
import re
import shutil
import threading
import time
import urllib.parse
import urllib.request
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import grpc
import pytest
import yaml
from linli.common.v1.common_pb2 import PageRequest
from linli.communities.v1 import communities_pb2 as cpb
from linli.communities.v1 import communities_pb2_grpc as cpb_grpc
from linli.communities.v1 import governance_pb2 as gpb
from linli.communities.v1 import governance_pb2_grpc as gpb_grpc
from linli.fees.v1 import fees_pb2 as fpb
from linli.fees.v1 import fees_pb2_grpc as fpb_grpc
from linli.notifications.v1 import notifications_pb2 as npb
from linli.notifications.v1 import notifications_pb2_grpc as npb_grpc
from linli.points.v1 import points_pb2 as ppb
from linli.points.v1 import points_pb2_grpc as ppb_grpc
from linli.tickets.v1 import tickets_pb2 as pb
from linli.tickets.v1 import tickets_pb2_grpc as pb_grpc
from linli_platform.auth import Principal, issue_token
from linli_platform.config import SERVICES
from linli_platform.metrics import LABELS
from linli_platform.testing.fixtures import bearer, make_token
from linli_platform.testing.launchers import Process, wait_until
from linli_platform.testing.ports import free_port, release
from prometheus_client.parser import text_string_to_metric_families

# The traffic (two rounds, billing runs, two worker restarts) runs in the first test: more than the
# default 300 s when this module starts the system itself.
pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]
ROOT = Path(__file__).resolve().parents[2]
PROM = ROOT / "deploy" / "prometheus"
DASHBOARDS = ROOT / "deploy" / "grafana" / "dashboards"
TENANT = "hanyang"
SLA_PROBE = "ops-sla-probe"  # a compound of 汉阳区 this test adds, with a one-minute SLA of its own
# Labels Prometheus and the scrape config add, and the histogram/summary bounds.
SCRAPE_LABELS = {"__name__", "job", "instance", "service", "component", "le", "quantile"}
# Labels whose values are numbers or names from code (an id heuristic would misread them).
NUMERIC_OR_CODE = {
    "le",
    "quantile",
    "partition",
    "instance",
    "grpc_service",
    "grpc_method",
    "grpc_code",
    "code",
}
# Tenants and compounds are ids by nature, bounded by onboarding; they are checked against the system.
ONBOARDED = {"tenant", "compound"}
LOOKS_LIKE_AN_ID = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-|[0-9a-f]{12,}|(?<![a-z])\d{3,}|@|/|:", re.IGNORECASE
)  # a UUID, 12+ hex digits, a run of digits not ending a word (a household 3-2-301, a phone), an email, a URL


# -- Prometheus --------------------------------------------------------------------------------
def scrape_config(system, own_port: int) -> dict:
    """prometheus.yml as shipped, its targets pointed at this system's processes, scraping every second."""
    config = yaml.safe_load((PROM / "prometheus.yml").read_text())
    config["global"]["scrape_interval"] = config["global"]["evaluation_interval"] = "1s"
    config["rule_files"] = [str(PROM / name) for name in config["rule_files"]]
    for job in config["scrape_configs"]:
        for group in job["static_configs"]:
            labels = group.get("labels", {})
            if job["job_name"] == "prometheus":
                group["targets"] = [f"127.0.0.1:{own_port}"]
            elif labels["component"] == "api":
                group["targets"] = [f"127.0.0.1:{system.metrics_ports[labels['service']]}"]
            elif labels["component"] == "worker":
                group["targets"] = [f"127.0.0.1:{system.metrics_ports[labels['service'] + '-worker']}"]
            else:
                group["targets"] = [f"127.0.0.1:{system.metrics_ports['gateway']}"]
    return config


class Prometheus:
    def __init__(self, port: int):
        self.url = f"http://127.0.0.1:{port}"

    def get(self, path: str, **params) -> dict:
        query = urllib.parse.urlencode(params, doseq=True)
        with urllib.request.urlopen(f"{self.url}{path}?{query}", timeout=10) as response:
            body = json.loads(response.read())
        assert body["status"] == "success", body
        return body["data"]

    def query(self, expr: str) -> list[dict]:
        return self.get("/api/v1/query", query=expr)["result"]

    def value(self, expr: str) -> float:
        found = self.query(expr)
        return float(found[0]["value"][1]) if found else math.nan

    def ready(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/-/ready", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False


@pytest.fixture(scope="module")
def prometheus(system, tmp_path_factory):
    binary = shutil.which("prometheus")
    assert binary, "the prometheus binary is missing: .ci/run installs the Debian package `prometheus`"
    workdir = Path(tmp_path_factory.mktemp("prometheus"))
    port = free_port()
    config = workdir / "prometheus.yml"
    config.write_text(yaml.safe_dump(scrape_config(system, port), allow_unicode=True))
    release(port)  # Prometheus binds it now
    process = Process(
        "prometheus",
        [
            binary,
            f"--config.file={config}",
            f"--storage.tsdb.path={workdir / 'data'}",
            f"--web.listen-address=127.0.0.1:{port}",
        ],
        workdir / "prometheus.log",
    ).start()
    server = Prometheus(port)
    try:
        wait_until(lambda: process.alive and server.ready(), 60, "Prometheus to be ready", interval=0.2)
        yield server
    finally:
        process.stop()


def process_sample(system, process: str, name: str, labels: dict[str, str]) -> float:
    """A sample as the process serves it right now (0 when it has none)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{system.metrics_ports[process]}/metrics", timeout=5) as r:
        text = r.read().decode()
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                return sample.value
    return 0.0


def await_scraped(prometheus: Prometheus, system, process: str, name: str, **labels) -> float:
    """Wait until Prometheus holds at least the value the process serves now (a scrape after it)."""
    served = process_sample(system, process, name, labels)
    assert served > 0, f"{process} serves no {name}{labels}"
    selector = ",".join(f'{k}="{v}"' for k, v in labels.items())
    wait_until(
        lambda: prometheus.value(f"sum({name}{{{selector}}})") >= served,
        60,
        f"Prometheus to scrape {name}{{{selector}}} >= {served}",
        interval=0.5,
    )
    return served


# -- the traffic -------------------------------------------------------------------------------
class Receiver(http.server.BaseHTTPRequestHandler):
    posts: list[bytes] = []

    def do_POST(self):  # noqa: N802 - http.server's naming
        Receiver.posts.append(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def receiver():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/ops"
    server.shutdown()


def rid() -> str:
    return uuid.uuid4().hex


class NoBillsYet(Exception):
    """A billing run found no household yet (fees' copies arrive by event)."""


def call_until(fn, what: str, timeout: float = 300):
    """Retry while a worker catches up with events (NOT_FOUND until then)."""
    box = []

    def attempt() -> bool:
        try:
            box.append(fn())
            return True
        except NoBillsYet:
            return False
        except grpc.RpcError as err:
            if err.code() != grpc.StatusCode.NOT_FOUND:
                raise
            return False

    wait_until(attempt, timeout, what, interval=0.2)
    return box[-1]


class Loop:
    """The seed-000 loop as its people do it, through the real APIs."""

    def __init__(self, system):
        self.admin = bearer(make_token(TENANT, "district_admin", "admin@hanyang"))
        self.staff = bearer(make_token(TENANT, "community_staff", "staff-yang"))
        self.resident = bearer(make_token(TENANT, "resident", "res-chen"))
        self.firm = bearer(make_token(TENANT, "property_firm", "shimao-duty", "shimao"))
        self.platform = bearer(
            issue_token(system.jwt_secret, Principal("platform", "platform_admin", "ops"), 600)
        )
        channel = lambda s: grpc.insecure_channel(system.address(s))  # noqa: E731
        self.communities = cpb_grpc.CommunitiesServiceStub(channel("communities"))
        self.governance = gpb_grpc.GovernanceServiceStub(channel("communities"))
        self.tickets = pb_grpc.TicketsServiceStub(channel("tickets"))
        self.notifications = npb_grpc.NotificationsServiceStub(channel("notifications"))
        self.points = ppb_grpc.PointsServiceStub(channel("points"))
        self.fees = fpb_grpc.FeesServiceStub(channel("fees"))

    def prepare(self, receiver: str) -> None:
        try:  # the demo district or another test may have registered 世茂 already
            self.communities.RegisterPropertyFirm(
                cpb.RegisterPropertyFirmRequest(
                    request_id=rid(), org_id="shimao", name="世茂物业", contact="027-8888"
                ),
                metadata=self.platform,
            )
        except grpc.RpcError as err:
            assert err.code() == grpc.StatusCode.ALREADY_EXISTS
        self.communities.UpsertPropertyContract(
            cpb.UpsertPropertyContractRequest(
                request_id=rid(), org_id="shimao", compound_id="jinjiang", starts_on="2026-01-01", active=True
            ),
            metadata=self.admin,
        )
        self.notifications.CreateWebhookSubscription(
            npb.CreateWebhookSubscriptionRequest(
                request_id=rid(), event_types=["linli.tickets.v1.TicketDispatched"], url=receiver
            ),
            metadata=self.firm,
        )

    def round(self, rating: int) -> str:
        report = pb.CreateTicketRequest(
            request_id=rid(),
            compound_id="jinjiang",
            category="lighting",
            description="3栋楼道灯坏了，晚上看不见路",
        )
        ticket = call_until(
            lambda: self.tickets.CreateTicket(report, metadata=self.resident),
            "金江公寓 in the tickets service",
        )
        call_until(  # the contract has reached the tickets worker when the firm can see the ticket
            lambda: self.tickets.GetTicket(pb.GetTicketRequest(ticket_id=ticket.id), metadata=self.firm),
            "世茂's contract in the tickets service",
        )
        act = lambda request: pb.TicketActionRequest(request_id=rid(), ticket_id=ticket.id, **request)  # noqa: E731
        sent = self.tickets.DispatchTicket(
            pb.DispatchTicketRequest(request_id=rid(), ticket_id=ticket.id), metadata=self.staff
        )
        assert sent.provider_id == "shimao"
        self.tickets.AcceptTicket(act({"note": "马上派电工"}), metadata=self.firm)
        self.tickets.StartWork(act({}), metadata=self.firm)
        self.tickets.CompleteTicket(
            pb.CompleteTicketRequest(request_id=rid(), ticket_id=ticket.id, note="已更换灯泡"),
            metadata=self.firm,
        )
        self.tickets.VerifyTicket(
            pb.VerifyTicketRequest(
                request_id=rid(), ticket_id=ticket.id, approved=True, note="社区督单：已核验"
            ),
            metadata=self.staff,
        )
        self.tickets.ConfirmTicket(
            pb.ConfirmTicketRequest(request_id=rid(), ticket_id=ticket.id, rating=rating),
            metadata=self.resident,
        )
        closed = self.tickets.CloseTicket(act({}), metadata=self.staff)
        assert closed.status == pb.TICKET_STATUS_CLOSED
        return ticket.id

    def start_a_late_ticket(self) -> str:
        """A probe compound of 汉阳区 whose "other" category must be accepted within a minute (一区一策: an
        override for that compound alone), and a ticket there nobody accepts: its SLA warns and breaches
        while the rounds run."""
        self.communities.UpsertCompound(
            cpb.UpsertCompoundRequest(
                request_id=rid(), compound_id=SLA_PROBE, name="运维探针小区", community_id="yangsi"
            ),
            metadata=self.admin,
        )
        config = yaml.safe_load(
            self.governance.GetConfig(gpb.GetConfigRequest(), metadata=self.admin).document
        )
        compounds = config.setdefault("overrides", {}).setdefault("compounds", {})
        compounds[SLA_PROBE] = {
            "tickets": {
                "categories": {
                    "other": {"name": "其他", "accept_within_minutes": 1, "complete_within_hours": 1}
                }
            }
        }
        self.governance.ApplyConfig(
            gpb.ApplyConfigRequest(
                request_id=rid(),
                document=yaml.safe_dump(config, allow_unicode=True),
                comment="运维探针：一分钟接单",
            ),
            metadata=self.admin,
        )
        report = pb.CreateTicketRequest(
            request_id=rid(), compound_id=SLA_PROBE, category="other", description="探针：无人接单的工单"
        )
        ticket = call_until(
            lambda: self.tickets.CreateTicket(report, metadata=self.resident), "the probe compound"
        )

        def dispatched_with_the_short_sla():  # until the override has reached the tickets worker
            sent = self.tickets.DispatchTicket(
                pb.DispatchTicketRequest(request_id=rid(), ticket_id=ticket.id), metadata=self.staff
            )
            return sent.accept_by.ToSeconds() - time.time() <= 90

        wait_until(
            dispatched_with_the_short_sla, 120, "the one-minute SLA in the tickets service", interval=1
        )
        return ticket.id

    def grant_points(self) -> None:
        """The community grants 陈阿姨 service points for her help (a staff grant)."""
        self.points.TransferPoints(
            ppb.TransferPointsRequest(
                request_id=rid(), to_subject="res-chen", amount=10, memo="楼道互助", grant=True
            ),
            metadata=self.staff,
        )

    def bill_and_pay(self, period: str) -> None:
        """A billing run for 金江公寓, then one household pays its bill in cash."""

        def billed():
            run = self.fees.StartBillingRun(
                fpb.StartBillingRunRequest(request_id=rid(), compound_id="jinjiang", period=period),
                metadata=self.staff,
            )
            while run.status != fpb.RUN_STATUS_DONE:
                run = self.fees.AdvanceBillingRun(
                    fpb.AdvanceBillingRunRequest(request_id=rid(), run_id=run.run_id), metadata=self.staff
                )
            if run.bills_created + run.bills_existing == 0:  # the households' copies are still on their way
                raise NoBillsYet()
            return run

        call_until(billed, f"bills for 金江公寓 in {period}")
        bills = self.fees.ListBills(
            fpb.ListBillsRequest(compound_id="jinjiang", period=period, open_only=True), metadata=self.staff
        ).bills
        assert bills, f"no open bill in {period}"
        bill = bills[0]
        self.fees.RecordPayment(
            fpb.RecordPaymentRequest(
                request_id=rid(),
                compound_id="jinjiang",
                household_id=bill.household_id,
                bill_id=bill.bill_id,
                amount_fen=bill.due_fen,
                method=fpb.PAYMENT_METHOD_CASH,
                note="现金缴费",
            ),
            metadata=self.staff,
        )

    def touch_every_service(self) -> None:
        """One RPC on each API, so each serves grpc_server_handled_total (whatever its answer)."""
        calls = [
            lambda: self.communities.GetTenant(cpb.GetTenantRequest(tenant_id=TENANT), metadata=self.admin),
            lambda: self.points.GetAccount(ppb.GetAccountRequest(subject="res-chen"), metadata=self.resident),
            lambda: self.fees.GetFeeSchedule(
                fpb.GetFeeScheduleRequest(compound_id="jinjiang"), metadata=self.admin
            ),
            lambda: self.notifications.ListInbox(npb.ListInboxRequest(), metadata=self.resident),
            lambda: self.tickets.ListTickets(pb.ListTicketsRequest(), metadata=self.staff),
        ]
        for call in calls:
            try:
                call()
            except grpc.RpcError as err:
                assert err.code() not in (grpc.StatusCode.INTERNAL, grpc.StatusCode.UNKNOWN), err.details()

    def tenants(self) -> set[str]:
        found, token = set(), ""
        while True:
            page = self.communities.ListTenants(
                cpb.ListTenantsRequest(page=PageRequest(page_size=500, page_token=token)),
                metadata=self.platform,
            )
            found |= {t.id for t in page.tenants}
            token = page.page.next_page_token
            if not token:
                return found


def this_and_next_month() -> tuple[str, str]:
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()
    following = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    return f"{today:%Y-%m}", f"{following:%Y-%m}"


def ask_the_gateway(system) -> None:
    """A health check and Open311's service list (GeoReport v2) through the gateway."""
    base = f"http://127.0.0.1:{system.gateway_port}"
    for path in ("/healthz", f"/open311/v2/services.json?jurisdiction_id={TENANT}"):
        with urllib.request.urlopen(base + path, timeout=10) as response:
            assert response.status == 200, path


@pytest.fixture(scope="module")
def traffic(system, prometheus, receiver):
    """A probe ticket left to breach its SLA; two rounds of the loop, each with a points grant, a bill and
    a payment and requests to the gateway, each awaited in Prometheus; then the workers' timer gauges."""
    loop = Loop(system)
    loop.prepare(receiver)
    loop.touch_every_service()
    closed = {"tenant": TENANT, "action": "closed", "provider_kind": "property_firm"}
    delivered = {"tenant": TENANT, "outcome": "delivered"}
    deliveries = "linli_notifications_webhook_deliveries_total"
    before = process_sample(system, "notifications-worker", deliveries, delivered)
    late = {"tenant": TENANT, "level": "breach", "deadline": "accept", "category": "other"}
    late_before = process_sample(system, "tickets-worker", "linli_tickets_sla_alarms_total", late)
    loop.start_a_late_ticket()
    periods = this_and_next_month()
    for number, rating in enumerate((5, 4), start=1):
        ticket_id = loop.round(rating)
        loop.grant_points()
        loop.bill_and_pay(periods[number - 1])
        ask_the_gateway(system)
        wait_until(
            lambda t=ticket_id: any(t.encode() in body for body in Receiver.posts),
            120,
            f"round {number}'s webhook",
        )
        await_scraped(prometheus, system, "tickets", "linli_tickets_transitions_total", **closed)
        wait_until(  # the worker counts a delivery once its outcome is stored, just after the POST
            lambda n=number: (
                process_sample(system, "notifications-worker", deliveries, delivered) >= before + n
            ),
            60,
            f"round {number}'s delivery to be counted",
        )
        await_scraped(prometheus, system, "notifications-worker", deliveries, **delivered)
        await_scraped(
            prometheus, system, "points", "linli_points_credited_total", tenant=TENANT, rule="grant"
        )
        await_scraped(
            prometheus, system, "fees", "linli_fees_received_fen_total", tenant=TENANT, compound="jinjiang"
        )
        await_scraped(prometheus, system, "gateway", "linli_http_requests_total", area="open311", code="200")
    wait_until(  # the probe ticket's minute has run out during the rounds (the sweep runs every second)
        lambda: (
            process_sample(system, "tickets-worker", "linli_tickets_sla_alarms_total", late) > late_before
        ),
        120,
        "the probe ticket's SLA breach",
    )
    await_scraped(prometheus, system, "tickets-worker", "linli_tickets_sla_alarms_total", **late)
    # Gauges the workers refresh on a timer, not on scrape — every few minutes, and at a worker's start:
    # restarted, the fees and points workers show this run's figures at once.
    for worker in ("fees-worker", "points-worker"):
        system.processes[worker].stop()
    assert sorted(system.restart_exited()) == ["fees-worker", "points-worker"]
    system.wait_healthy()
    for gauge in (
        f'linli_fees_collection_ratio{{tenant="{TENANT}", compound="jinjiang"}} > 0',
        f'linli_fees_arrears_fen{{tenant="{TENANT}", compound="jinjiang"}}',
        f'linli_points_outstanding{{tenant="{TENANT}"}} > 0',
    ):
        wait_until(lambda g=gauge: prometheus.query(g), 90, f"the restarted worker's {gauge}", interval=0.5)
    ask_the_gateway(system)  # recent requests for the gateway's rate panels
    await_scraped(prometheus, system, "gateway", "linli_http_requests_total", area="open311", code="200")
    return loop


# -- the assertions ----------------------------------------------------------------------------
def test_every_process_is_up_and_every_service_answered_rpcs(system, prometheus, traffic):
    up = {
        (r["metric"]["service"], r["metric"]["component"]): r["value"][1]
        for r in prometheus.query('up{job=~"linli-.*"}')
    }
    expected = {(s, c) for s in SERVICES for c in ("api", "worker")} | {("gateway", "gateway")}
    assert set(up) == expected and set(up.values()) == {"1"}, up
    handled = prometheus.query("sum by (service, grpc_service) (grpc_server_handled_total)")
    assert {r["metric"]["service"] for r in handled} == set(SERVICES)
    for service in SERVICES:
        assert any(r["metric"]["grpc_service"].startswith(f"linli.{service}.") for r in handled), service


def test_the_domain_metrics_carry_the_districts_tenant(prometheus, traffic):
    firm = f'tenant="{TENANT}", provider_kind="property_firm"'
    for expr in (
        f'linli_tickets_reported_total{{tenant="{TENANT}", category="lighting", channel="app"}}',
        *(
            f'linli_tickets_transitions_total{{{firm}, action="{action}"}}'
            for action in ("dispatched", "accepted", "completed", "verified", "rated", "closed")
        ),
        f"linli_tickets_time_to_accept_seconds_count{{{firm}}}",
        f"linli_tickets_time_to_complete_seconds_count{{{firm}}}",
        f"linli_tickets_ratings_count{{{firm}}}",
        f'linli_notifications_created_total{{tenant="{TENANT}", source="TicketDispatched"}}',
        f'linli_notifications_webhook_deliveries_total{{tenant="{TENANT}", outcome="delivered"}}',
        f'linli_notifications_webhook_seconds_count{{tenant="{TENANT}"}}',
        f'linli_events_published_total{{tenant="{TENANT}", topic="tickets.ticket.v1", service="tickets"}}',
        f'linli_events_consumed_total{{tenant="{TENANT}", consumer="notifications-tickets", outcome="ok"}}',
        f'linli_points_credited_total{{tenant="{TENANT}", rule="grant"}}',
        f'linli_tickets_sla_alarms_total{{tenant="{TENANT}", level=~"warning|breach", category="other"}}',
        f'linli_fees_bills_issued_total{{tenant="{TENANT}", compound="jinjiang"}}',
        f'linli_fees_billed_fen_total{{tenant="{TENANT}", compound="jinjiang"}}',
        f'linli_fees_received_fen_total{{tenant="{TENANT}", compound="jinjiang"}}',
    ):
        assert prometheus.value(f"sum({expr})") >= 2, expr
    # the gauges of the kit: every worker that relays an outbox reports it (notifications keeps none)
    relaying = set(SERVICES) - {"notifications"}
    assert {r["metric"]["service"] for r in prometheus.query("linli_outbox_backlog")} == relaying
    ages = prometheus.query("linli_outbox_oldest_pending_age_seconds")
    assert {r["metric"]["service"] for r in ages} == relaying
    lagging = {r["metric"]["consumer"] for r in prometheus.query("linli_consumer_lag")}
    assert {"notifications-tickets", "tickets-compounds"} <= lagging
    assert prometheus.value(f'tenant:tickets_sla_breaches:ratio_rate1h{{tenant="{TENANT}"}}') > 0
    # the average of the two ratings (5 and 4) as the district dashboard computes it
    district = f'tenant="{TENANT}"'
    ratings = prometheus.value(
        f"sum(increase(linli_tickets_ratings_sum{{{district}}}[15m]))"
        f" / sum(increase(linli_tickets_ratings_count{{{district}}}[15m]))"
    )
    assert 1 <= ratings <= 5


def _dashboards() -> list[dict]:
    return [json.loads(path.read_text()) for path in sorted(DASHBOARDS.glob("*.json"))]


def substitute(expr: str) -> str:
    """Grafana's variables as a district leader's view sets them (all services, this district)."""
    return (
        expr.replace("$tenant", TENANT)
        .replace("$service", ".*")
        .replace("$__rate_interval", "2m")
        .replace("$__range", "15m")
    )


def test_every_dashboard_panel_returns_series_with_a_value(prometheus, traffic):
    empty = []
    panels = 0
    for dashboard in _dashboards():
        for panel in dashboard["panels"]:
            for target in panel.get("targets", []):
                panels += 1
                expr = substitute(target["expr"])

                def answered(expr=expr) -> bool:
                    values = [float(r["value"][1]) for r in prometheus.query(expr)]
                    return any(math.isfinite(v) for v in values)

                try:
                    wait_until(answered, 30, expr, interval=1)
                except AssertionError:
                    empty.append(f"{dashboard['uid']} / {panel['title']}: {expr}")
    assert panels > 30
    assert not empty, "panels without data:\n" + "\n".join(empty)


def test_the_dashboards_variables_offer_the_district_and_the_services(prometheus, traffic):
    for dashboard in _dashboards():
        for variable in dashboard["templating"]["list"]:
            metric, label = re.fullmatch(r"label_values\((.+), (\w+)\)", variable["query"]["query"]).groups()
            values = prometheus.get(f"/api/v1/label/{label}/values", **{"match[]": metric})
            wanted = {TENANT} if label == "tenant" else set(SERVICES) | {"gateway"}
            assert wanted <= set(values), (dashboard["uid"], label, values)


def test_every_label_is_allowed_and_no_value_is_an_id(prometheus, traffic):
    series = prometheus.get("/api/v1/series", **{"match[]": ['{__name__=~"linli_.+|grpc_server_.+"}']})
    assert len(series) > 100
    allowed = LABELS | SCRAPE_LABELS
    tenants = traffic.tenants()
    for labels in series:
        name = labels["__name__"]
        assert set(labels) <= allowed, (name, set(labels) - allowed)
        for key, value in labels.items():
            if key in ONBOARDED:
                continue
            if key not in NUMERIC_OR_CODE and key != "__name__":
                assert not LOOKS_LIKE_AN_ID.search(value), f"{name}{{{key}={value!r}}} looks like an id"
        if "tenant" in labels:
            assert labels["tenant"] in tenants | {"unknown"}, (name, labels["tenant"])
        if name.startswith("linli_") and not name.startswith(
            ("linli_outbox_", "linli_consumer_", "linli_http_")
        ):
            assert "tenant" in labels, f"{name} has no tenant label"


def test_no_alert_fires_on_a_healthy_system(prometheus, traffic):
    firing = [a for a in prometheus.get("/api/v1/alerts")["alerts"] if a["state"] == "firing"]
    assert firing == [], firing
    groups = prometheus.get("/api/v1/rules")["groups"]
    broken = [r["name"] for g in groups for r in g["rules"] if r.get("health") != "ok"]
    assert {g["name"] for g in groups} >= {"linli-red", "linli-districts", "linli-grpc", "linli-events"}
    assert broken == [], broken
