"""`linli onboard FILE.yaml [--households FILE.csv] [--dry-run] [--allow-removals]`: a district over gRPC.

All or nothing, in two steps:
1. judge: the YAML (types, unknown keys, duplicates: every problem with its path and line) and every
   CSV row are read first; then the server judges every record (ApplyOnboarding, dry run) and every
   household (ImportHouseholds, dry run) against the file and what it stores — references, rules,
   duplicates — and answers what would be new, changed (field by field), unchanged or archived.
   Any problem, or a removal (an archive, a dropped login link) without --allow-removals, stops here
   and nothing has been written. A dry run stops here too.
2. apply: the records (one ApplyOnboarding, judged again by the server and written only if all pass),
   then the households in batches, several in flight. Every write is an upsert keyed by the file's
   ids, so a run cut off at any point is finished by running the same command again, and a second
   run of a finished file changes nothing.

A field the YAML leaves out keeps its stored value; `null` clears it (deploy/demo/README.md).
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
from linli_platform.messages_zh import translate
from linli_platform.status import field_violations
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from linli_cli import output
from linli_cli.onboard_files import OnboardingFile, Rejected, Row, load_yaml, read_households
from linli_cli.onboard_report import Change, Problem, Report, print_report

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
    pb.ROW_OUTCOME_ARCHIVED: "归档",
    pb.ROW_OUTCOME_REJECTED: "拒绝",
}
CHANGES = {
    pb.RECORD_CHANGE_KIND_CREATED: "新增",
    pb.RECORD_CHANGE_KIND_UPDATED: "更新",
    pb.RECORD_CHANGE_KIND_UNCHANGED: "未变",
    pb.RECORD_CHANGE_KIND_ARCHIVED: "归档",
}
KEPT_CHANGES = 20  # household rows whose field changes a report keeps


class DistrictMissing(ValueError):
    """The file's district is not a tenant of this deployment."""


class Interrupted(RuntimeError):
    """The apply step stopped part way (the judge step had passed): run the same command again."""

    def __init__(self, err: grpc.RpcError, report: Report):
        super().__init__(output.describe(err))
        self.err, self.report = err, report


# -- the file as the request ------------------------------------------------------------------------
def records_request(spec: OnboardingFile) -> tuple[pb.ApplyOnboardingRequest, dict[str, str]]:
    """The file's records as one ApplyOnboarding request, and each request path → its file path."""
    request = pb.ApplyOnboardingRequest()
    where: dict[str, str] = {}

    def add(kind: str, message, at: str) -> None:
        repeated = getattr(request, kind)
        repeated.append(message)
        where[f"{kind}[{len(repeated) - 1}]"] = at

    for i, community in enumerate(spec.communities):
        at = f"communities[{i}]"
        add(
            "communities",
            pb.OnboardCommunity(community_id=community.id, **community.given("name", "street", "archived")),
            at,
        )
        for j, compound in enumerate(community.compounds):
            cat = f"{at}.compounds[{j}]"
            add(
                "compounds",
                pb.OnboardCompound(
                    compound_id=compound.id,
                    community_id=community.id,
                    **compound.given("name", "address", "archived"),
                ),
                cat,
            )
            for k, b in enumerate(compound.buildings):
                given = b.given("name", "leader_subject", "leader_name", "archived")
                building = pb.OnboardBuilding(compound_id=compound.id, building_id=b.id, **given)
                add("buildings", building, f"{cat}.buildings[{k}]")
    for i, firm in enumerate(spec.property_firms):
        at = f"property_firms[{i}]"
        add("property_firms", pb.OnboardFirm(org_id=firm.id, **firm.given("name", "contact")), at)
        for j, c in enumerate(firm.contracts):
            given = c.given("starts_on", "ends_on", "contact", "active")
            if c.archived:
                given["active"] = False
            contract = pb.OnboardContract(org_id=firm.id, compound_id=c.compound, **given)
            if "services" in c.model_fields_set:
                contract.services.values.extend(c.services or [])
            add("contracts", contract, f"{at}.contracts[{j}]")
    for i, org in enumerate(spec.organisations):
        given = org.given("name", "archived")
        if "community" in org.model_fields_set:
            given["community_id"] = org.community or ""
        message = pb.OnboardOrganisation(org_id=org.id, kind=KINDS[org.kind], **given)
        if "compounds" in org.model_fields_set:
            message.compound_ids.values.extend(org.compounds or [])
        if "specialties" in org.model_fields_set:
            message.specialties.values.extend(org.specialties or [])
        if "members" in org.model_fields_set:
            message.members.values.extend(
                pb.Member(
                    subject=m.subject,
                    name=m.name,
                    position=POSITIONS[m.position],
                    party_member=m.party_member,
                    title=m.title,
                )
                for m in org.members or []
            )
        add("organisations", message, f"organisations[{i}]")
    return request, where


