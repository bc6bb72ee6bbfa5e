"""What `linli onboard` reports: per kind new / changed / unchanged / archived, the field-level changes,
what would be removed, and every problem by its place in the files (path and line)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rich.console import Console
from rich.table import Table
from rich.text import Text

from linli_cli.onboard_files import OnboardingFile, Rejected

KINDS = {
    "community": "社区",
    "compound": "小区",
    "building": "楼栋",
    "property_firm": "物业企业",
    "contract": "物业合同",
    "organisation": "组织",
}
OUTCOMES = ("新增", "更新", "未变", "归档")
FIELDS = {
    "name": "名称",
    "street": "街道",
    "address": "地址",
    "community_id": "所属社区",
    "leader_name": "楼栋长",
    "leader_subject": "楼栋长账号",
    "archived": "已归档",
    "services": "服务类别",
    "starts_on": "开始日期",
    "ends_on": "结束日期",
    "contact": "联系方式",
    "active": "有效",
    "kind": "类型",
    "compound_ids": "小区",
    "specialties": "专长",
    "members": "成员",
    "building_id": "楼栋",
    "label": "门牌",
    "area_centi_m2": "面积（m²）",
    "residents": "住户",
}
SHOWN_CHANGES = 50


@dataclass
class Change:
    kind: str
    key: str
    outcome: str
    fields: list[tuple[str, str, str]]  # (field, before, after)
    removes: str = ""
    where: str = ""  # the place in the file


@dataclass
class Problem:
    where: str  # path in the YAML
    line: int | None
    reason: str


@dataclass
class Report:
    dry_run: bool = False
    allow_removals: bool = False
    records: defaultdict = field(default_factory=lambda: defaultdict(Counter))  # kind → outcome → n
    changes: list[Change] = field(default_factory=list)
    households: Counter = field(default_factory=Counter)  # outcome name → rows
    household_changes: list[Change] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)  # household rows (CSV line) refused
    problems: list[Problem] = field(default_factory=list)  # records refused (YAML path and line)
    applied: bool = False

    @property
    def removals(self) -> list[Change]:
        return [c for c in (*self.changes, *self.household_changes) if c.removes]

    @property
    def refused_removals(self) -> bool:
        return bool(self.removals) and not self.allow_removals

    @property
    def blocked(self) -> bool:
        """The judge step found a reason not to write anything."""
        return bool(self.problems or self.rejected or self.refused_removals)

    @property
    def ok(self) -> bool:
        return not self.blocked and (self.dry_run or self.applied)


def print_report(console: Console, spec: OnboardingFile, report: Report) -> None:
    district = f"{spec.district.name}（{spec.district.id}）"
    if report.blocked:
        title = f"{district}：检查未通过，什么也没有写入"
    elif report.dry_run:
        title = f"{district}（试运行，未写入）：将要发生的变化"
    elif report.applied and not report.changes and not (set(report.households) - {"未变"}):
        title = f"{district}：与系统中的记录相同，没有写入任何内容"
    elif report.applied:
        title = f"{district}：已导入"
    else:
        title = f"{district}：导入未完成"
    console.print(Text(title, style="bold"))
    console.print(_counts(report))
    _print_changes(console, report)
    if report.removals:
        style = "red" if report.refused_removals else "yellow"
        console.print(Text(f"将删除的数据（{len(report.removals)}）：", style=style))
        for change in report.removals:
            console.print(Text(f"  • {KINDS.get(change.kind, '住户')} {change.key}：{change.removes}"))
        if report.refused_removals:
            console.print(Text("  需要确认：核对无误后加 --allow-removals 重新运行。", style=style))
    if report.problems:
        table = Table(title=f"文件中的问题（{len(report.problems)}）")
        table.add_column("位置")
        table.add_column("行", justify="right")
        table.add_column("问题")
        for p in report.problems:
            table.add_row(Text(p.where), str(p.line or ""), Text(p.reason))
        console.print(table)
    if report.rejected:
        table = Table(title=f"住户 CSV 中被拒绝的行（{len(report.rejected)}）")
        table.add_column("行号", justify="right")
        table.add_column("原因")
        for bad in report.rejected:
            table.add_row(str(bad.line), Text(bad.reason))
        console.print(table)


def _counts(report: Report) -> Table:
    table = Table(show_edge=False)
    table.add_column("类别")
    for outcome in OUTCOMES:
        table.add_column(outcome, justify="right")
    table.add_column("拒绝", justify="right")
    for kind, name in KINDS.items():
        counted = report.records.get(kind, Counter())
        table.add_row(name, *(str(counted[o]) for o in OUTCOMES), "")
    counted = report.households
    table.add_row("住户", *(str(counted[o]) for o in OUTCOMES), str(len(report.rejected)))
    return table


def _print_changes(console: Console, report: Report) -> None:
    changes = [c for c in report.changes if c.outcome != "新增"] + report.household_changes
    if not changes:
        return
    console.print(Text("变化明细：", style="bold"))
    for change in changes[:SHOWN_CHANGES]:
        what = f"{KINDS.get(change.kind, '住户')} {change.key}（{change.outcome}）"
        fields = "；".join(
            f"{f}: {before or '（空）'} → {after or '（空）'}" for f, before, after in change.fields
        )
        console.print(Text(f"  • {what}" + (f"：{fields}" if fields else "")))
    if len(changes) > SHOWN_CHANGES:
        console.print(Text(f"  …… 另有 {len(changes) - SHOWN_CHANGES} 条"))


def _value(field: str, text: str) -> str:
    if field == "area_centi_m2" and text.isdigit():
        return f"{int(text) / 100:.2f}"
    return text or "（空）"
