"""How the service-desk fee commands print: a household's account, a receipt, a prepay quote and a
refund or reversal — amounts in 元 with two decimals, bills by period and item, times in the
district's zone (as the API answers them: `at_local`)."""

from __future__ import annotations

from collections.abc import Iterable

from linli.fees.v1 import fees_pb2 as pb
from rich.table import Table
from rich.text import Text

from linli_cli import output
from linli_cli.output import yuan

KINDS = {
    "payment": "缴费",
    "prepay": "预缴",
    "refund": "退款",
    "reversal": "冲正",
    "prepaid_applied": "预存抵扣",
}
STATUSES = {"posted": "已入账", "pending": "待批准"}
METHODS = {"cash": "现金", "transfer": "转账", "external": "线上支付"}
MONEY_OUT = ("refund", "reversal")
STAFF_NAMES = {"billing-run": "计费批次"}
SPELLED_OUT = 3  # allocations listed one by one in an account's entry


def bill_name(bill: pb.Bill) -> str:
    return f"{bill.period_label or bill.period} {bill.item_name or bill.item}"


def period_label(period: str) -> str:
    """2026-01 → 2026年1月, 2026-Q1 → 2026年第1季度, 2026 → 2026年 (for a bill not at hand)."""
    year, _, rest = period.partition("-")
    if not rest:
        return f"{year}年" if year.isdigit() else period
    if rest.startswith("Q"):
        return f"{year}年第{rest[1:]}季度"
    return f"{year}年{int(rest)}月" if rest.isdigit() else period


def _bills_table(title: str, bills: Iterable[pb.Bill], late_fees: bool = True) -> Table:
    table = Table(title=title)
    for column in ("账期", "项目", "金额", "已缴", "应缴", "到期日", "逾期"):
        table.add_column(column, justify="right" if column in ("金额", "已缴", "应缴") else "left")
    if late_fees:
        table.add_column("滞纳金（今日）", justify="right")
    table.add_column("账单编号（--bill）")
    for b in bills:
        row = [
            Text(b.period_label or b.period),
            Text(b.item_name or b.item),
            yuan(b.amount_fen),
            yuan(b.paid_fen),
            yuan(b.due_fen),
            b.due_on,
            "是" if b.overdue else "否",
        ]
        if late_fees:
            row.append(yuan(b.late_fee_fen))
        row.append(Text(b.bill_id))
        table.add_row(*row)
    return table


def _where(e: pb.AccountEntry, names: dict[str, str]) -> str:
    """Where an entry's money went: each bill, its 滞纳金, the prepaid balance."""
    parts = []
    if len(e.allocations) > SPELLED_OUT:  # a prepayment: its run of periods in one line
        first, last = e.allocations[0], e.allocations[-1]
        total = sum(a.amount_fen for a in e.allocations)
        parts.append(
            f"{period_label(first.period)} — {period_label(last.period)} "
            f"共 {len(e.allocations)} 期 {yuan(total)}"
        )
    else:
        for a in e.allocations:
            part = f"{names.get(a.bill_id, period_label(a.period))} {yuan(a.amount_fen)}"
            if a.late_fee_fen:
                part += f"（滞纳金 {yuan(a.late_fee_fen)}）"
            parts.append(part)
    if e.prepaid_fen:
        parts.append(f"预存 {'+' if e.prepaid_fen > 0 else ''}{yuan(e.prepaid_fen)}")
    return "；".join(parts)


def _status(e: pb.AccountEntry) -> str:
    if e.status == "pending":
        return "待批准"
    status = STATUSES.get(e.status, e.status)
    if e.approved_by:
        status += f"（{e.approved_by} 批准）"
    return status + ("，已冲正" if e.reversed else "")


def _note(e: pb.AccountEntry) -> str:
    parts = [METHODS.get(e.method, e.method)] if e.method else []
    if e.reference:
        parts.append(f"凭证 {e.reference}")
    if e.offer:
        parts.append(e.offer)
    if e.gift:
        parts.append(f"赠品：{e.gift}")
    if e.reason:
        parts.append(f"原因：{e.reason}")
    if e.reverses:
        parts.append(f"冲正 {e.reverses}")
    return "；".join(parts)


def entry_amount(e: pb.AccountEntry) -> str:
    return yuan(-e.amount_fen if e.kind in MONEY_OUT else e.amount_fen)


def entries_table(title: str, entries: Iterable[pb.AccountEntry], names: dict[str, str]) -> Table:
    table = Table(title=title)
    for column in ("时间", "收据号", "类型", "金额", "去向", "方式与说明", "经办", "状态", "编号（--entry）"):
        table.add_column(column, justify="right" if column == "金额" else "left")
    for e in entries:
        table.add_row(
            e.at_local,
            Text(e.receipt_no or "—"),
            KINDS.get(e.kind, e.kind),
            entry_amount(e),
            Text(_where(e, names)),
            Text(_note(e)),
            Text(STAFF_NAMES.get(e.recorded_by, e.recorded_by)),
            _status(e),
            Text(e.entry_id),
        )
    return table