def file_path(where: dict[str, str], request_path: str) -> str:
    """`buildings[3].name` → `communities[0].compounds[1].buildings[2].name` (the file's own path)."""
    head, dot, rest = request_path.partition(".")
    mapped = where.get(head)
    if mapped is None:
        return request_path
    if rest.startswith("compound_ids"):
        rest = rest.replace("compound_ids", "compounds", 1)
    elif rest == "community_id" and head.startswith("organisations"):
        rest = "community"
    elif rest == "compound_id" and head.startswith("contracts"):
        rest = "compound"
    elif rest in ("compound_id", "community_id", "org_id"):
        rest = ""  # given by the nesting: the record itself is the place
    return mapped + (f".{rest}" if rest else "")


def household_row(r: Row) -> pb.HouseholdRow:
    return pb.HouseholdRow(
        line=r.line,
        compound_id=r.compound_id,
        building_id=r.building_id,
        household_id=r.household_id,
        label=r.label,
        area_centi_m2=r.area_centi_m2,
        residents=[
            pb.Resident(name=n, phone=p, tenure=TENURES.get(t, 0), subject=s) for n, p, t, s in r.residents
        ],
        archive=r.archive,
    )


def archive_rows(spec: OnboardingFile) -> list[Row]:
    """The households the file archives, numbered -1, -2, … (their place is archive.households[i])."""
    rows = []
    for i, key in enumerate(spec.archive.households):
        compound, _, household = key.partition("/")
        rows.append(Row(-(i + 1), compound, "", household, "", 0, archive=True))
    return rows


# -- the server ---------------------------------------------------------------------------------------
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

    def check_district(self, spec: OnboardingFile) -> None:
        try:
            self._call(self.stub.GetTenant, pb.GetTenantRequest(tenant_id=spec.district.id))
        except grpc.RpcError as err:
            if err.code() != grpc.StatusCode.NOT_FOUND:
                raise
            d = spec.district
            raise DistrictMissing(
                f"区 {d.id}（{d.name}）尚未创建：请平台运维人员先用平台运维令牌运行 "
                f"`linli district create {d.id} {d.name}`，再用它打印的区管理员令牌导入本文件。"
            ) from err

    def records(
        self, request: pb.ApplyOnboardingRequest, dry_run: bool, allow_removals: bool
    ) -> pb.ApplyOnboardingResponse:
        request.request_id = uuid.uuid4().hex
        request.dry_run, request.allow_removals = dry_run, allow_removals
        return self._call(self.stub.ApplyOnboarding, request)

    def households(
        self,
        rows: list[Row],
        dry_run: bool,
        allow_removals: bool,
        spec: OnboardingFile,
        progress=None,
    ) -> tuple[Counter, list[pb.RowResult], set[int]]:
        """Every row judged (dry run) or written: the tallies, the rows worth reporting (rejected,
        removing, or updated with their field changes), and the lines of the unchanged rows."""
        batches = [rows[i : i + self.batch_size] for i in range(0, len(rows), self.batch_size)]
        planned = spec.buildings() if dry_run else []
        withdrawn = spec.buildings(archived=True) if dry_run else []

        def send(batch: list[Row]) -> tuple[Counter, list[pb.RowResult], list[int]]:
            # the messages are built per batch: 100 000 of them at once would double the peak memory
            request = pb.ImportHouseholdsRequest(
                request_id=uuid.uuid4().hex,
                dry_run=dry_run,
                allow_removals=allow_removals,
                planned_buildings=planned,
                archived_buildings=withdrawn,
                rows=[household_row(r) for r in batch],
            )
            answer = self._call(self.stub.ImportHouseholds, request)
            if progress is not None:
                progress(len(batch))
            notable = [r for r in answer.results if r.outcome == pb.ROW_OUTCOME_REJECTED or r.removes]
            changed = [r for r in answer.results if r.changes and not r.removes][:KEPT_CHANGES]
            kept = notable + changed  # a batch's first changed rows are enough to show
            same = [r.line for r in answer.results if r.outcome == pb.ROW_OUTCOME_UNCHANGED]
            return Counter(r.outcome for r in answer.results), kept, same

        outcomes: Counter = Counter()
        kept: list[pb.RowResult] = []
        unchanged: set[int] = set()
        with ThreadPoolExecutor(max_workers=self.parallel) as pool:
            for counted, worth, same in pool.map(send, batches):  # tallies and notable rows only
                outcomes.update(counted)
                kept.extend(worth)
                unchanged.update(same)
        return outcomes, kept, unchanged


