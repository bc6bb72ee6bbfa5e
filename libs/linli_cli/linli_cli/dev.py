"""`linli dev`: broker, database, every service and the gateway, demo data, a manifest; Ctrl-C stops all.

Ready means usable: the banner and `.linli/dev.json` come only once every service is healthy, the demo
districts are onboarded and the tickets service knows every demo compound (a report there would
otherwise answer NOT_FOUND). Households keep arriving at the services' copies after that; the banner
says how many have. The fees and points demo data (bills, the public ledger, the fund, volunteers'
points) wait for those services' household copies, so they load after the banner, which says when they
are in. The last line of the banner is `✓ linli 已就绪（N 秒）：<manifest>`; `.linli/dev.json`
is removed at start and written at that moment, so a script may wait for either.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import typer
from linli_platform.config import Settings
from linli_platform.testing.system import System
from rich.console import Console
from rich.table import Table

from linli_cli import demo

console = Console()
SUPERVISE_SECONDS = 2.0  # how often exited processes are looked for and started again


def dev(
    workdir: Path = typer.Option(Path(".linli"), help="数据目录 (git-ignored)"),
    timeout: float = typer.Option(60.0, help="等待所有服务健康的秒数"),
    demo_timeout: float = typer.Option(180.0, help="等待各服务取得演示小区的秒数"),
) -> None:
    settings = Settings()
    secret = settings.jwt_secret.get_secret_value()
    # Webhooks to local receivers (a firm's test endpoint on this machine) work in dev; production
    # refuses private addresses. LINLI_WEBHOOK_ALLOW_PRIVATE=false in the shell tries the refusal.
    allow_private = os.environ.get("LINLI_WEBHOOK_ALLOW_PRIVATE", "true")
    system = System(
        workdir=workdir.resolve(),
        fixed_ports=True,
        jwt_secret=secret,
        extra_env={"LINLI_WEBHOOK_ALLOW_PRIVATE": allow_private},
    )
    stop = threading.Event()
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    began = time.monotonic()
    manifest = workdir / "dev.json"
    manifest.unlink(missing_ok=True)  # present only while the demo is usable
    try:
        with console.status("启动消息代理、数据库与各服务…"):
            system.start(timeout=timeout)
        with console.status("载入演示数据…"):
            tenants = demo.load(system.address("communities"), secret)
        with console.status("等待各服务取得演示小区…"):
            demo.wait_known(system.address("tickets"), tenants, demo_timeout)
        arrived = demo.households_arrived(system.database.uri, tenants)
        system.write_manifest(manifest, tenants)
        _print_summary(system, tenants, time.monotonic() - began, manifest, arrived)
        threading.Thread(target=_load_books, args=(system, tenants), daemon=True).start()
        while not stop.wait(SUPERVISE_SECONDS):
            for name in system.restart_exited():
                log = workdir / "logs" / f"{name}.log"
                console.print(f"[yellow]{name} 已退出，已重新启动（日志：{log}）[/yellow]")
    finally:
        console.print("正在停止所有进程…")
        system.stop()
        console.print("已停止。")


def _load_books(system: System, tenants: list[dict]) -> None:
    """Bills, payments, the public ledger, the fund and volunteers' points, after the ready line: they wait
    for the fees and points services to copy thousands of households, which tickets do not need."""
    try:
        demo.load_books(
            system.address("communities"), tenants, system.address("fees"), system.address("points")
        )
    except Exception as exc:  # the running system stays up; only this demo data is missing
        console.print(f"收费与积分演示数据未能载入：{exc}", style="yellow", markup=False)
    else:
        console.print("✓ 收费与积分演示数据已载入（账单、缴费、收支公示、维修资金、志愿者积分）。")


def _print_summary(system: System, tenants: list[dict], seconds: float, manifest: Path, arrived: int) -> None:
    table = Table(title="linli 服务地址")
    table.add_column("服务")
    table.add_column("地址")
    for name, endpoint in system.manifest()["endpoints"].items():
        table.add_row(name, endpoint)
    console.print(table)
    first = tenants[0]
    console.print(f"演示区：{', '.join(t['name'] + '(' + t['id'] + ')' for t in tenants)}")
    console.print(f"{first['name']} 区管理员令牌 (district_admin)：")
    print(first["tokens"]["district_admin"], flush=True)  # unwrapped, so it copies cleanly
    console.print(f"清单（所有端点与各角色令牌）：{manifest}")
    compounds = sum(len(t["compounds"]) for t in tenants)
    total = sum(t["households"] for t in tenants)
    console.print(f"演示小区 {compounds} 个：各服务均已取得，可以报修。")
    if arrived < total:
        console.print(
            f"住户：通知服务已同步 {arrived} / {total} 户，其余 {total - arrived} 户仍在同步（约一两分钟）。"
        )
    else:
        console.print(f"住户：{total} 户均已同步。")
    console.print("收费与积分演示数据（账单、收支公示、维修资金、志愿者积分）在后台载入，完成时另行提示。")
    console.print("按 Ctrl-C 停止。")
    print(f"✓ linli 已就绪（{seconds:.1f} 秒）：{manifest}", flush=True)  # the ready line scripts wait for
