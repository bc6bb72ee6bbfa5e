"""What `linli onboard` reports: counts per outcome and every rejected line with its reason."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rich.console import Console
from rich.table import Table

from linli_cli.onboard_files import OnboardingFile, Rejected


@dataclass
class Report:
    records: int = 0  # communities, compounds, buildings, firms, contracts, organisations synced
    households: Counter = field(default_factory=Counter)  # outcome name → rows
    rejected: list[Rejected] = field(default_factory=list)


def print_report(console: Console, spec: OnboardingFile, report: Report, dry_run: bool) -> None:
    mode = "（试运行，未写入）" if dry_run else ""
    counts = "，".join(f"{name} {report.households[name]}" for name in ("新增", "更新", "未变", "拒绝"))
    console.print(
        f"{spec.district.name}（{spec.district.id}）{mode}："
        f"组织与楼栋等记录 {report.records} 条；住户 {counts}"
    )
    if report.rejected:
        table = Table(title=f"被拒绝的行（{len(report.rejected)}）")
        table.add_column("行号", justify="right")
        table.add_column("原因")
        for bad in report.rejected:
            table.add_row(str(bad.line), bad.reason)
        console.print(table)