# -- the two steps ------------------------------------------------------------------------------------
def _tally_records(report: Report, answer: pb.ApplyOnboardingResponse, where: dict[str, str]) -> None:
    report.records.clear()
    report.changes.clear()
    for record in answer.records:
        outcome = CHANGES.get(record.change, "未变")
        report.records[record.kind][outcome] += 1
        if record.change != pb.RECORD_CHANGE_KIND_UNCHANGED:
            report.changes.append(
                Change(
                    record.kind,
                    record.key,
                    outcome,
                    [(f.field, f.before, f.after) for f in record.fields],
                    record.removes,
                    file_path(where, record.path),
                )
            )


def _tally_households(
    report: Report, outcomes: Counter, kept: list[pb.RowResult], spec: OnboardingFile, rows: dict
) -> None:
    report.households = Counter({OUTCOMES[o]: n for o, n in outcomes.items() if o in OUTCOMES})
    report.household_changes.clear()
    for r in sorted(kept, key=lambda r: r.line):
        place = f"archive.households[{-r.line - 1}]" if r.line < 0 else ""
        line = spec.line(place) if place else r.line
        if r.outcome == pb.ROW_OUTCOME_REJECTED:
            report.rejected.append(Rejected(line or 0, r.reason if not place else f"{place}：{r.reason}"))
        elif r.removes or len(report.household_changes) < KEPT_CHANGES:
            fields = [(c.field, c.before, c.after) for c in r.changes]
            report.household_changes.append(
                Change(
                    "household",
                    _row_name(rows.get(r.line), r.line, place),
                    OUTCOMES[r.outcome],
                    fields,
                    r.removes,
                    place,
                )
            )


def _rows_of(rows: list[Row], lines: set[int]) -> dict[int, Row]:
    return {r.line: r for r in rows if r.line in lines}


def _row_name(row: Row | None, line: int, place: str) -> str:
    key = f"{row.compound_id}/{row.household_id}" if row is not None else ""
    return f"{key}（{place or f'第 {line} 行'}）" if key else place or f"第 {line} 行"


def _problems_of(err: grpc.RpcError, where: dict[str, str], spec: OnboardingFile) -> list[Problem]:
    violations = field_violations(err)
    if err.code() != grpc.StatusCode.INVALID_ARGUMENT or not violations:
        raise err
    problems = []
    for path, why in violations:
        at = file_path(where, path)
        problems.append(Problem(at, _nearest_line(spec, at), translate(why)))
    return problems


def _nearest_line(spec: OnboardingFile, path: str) -> int | None:
    while path:
        line = spec.line(path)
        if line:
            return line
        path = path.rsplit(".", 1)[0] if "." in path else path.rsplit("[", 1)[0] if "[" in path else ""
    return None


