"""How every `linli` command reports: errors rendered by rich (as text, never as markup, so a server's
message with brackets prints as it is), gRPC failures in Chinese, field problems by path, exit codes.

Exit codes (docs/cli.md):
  0  done
  1  refused: the input has problems, or the server refused it (no permission, not found, conflict)
     — nothing was written by the refused step
  2  usage: a missing token, a bad option, a file that cannot be read
  3  not finished: the service is unreachable, timed out or the run was interrupted — run the same
     command again (every write is keyed, so a repeat finishes the work without doing it twice)
"""

from __future__ import annotations

import json
from typing import Any, NoReturn

import grpc
import typer
from linli_platform.messages_zh import translate
from linli_platform.status import field_violations
from rich.console import Console
from rich.text import Text

OK, REFUSED, USAGE, RETRY = 0, 1, 2, 3
console = Console()

CODES = {
    grpc.StatusCode.INVALID_ARGUMENT: "参数无效",
    grpc.StatusCode.NOT_FOUND: "未找到",
    grpc.StatusCode.ALREADY_EXISTS: "已存在",
    grpc.StatusCode.PERMISSION_DENIED: "无权限",
    grpc.StatusCode.UNAUTHENTICATED: "令牌无效或已过期",
    grpc.StatusCode.ABORTED: "并发冲突（记录已被他人修改，请重试）",
    grpc.StatusCode.UNAVAILABLE: "无法连接服务",
    grpc.StatusCode.DEADLINE_EXCEEDED: "服务响应超时",
    grpc.StatusCode.FAILED_PRECONDITION: "当前状态不允许",
    grpc.StatusCode.RESOURCE_EXHAUSTED: "请求过多或过大",
}
RETRYABLE = {grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED, grpc.StatusCode.ABORTED}


def exit_code(code: grpc.StatusCode) -> int:
    return RETRY if code in RETRYABLE or code not in CODES else REFUSED


def error(message: str, out: Console | None = None) -> None:
    """One error line in red, printed as text (brackets in it are not markup)."""
    (out or console).print(Text(f"✗ {message}", style="red"))


def fail(message: str, code: int = REFUSED, out: Console | None = None) -> NoReturn:
    error(message, out)
    raise typer.Exit(code)


def require_token(token: str, who: str = "访问令牌") -> None:
    if not token:
        fail(f"缺少令牌：请用 --token 或环境变量 LINLI_TOKEN 提供{who}。", USAGE)


def describe(err: grpc.RpcError) -> str:
    """A gRPC failure in one line: what the code means and the server's message."""
    code = err.code()
    return f"{CODES.get(code, code.name)}：{translate(err.details() or '')}"


def rpc_failure(err: grpc.RpcError, what: str = "", out: Console | None = None) -> NoReturn:
    """Print a gRPC failure (every field problem by its path) and exit with its code."""
    out = out or console
    violations = field_violations(err)
    if violations:
        error(f"{what or '请求被拒绝'}，共 {len(violations)} 处问题：", out)
        for field, why in violations:
            out.print(Text(f"  • {field}: {translate(why)}"))
    else:
        error(f"{what + '：' if what else ''}{describe(err)}", out)
    raise typer.Exit(exit_code(err.code()))


def yuan(fen: int) -> str:
    """An amount of money as people read it: 1,234.50 元, −19.19 元 (exact: integer fen, no float)."""
    sign, fen = ("−", -fen) if fen < 0 else ("", fen)
    return f"{sign}{fen // 100:,}.{fen % 100:02d} 元"


def print_json(data: Any) -> None:
    """Machine-readable output (`--json`): UTF-8, one document, nothing else on stdout."""
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
