"""`linli onboard FILE.yaml [--households FILE.csv] [--dry-run]`: bulk import of a district over gRPC.

Idempotent by natural keys: every record is upserted, so a second run changes nothing and a run
killed half way is finished by running it again. Households go in batches through
ImportHouseholds, several batches in flight; each row is judged on its own and every rejected
row is reported with its line number and reason.
"""

from __future__ import annotations

import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import grpc
import jwt
import typer
from linli.communities.v1 import communities_pb2 as pb
from linli.communities.v1 import communities_pb2_grpc as pb_grpc
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from linli_cli.onboard_files import OnboardingFile, Rejected, Row, load_yaml, read_households
from linli_cli.onboard_report import Report, print_report

TENURES = {"owner": pb.TENURE_OWNER, "renter": pb.TENURE_RENTER, "": pb.TENURE_UNSPECIFIED}
KINDS = {
    "committee": pb.ORGANISATION_KIND_COMMITTEE,
    "council": pb.ORGANISATION_KIND_COUNCIL,
    "self_management_team": pb.ORGANISATION_KIND_SELF_MANAGEMENT_TEAM,
    "cooperative": pb.ORGANISATION_KIND_COOPERATIVE,
    "volunteer_team": pb.ORGANISATION_KIND_VOLUNTEER_TEAM,
}
POSITIONS = {
    "chair": pb.MEMBER_POSITION_CHAIR,
    "vice_chair": pb.MEMBER_POSITION_VICE_CHAIR,
    "member": pb.MEMBER_POSITION_MEMBER,
}
OUTCOMES = {
    pb.ROW_OUTCOME_CREATED: "新增",
    pb.ROW_OUTCOME_UPDATED: "更新",
    pb.ROW_OUTCOME_UNCHANGED: "未变",
    pb.ROW_OUTCOME_REJECTED: "拒绝",
}


class Onboarding:
    def __init__(self, address: str, token: str, batch_size: int = 1000, parallel: int = 2):
        self.channel = grpc.insecure_channel(address, options=[("grpc.max_send_message_length", 64 << 20)])
        self.stub = pb_grpc.CommunitiesServiceStub(self.channel)
        self.metadata = [("authorization", f"Bearer {token}")]
        self.batch_size, self.parallel = batch_size, parallel

    def close(self) -> None:
        self.channel.close()

    def _call(self, method, request):
        return method(request, metadata=self.metadata, timeout=120)

    def records(self, spec: OnboardingFile) -> int:
        """Upsert the hierarchy, firms, contracts and organisations in dependency order."""
        done, call, rid = 0, self._call, lambda: uuid.uuid4().hex
        for community in spec.communities:
            call(
                self.stub.UpsertCommunity,
                pb.UpsertCommunityRequest(
                    request_id=rid(), community_id=community.id, name=community.name, street=community.street
                ),
            )
            for compound in community.compounds:
                call(
                    self.stub.UpsertCompound,
                    pb.UpsertCompoundRequest(
                        request_id=rid(),
                        compound_id=compound.id,
                        name=compound.name,
                        community_id=community.id,
                        address=compound.address,
                    ),
                )
                for b in compound.buildings:
                    call(
                        self.stub.UpsertBuilding,
                        pb.UpsertBuildingRequest(
                            request_id=rid(),
                            compound_id=compound.id,
                            building_id=b.id,
                            name=b.name or f"{b.id}栋",
                            leader_subject=b.leader_subject,
                            leader_name=b.leader_name,
                        ),
                    )
                done += 1 + len(compound.buildings)
            done += 1
        for firm in spec.property_firms:
            call(
                self.stub.RegisterPropertyFirm,
                pb.RegisterPropertyFirmRequest(
                    request_id=rid(), org_id=firm.id, name=firm.name, contact=firm.contact
                ),
            )
            for c in firm.contracts:
                call(
                    self.stub.UpsertPropertyContract,
                    pb.UpsertPropertyContractRequest(
                        request_id=rid(),
                        org_id=firm.id,
                        compound_id=c.compound,
                        services=c.services,
                        starts_on=c.starts_on,
                        ends_on=c.ends_on,
                        contact=c.contact,
                        active=c.active,
                    ),
                )
            done += 1 + len(firm.contracts)
        for org in spec.organisations:
            members = [
                pb.Member(
                    subject=m.subject,
                    name=m.name,
                    position=POSITIONS[m.position],
                    party_member=m.party_member,
                    title=m.title,
                )
                for m in org.members
            ]
            call(
                self.stub.UpsertOrganisation,
                pb.UpsertOrganisationRequest(
                    request_id=rid(),
                    org_id=org.id,
                    kind=KINDS[org.kind],
                    name=org.name,
                    community_id=org.community,
                    compound_ids=org.compounds,
                    specialties=org.specialties,
                    members=members,
                ),
            )
            done += 1
        return done

    def households(
        self, rows: list[Row], dry_run: bool, planned: list[str], progress=None
    ) -> tuple[Counter, list[Rejected]]:
        batches = [rows[i : i + self.batch_size] for i in range(0, len(rows), self.batch_size)]

        def send(batch: list[Row]) -> list[pb.RowResult]:
            request = pb.ImportHouseholdsRequest(
                request_id=uuid.uuid4().hex,
                dry_run=dry_run,
                planned_buildings=planned if dry_run else [],
                rows=[
                    pb.HouseholdRow(
                        line=r.line,
                        compound_id=r.compound_id,
                        building_id=r.building_id,
                        household_id=r.household_id,
                        label=r.label,
                        area_centi_m2=r.area_centi_m2,
                        residents=[
                            pb.Resident(name=n, phone=p, tenure=TENURES.get(t, 0), subject=s)
                            for n, p, t, s in r.residents
                        ],
                    )
                    for r in batch
                ],
            )
            answer = self._call(self.stub.ImportHouseholds, request)
            if progress is not None:
                progress(len(batch))
            return Counter(r.outcome for r in answer.results), [
                Rejected(r.line, r.reason) for r in answer.results if r.outcome == pb.ROW_OUTCOME_REJECTED
            ]

        outcomes: Counter = Counter()
        rejected: list[Rejected] = []
        with ThreadPoolExecutor(max_workers=self.parallel) as pool:
            for counted, bad in pool.map(send, batches):  # only tallies are kept, not every row's answer
                outcomes.update(counted)
                rejected.extend(bad)
        return outcomes, rejected


