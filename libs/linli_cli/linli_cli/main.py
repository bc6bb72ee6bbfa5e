"""`linli` — the administrators' command line (Chinese messages by default)."""

from __future__ import annotations

import typer

from linli_cli import (
    config_cmd,
    daily,
    dev,
    district,
    fees,
    fees_desk,
    fees_ledger,
    onboard,
    open311_keys,
    points_catalog,
    qr,
    token,
    webhooks_cmd,
)

app = typer.Typer(help="linli（邻里）共享物业管理命令行", no_args_is_help=True, add_completion=False)
app.command("token", help="签发一个访问令牌 (print a signed token)")(token.token)
app.add_typer(district.app, name="district", help="区（租户）：create | list（平台运维）")
app.command("onboard", help="导入一个区：社区、小区、楼栋、组织与住户（全部通过检查才写入）")(onboard.onboard)
app.command("qr", help="生成小区各楼栋的扫码报修二维码打印页 (printable QR sheet)")(qr.qr)
app.add_typer(daily.buildings, name="buildings", help="楼栋：list | show | edit")
app.add_typer(daily.households, name="households", help="住户：list | show | edit")
app.add_typer(daily.contracts, name="contracts", help="物业合同：list | show | edit")
app.add_typer(daily.firms, name="firms", help="物业企业：list | show | register")
app.add_typer(daily.grants, name="grants", help="角色授权：list | grant | revoke | token")
app.add_typer(config_cmd.app, name="config", help="区治理配置：validate | diff | apply | show | history")
app.add_typer(open311_keys.app, name="open311-keys", help="Open311 api_key：issue | list | revoke")
app.add_typer(webhooks_cmd.app, name="webhooks", help="Webhook 订阅：event-types | subscribe | list")
app.add_typer(
    fees.app,
    name="fees",
    help="物业费：run | report | arrears | account | pay | prepay | refund | reverse | approve | ledger",
)
fees_desk.register(fees.app)
fees.app.add_typer(fees_ledger.app, name="ledger", help="收支公示：statement | publish | verify | link")
points = typer.Typer(help="服务积分：catalog", no_args_is_help=True)
points.add_typer(
    points_catalog.app,
    name="catalog",
    help="积分兑换目录：list | show | add | update | restock | orders | fulfil",
)
app.add_typer(points, name="points", help="服务积分：catalog（兑换目录）")
app.command("dev", help="启动本地完整系统并载入演示数据 (run the whole system locally)")(dev.dev)

if __name__ == "__main__":
    app()
