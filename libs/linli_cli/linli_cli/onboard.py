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

Here: the two steps and the command. The file is read and checked by onboard_files, turned into the
API's requests by onboard_request, sent by onboard_client, and printed by onboard_report.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import grpc
import jwt
import typer
from linli.communities.v1 import communities_pb2 as pb
from linli_platform.messages_zh import translate
from linli_platform.status import field_violations
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from linli_cli import output
from linli_cli.onboard_client import KEPT_CHANGES, DistrictMissing, Onboarding
from linli_cli.onboard_files import OnboardingFile, Rejected, Row, load_yaml, read_households
from linli_cli.onboard_report import Change, Problem, Report, print_report
from linli_cli.onboard_request import archive_rows, file_path, nearest_line, records_request

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


class Interrupted(RuntimeError):
    """The apply step stopped part way (the judge step had passed): run the same command again."""

    def __init__(self, err: grpc.RpcError, report: Report):
        super().__init__(output.describe(err))
        self.err, self.report = err, report


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
        problems.append(Problem(at, nearest_line(spec, at), translate(why)))
    return problems


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
