"""Demo districts from the seeds (deploy/demo/*.yaml + *.csv), loaded through `linli onboard`'s own path.

The platform operator creates each district; its district administrator then onboards the file
with the same code (and the same gRPC calls) an administrator's `linli onboard` uses.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path

import grpc
import pymongo
from linli.common.v1.common_pb2 import PageRequest
from linli.communities.v1 import communities_pb2 as pb
from linli.communities.v1 import communities_pb2_grpc as pb_grpc
from linli.tickets.v1 import tickets_pb2 as tickets_pb
from linli.tickets.v1 import tickets_pb2_grpc as tickets_grpc
from linli_platform.auth import ROLES, Principal, issue_token
from linli_platform.testing.launchers import wait_until

from linli_cli import demo_fees, demo_fees_ledger, demo_governance, demo_points, onboard
from linli_cli.onboard_files import load_yaml
from linli_cli.rpc import bearer

DEMO_DIR = Path(os.environ.get("LINLI_DEMO_DIR", Path(__file__).resolve().parents[3] / "deploy" / "demo"))
DEMO_FILES = ("hanyang.yaml", "xingshan.yaml", "longtan.yaml", "donghu.yaml")
# The property firm a district's demo `property_firm` token acts for (世茂 serves 金江公寓 in 汉阳区).
DEMO_FIRMS = {"hanyang": "shimao", "xingshan": "huixing", "donghu": "litian"}


def tokens_for(secret: str, tenant: str, ttl: int) -> dict[str, str]:
    org = {"property_firm": DEMO_FIRMS.get(tenant, "shimao")}
    return {
        role: issue_token(
            secret,
            Principal(tenant=tenant, role=role, subject=f"{role}@{tenant}", org=org.get(role, "")),
            ttl,
        )
        for role in ROLES
        if role != "platform_admin"
    }


def load(
    address: str,
    secret: str,
    ttl: int = 7 * 24 * 3600,
    files: tuple[str, ...] = DEMO_FILES,
    household_limit: int | None = None,
    fees_address: str | None = None,
    points_address: str | None = None,
) -> list[dict]:
    """Create and onboard the demo districts (idempotent) and return them with a token per role.

    With `fees_address`, also the fees ledger's demo data (demo_fees_ledger: seed 001's statement,
    seed 003's maintenance-fund application) and fee billing (demo_fees: bills, payments, a prepayment).

    `household_limit` onboards only the first N households of each district's CSV (the tests' system:
    every household travels as an event to every service keeping copies, and the full ~11 000 make
    the Python Mongo-wire server the bottleneck of a test run); `linli dev` loads them all.
    """
    platform = issue_token(
        secret, Principal(tenant="platform", role="platform_admin", subject="linli-dev"), ttl
    )
    out = []
    with grpc.insecure_channel(address) as channel:
        stub = pb_grpc.CommunitiesServiceStub(channel)
        for name in files:
            path = DEMO_DIR / name
            spec = load_yaml(path)
            district = spec.district
            _ignore_exists(
                lambda d=district: stub.CreateTenant(
                    pb.CreateTenantRequest(
                        request_id=f"demo-{d.id}-{uuid.uuid4().hex[:6]}", tenant_id=d.id, name=d.name
                    ),
                    metadata=bearer(platform),
                    timeout=10,
                )
            )
            tokens = tokens_for(secret, district.id, ttl)
            csv_path = path.parent / spec.households if spec.households else None
            if csv_path is not None and household_limit is not None:
                csv_path = _first_rows(csv_path, household_limit)
            report = onboard.run(address, tokens["district_admin"], spec, csv_path)
            if report.rejected:
                first = report.rejected[0]
                raise RuntimeError(
                    f"{name}: {len(report.rejected)} 行被拒绝，例如第 {first.line} 行：{first.reason}"
                )
            if not report.ok:
                raise RuntimeError(f"{name}: 导入未通过检查：{report.problems or report.removals}")
            compounds = [c.id for community in spec.communities for c in community.compounds]
            households = _rows(csv_path) if csv_path is not None else 0
            out.append(
                {
                    "id": district.id,
                    "name": district.name,
                    "tokens": tokens,
                    "compounds": compounds,
                    "households": households,
                }
            )
    demo_governance.apply_all(address, out, DEMO_DIR)  # governance configs, after the hierarchy
    load_books(address, out, fees_address, points_address)
    return out


def load_books(
    address: str, tenants: list[dict], fees_address: str | None, points_address: str | None
) -> None:
    """The fees and points demo data. It waits for those services' copies of the households (thousands
    of events), so `linli dev` runs it after its ready line rather than before."""
    if fees_address:
        demo_fees_ledger.load(fees_address, address, tenants)
        demo_fees.load(fees_address, tenants)  # seed 001's months billed and paid 40 % → 68 %, a prepaid year
    if points_address:  # seed 000's volunteers and some confirmed hours (demo_points)
        demo_points.load(points_address, tenants)


def _rows(csv_path: Path) -> int:
    return max(0, len(csv_path.read_bytes().splitlines()) - 1)


def unknown_compounds(tickets_address: str, tenants: list[dict]) -> list[str]:
    """Demo compounds the tickets service has no local copy of yet (`tenant/compound`): reports there
    would answer NOT_FOUND. Asked read-only, through ListMenu, which checks the compound's copy."""
    missing = []
    with grpc.insecure_channel(tickets_address) as channel:
        stub = tickets_grpc.TicketsServiceStub(channel)
        for tenant in tenants:
            staff = bearer(tenant["tokens"]["community_staff"])
            for compound in tenant.get("compounds", []):
                request = tickets_pb.ListMenuRequest(compound_id=compound, page=PageRequest(page_size=1))
                try:
                    stub.ListMenu(request, metadata=staff, timeout=10)
                except grpc.RpcError as err:
                    if err.code() != grpc.StatusCode.NOT_FOUND:
                        raise
                    missing.append(f"{tenant['id']}/{compound}")
    return missing


def wait_known(tickets_address: str, tenants: list[dict], timeout: float) -> None:
    """Until tickets knows every demo compound (their events reach it right after onboarding)."""
    missing: list[str] = []

    def known() -> bool:
        missing[:] = unknown_compounds(tickets_address, tenants)
        return not missing

    try:
        wait_until(known, timeout, "the tickets service to know every demo compound", interval=0.5)
    except AssertionError as exc:
        raise RuntimeError(f"{timeout:g} 秒后票务服务仍不知道这些演示小区：{', '.join(missing)}") from exc


def households_arrived(mongo_uri: str, tenants: list[dict]) -> int:
    """How many demo households the notifications service's roster copy holds (announcements reach
    these). The dev runner, not a service, peeks at the database it started: read-only, a count."""
    client = pymongo.MongoClient(mongo_uri, serverSelectionTimeoutMS=5000)
    try:
        households = client["linli_notifications"]["roster_households"]
        return households.count_documents({"tenant_id": {"$in": [t["id"] for t in tenants]}})
    finally:
        client.close()


def _first_rows(csv_path: Path, limit: int) -> Path:
    """A copy of the CSV with its header and first `limit` rows (same content, so re-loads are no-ops)."""
    lines = csv_path.read_bytes().splitlines(keepends=True)
    target = Path(tempfile.gettempdir()) / f"linli-demo-{limit}-{csv_path.name}"
    target.write_bytes(b"".join(lines[: limit + 1]))
    return target


def _ignore_exists(call) -> None:
    try:
        call()
    except grpc.RpcError as err:
        if err.code() != grpc.StatusCode.ALREADY_EXISTS:
            raise