def run(
    address: str,
    token: str,
    spec: OnboardingFile,
    csv_path: Path | None,
    dry_run: bool = False,
    console: Console | None = None,
    batch_size: int = 1000,
    parallel: int = 2,
    allow_removals: bool = False,
) -> Report:
    """The whole onboarding; `console=None` runs quietly (demo loader, benchmark).

    Returns the report: `report.blocked` when the judge step found problems (nothing written),
    `report.applied` when the apply step finished. Raises Interrupted when the apply step stopped
    part way, DistrictMissing when the file's district is not a tenant.
    """
    token_district = _token_district(token)
    if token_district != spec.district.id:
        raise ValueError(
            f"令牌属于区 {token_district!r}，而文件导入的是区 {spec.district.id!r}：请使用该区管理员的令牌"
        )
    report = Report(dry_run=dry_run, allow_removals=allow_removals)
    rows: list[Row] = []
    if csv_path is not None:
        rows, report.rejected = read_households(csv_path)
    household_rows = rows + archive_rows(spec)
    request, where = records_request(spec)
    onboarding = Onboarding(address, token, batch_size, parallel)
    try:
        onboarding.check_district(spec)
        # 1. judge everything (removals allowed here, so the plan shows them; refused below)
        try:
            _tally_records(report, onboarding.records(_copy(request), True, True), where)
        except grpc.RpcError as err:
            report.problems.extend(_problems_of(err, where, spec))
        outcomes, kept, unchanged = _households(
            onboarding, household_rows, True, True, spec, console, "检查住户"
        )
        by_line = _rows_of(household_rows, {r.line for r in kept})
        _tally_households(report, outcomes, kept, spec, by_line)
        report.rejected.sort(key=lambda r: r.line)
        if report.blocked or dry_run:
            return report
        # 2. apply what changes (a file that changes nothing writes nothing at all)
        to_write = [r for r in household_rows if r.line not in unchanged]
        try:
            if report.changes:
                answer = onboarding.records(_copy(request), False, allow_removals)
                _tally_records(report, answer, where)
            outcomes, kept, _ = _households(
                onboarding, to_write, False, allow_removals, spec, console, "写入住户"
            )
        except grpc.RpcError as err:
            raise Interrupted(err, report) from err
        outcomes[pb.ROW_OUTCOME_UNCHANGED] += len(household_rows) - len(to_write)
        report.rejected.clear()
        _tally_households(report, outcomes, kept, spec, _rows_of(to_write, {r.line for r in kept}))
        report.applied = not report.rejected
    finally:
        onboarding.close()
    return report


def _copy(request: pb.ApplyOnboardingRequest) -> pb.ApplyOnboardingRequest:
    fresh = pb.ApplyOnboardingRequest()
    fresh.CopyFrom(request)
    return fresh


def _households(onboarding: Onboarding, rows, dry_run: bool, allow: bool, spec, console, label: str):
    if not rows:
        return Counter(), [], set()
    if console is None:
        return onboarding.households(rows, dry_run, allow, spec)
    with Progress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=console
    ) as bar:
        task = bar.add_task(label, total=len(rows))
        return onboarding.households(rows, dry_run, allow, spec, lambda n: bar.advance(task, n))


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
    dry_run: bool = typer.Option(False, "--dry-run", help="只检查并列出将要发生的变化，不写入"),
    allow_removals: bool = typer.Option(
        False, "--allow-removals", help="允许归档记录、终止合同、删除登录关联或组织成员"
    ),
    token: str = typer.Option("", envvar="LINLI_TOKEN", help="区管理员令牌 (或环境变量 LINLI_TOKEN)"),
    address: str = typer.Option(
        "127.0.0.1:50051", envvar="LINLI_COMMUNITIES_ADDR", help="社区服务 gRPC 地址 (LINLI_COMMUNITIES_ADDR)"
    ),
    batch_size: int = typer.Option(1000, min=1, max=2000, help="每批住户行数"),
    parallel: int = typer.Option(2, min=1, max=16, help="同时发送的批数"),
) -> None:
    console = output.console
    output.require_token(token, "区管理员令牌")
    try:
        spec = load_yaml(file)
    except ValueError as exc:
        output.fail(str(exc), output.REFUSED)
    csv_path = households or (file.parent / spec.households if spec.households else None)
    try:
        report = run(address, token, spec, csv_path, dry_run, console, batch_size, parallel, allow_removals)
    except Interrupted as stop:
        print_report(console, spec, stop.report)
        output.fail(
            f"导入未完成（{stop}）。已通过检查的记录可能已部分写入：请用同一命令重新运行，"
            "会从中断处补齐，已写入的不会重复。",
            output.RETRY,
        )
    except DistrictMissing as exc:
        output.fail(str(exc), output.REFUSED)
    except grpc.RpcError as err:
        output.rpc_failure(err, "导入未开始，什么也没有写入")
    except ValueError as exc:
        output.fail(str(exc), output.USAGE if "令牌" in str(exc) or "表头" in str(exc) else output.REFUSED)
    print_report(console, spec, report)
    raise typer.Exit(output.OK if report.ok else output.REFUSED)