def run(
    address: str,
    token: str,
    spec: OnboardingFile,
    csv_path: Path | None,
    dry_run: bool = False,
    console: Console | None = None,
    batch_size: int = 1000,
    parallel: int = 2,
) -> Report:
    """The whole onboarding; `console=None` runs quietly (demo loader, benchmark)."""
    token_district = _token_district(token)
    if token_district != spec.district.id:
        raise ValueError(
            f"令牌属于区 {token_district!r}，而文件导入的是区 {spec.district.id!r}：请使用该区管理员的令牌"
        )
    report = Report()
    rows: list[Row] = []
    if csv_path is not None:
        rows, report.rejected = read_households(csv_path)
    onboarding = Onboarding(address, token, batch_size, parallel)
    try:
        if not dry_run:
            report.records = onboarding.records(spec)
        if console is None:
            results = onboarding.households(rows, dry_run, spec.buildings())
        else:
            with Progress(
                TextColumn("导入住户"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=console,
            ) as bar:
                task = bar.add_task("households", total=len(rows))
                results = onboarding.households(
                    rows, dry_run, spec.buildings(), lambda n: bar.advance(task, n)
                )
    finally:
        onboarding.close()
    outcomes, rejected = results
    for outcome, n in outcomes.items():
        report.households[OUTCOMES[outcome]] += n
    report.rejected.extend(rejected)
    report.households["拒绝"] = len(report.rejected)
    report.rejected.sort(key=lambda r: r.line)
    return report


def _token_district(token: str) -> str:
    """The district a token names (read, not verified: the service verifies it on every call)."""
    try:
        return str(jwt.decode(token, options={"verify_signature": False}).get("tenant", ""))
    except jwt.PyJWTError as exc:
        raise ValueError("令牌无法解析：请检查 --token / LINLI_TOKEN") from exc


def onboard(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="区的导入文件 (YAML)"),
    households: Path | None = typer.Option(
        None,
        "--households",
        exists=True,
        dir_okay=False,
        help="住户 CSV（默认取 YAML 中 households 指定的文件）",
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="只检查，不写入"),
    token: str = typer.Option("", envvar="LINLI_TOKEN", help="区管理员令牌 (或环境变量 LINLI_TOKEN)"),
    address: str = typer.Option(
        "127.0.0.1:50051", envvar="LINLI_COMMUNITIES_ADDRESS", help="社区服务 gRPC 地址"
    ),
    batch_size: int = typer.Option(1000, min=1, max=2000, help="每批住户行数"),
    parallel: int = typer.Option(2, min=1, max=16, help="同时发送的批数"),
) -> None:
    console = Console()
    if not token:
        console.print("[red]缺少令牌：请用 --token 或环境变量 LINLI_TOKEN 提供区管理员令牌。[/red]")
        raise typer.Exit(2)
    try:
        spec = load_yaml(file)
    except ValueError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    csv_path = households or (file.parent / spec.households if spec.households else None)
    try:
        report = run(address, token, spec, csv_path, dry_run, console, batch_size, parallel)
    except grpc.RpcError as err:
        console.print(
            f"[red]导入中止（{err.code().name}）：{err.details()}。已写入的记录保留，重新运行即可续传。[/red]"
        )
        raise typer.Exit(1) from err
    except ValueError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    print_report(console, spec, report, dry_run)
    raise typer.Exit(1 if report.rejected else 0)