def print_account(account: pb.Account, compound_name: str, recent: int) -> None:
    console = output.console
    open_bills = list(account.open_bills)  # each with its 滞纳金 as of today
    who = f"{compound_name} {account.household_label or account.household_id}"
    if open_bills:
        console.print(_bills_table(f"{who} 未缴账单（{len(open_bills)} 张）", open_bills))
    else:
        console.print(Text(f"{who} 没有未缴账单。"))
    late_today = sum(b.late_fee_fen for b in open_bills)
    summary = Table(title=f"{who} 账户", show_header=False)
    summary.add_column("项")
    summary.add_column("金额", justify="right")
    summary.add_row("应缴合计", yuan(account.due_fen))
    summary.add_row("其中欠费（已过到期日）", yuan(account.arrears_fen))
    summary.add_row("今日结清另需滞纳金", yuan(late_today))
    summary.add_row("预存余额", yuan(account.prepaid_fen))
    summary.add_row("已收滞纳金（扣除冲正）", yuan(account.late_fees_fen))
    console.print(summary)
    names = {b.bill_id: bill_name(b) for b in open_bills}
    shown = list(account.entries)[:recent]  # the API lists them newest first
    if shown:
        title = f"最近 {len(shown)} 笔收付（共 {len(account.entries)} 笔）"
        console.print(entries_table(title, shown, names))
    elif not account.entries:
        console.print(Text("尚无收付记录。"))
    pending = [e for e in account.entries if e.status == "pending"]
    for e in pending:
        console.print(
            Text(
                f"待批准：{KINDS.get(e.kind, e.kind)} {yuan(e.amount_fen)}"
                f"（{e.recorded_by} 申请，编号 {e.entry_id}）"
                f"——须由另一位工作人员运行 linli fees approve --compound {account.compound_id} "
                f"--household {account.household_id} --entry {e.entry_id}",
                style="yellow",
            )
        )


def print_receipt(receipt: pb.Receipt, compound_name: str) -> None:
    console = output.console
    e = receipt.entry
    who = f"{compound_name} {receipt.household_label or receipt.household_id}"
    heading = "预缴收据" if e.kind == "prepay" else "收据"
    console.print(Text(f"✓ {heading} {receipt.receipt_no}：{who}", style="green bold"))
    line = f"收款 {yuan(e.amount_fen)}（{METHODS.get(e.method, e.method)}"
    line += f"，凭证 {e.reference}）" if e.reference else "）"
    console.print(Text(f"{line}  {e.at_local}  经办 {e.recorded_by}"))
    if e.offer:
        console.print(Text(f"优惠：{e.offer}" + (f"；赠品：{e.gift}（请当面交付）" if e.gift else "")))
    names = {b.bill_id: bill_name(b) for b in receipt.bills}
    if e.allocations:
        table = Table(title="本次缴纳")
        for column in ("账单", "缴纳", "滞纳金"):
            table.add_column(column, justify="left" if column == "账单" else "right")
        for a in e.allocations:
            name = names.get(a.bill_id, period_label(a.period))
            table.add_row(Text(name), yuan(a.amount_fen), yuan(a.late_fee_fen))
        console.print(table)
    console.print(Text(f"滞纳金合计 {yuan(e.late_fee_fen)}"))
    console.print(Text(f"转入预存 {yuan(e.prepaid_fen)}，预存余额 {yuan(receipt.prepaid_balance_fen)}"))
    if receipt.bills:
        console.print(_bills_table("缴费后的账单", receipt.bills, late_fees=False))


def print_quote(quote: pb.PrepayQuote, compound_name: str) -> None:
    console = output.console
    label = next((b.household_label for b in quote.bills if b.household_label), quote.household_id)
    table = Table(title=f"{compound_name} {label} 预缴报价", show_header=False)
    table.add_column("项")
    table.add_column("值", justify="right")
    periods = [b.period_label or b.period for b in quote.bills] or list(quote.periods)
    table.add_row("优惠", Text(quote.offer or "无（按原价）"))
    table.add_row("账期", Text(f"{periods[0]} — {periods[-1]}（{len(periods)} 期）" if periods else "—"))
    table.add_row("月数", f"{quote.months} 个月（其中免缴 {quote.free_months} 个月）")
    table.add_row("原价", yuan(quote.gross_fen))
    table.add_row("减免", yuan(quote.waived_fen))
    table.add_row("应付", Text(yuan(quote.amount_fen), style="bold"))
    table.add_row("赠品", Text(quote.gift or "—"))
    console.print(table)
    bills = Table(title="将开具的账单")
    for column in ("账期", "项目", "金额", "明细"):
        bills.add_column(column, justify="right" if column == "金额" else "left")
    for b in quote.bills:
        bills.add_row(
            Text(b.period_label or b.period),
            Text(b.item_name or b.item),
            yuan(b.amount_fen),
            Text("；".join(line.text for line in b.lines)),
        )
    console.print(bills)


def print_entry(e: pb.AccountEntry, who: str, compound: str, household: str) -> None:
    console = output.console
    kind = KINDS.get(e.kind, e.kind)
    if e.status == "pending":
        console.print(
            Text(
                f"✓ 已提交{kind}申请：{who} {yuan(e.amount_fen)}（{e.recorded_by} 申请，待批准）",
                style="green",
            )
        )
        console.print(Text(f"  编号 {e.entry_id}；原因：{e.reason}"))
        console.print(
            Text(
                "  须由另一位社区工作人员批准后才入账：\n"
                f"  linli fees approve --compound {compound} --household {household} --entry {e.entry_id}"
            )
        )
        return
    console.print(Text(f"✓ {kind}已入账：{who} {entry_amount(e)}  收据 {e.receipt_no}", style="green"))
    console.print(Text(f"  {e.recorded_by} 于 {e.at_local} 申请，{e.approved_by} 批准；原因：{e.reason}"))
    where = _where(e, {})
    if where:
        console.print(Text(f"  {where}"))
