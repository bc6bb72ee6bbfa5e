"""One gRPC call from a `linli` command: the caller's token as a bearer, a deadline, and a failure
reported the one way (output.rpc_failure: in Chinese, field by field, with its exit code)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import grpc
from rich.console import Console

from linli_cli import output


def bearer(token: str) -> list[tuple[str, str]]:
    """The call metadata that carries `token`."""
    return [("authorization", f"Bearer {token}")]


def call(
    fn: Callable[..., Any],
    request,
    token: str,
    what: str = "",
    *,
    timeout: float = 30,
    out: Console | None = None,
):
    """`fn(request)` with the token; a missing token is a usage error, a failure exits with its code."""
    output.require_token(token)
    try:
        return fn(request, metadata=bearer(token), timeout=timeout)
    except grpc.RpcError as err:
        output.rpc_failure(err, what, out)
