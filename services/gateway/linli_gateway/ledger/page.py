"""The public ledger page (收支公示) of a compound: `/l/<code>` for a resident's phone and
`/l/<code>/chain.json` for anyone's own tools.

The code (linli_qr.tokens.CompoundCode, printed by `linli fees ledger link`) names the district and
the compound, so the page can only ever show that compound of that district; whoever holds the code
reads what the compound publishes — the notice board is public. The gateway reads the fees service as
`community_staff` with the subject `gateway:ledger` (the page is no resident's session), read RPCs only.

Published months never change (a month is published once it has ended, and no entry can be booked into
it after), so a month's entries are kept in this process once read; the list of statements for a
short while only, so a newly published month shows within `CHAIN_SECONDS`.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

import grpc
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape
from linli.fees.v1 import ledger_pb2 as pb
from linli_qr.tokens import CompoundCode, verify_compound

from linli_gateway.backends import Acting, Backends
from linli_gateway.ledger import view

log = logging.getLogger("linli.gateway.ledger")

HERE = Path(__file__).parent
MONTHS_PER_PAGE = 12
CHAIN_SECONDS = 30.0
MAX_MONTHS_KEPT = 5000
MAX_STATEMENTS = 1200  # a hundred years of months; beyond it the page stops reading
SCRIPT = (HERE / "verify.js").read_text(encoding="utf-8")
GONE = (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.PERMISSION_DENIED, grpc.StatusCode.INVALID_ARGUMENT)
INVALID = "链接无效或已停用：请扫描小区公告栏张贴的收支公示二维码"
UNAVAILABLE = "服务暂时不可用，请稍后再试"
templates = Environment(
    loader=ChoiceLoader(
        [FileSystemLoader(HERE / "templates"), FileSystemLoader(HERE.parent / "qr" / "templates")]
    ),
    autoescape=select_autoescape(["html"]),
)


class Gone(Exception):
    """The compound is not (or no longer) in the code's district."""


class Down(Exception):
    """The fees service did not answer."""


def _page(name: str, status: int = 200, headers: dict[str, str] | None = None, **values) -> HTMLResponse:
    return HTMLResponse(templates.get_template(name).render(**values), status_code=status, headers=headers)


def missing(message: str = INVALID) -> HTMLResponse:
    return _page("missing.html", 404, message=message)


class Reader:
    """The fees service's published ledger of one code's compound, with the caches described above."""

    def __init__(self, backends: Backends, clock=time.monotonic):
        self._backends, self._clock = backends, clock
        self._chains: dict[CompoundCode, tuple[float, list[pb.Statement]]] = {}
        self._months: dict[tuple[CompoundCode, str, str], list[pb.LedgerEntry]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def acting(code: CompoundCode) -> Acting:
        return Acting(code.tenant, "community_staff", "gateway:ledger")

    def _call(self, method, request, code: CompoundCode):
        try:
            return self._backends.call(method, request, self.acting(code))
        except grpc.RpcError as err:
            if err.code() in GONE:
                raise Gone(err.details()) from err
            log.warning("fees unreachable for the ledger page: %s", err.code().name)
            raise Down(err.code().name) from err

    def statements(self, code: CompoundCode) -> list[pb.Statement]:
        """Every published statement of the compound, newest first."""
        now = self._clock()
        cached = self._chains.get(code)
        if cached is not None and now - cached[0] < CHAIN_SECONDS:
            return cached[1]
        found, token = [], ""
        while True:
            page = self._call(
                self._backends.ledger.ListStatements,
                pb.ListStatementsRequest(compound_id=code.compound_id, page_size=500, page_token=token),
                code,
            )
            found.extend(page.statements)
            token = page.next_page_token
            if not token or len(found) >= MAX_STATEMENTS:
                break
        found.sort(key=lambda s: s.sequence, reverse=True)
        with self._lock:
            if len(self._chains) > 1000:
                self._chains.clear()
            self._chains[code] = (now, found)
        return found

    def compound_name(self, code: CompoundCode) -> str:
        """For a compound with no statement yet (a statement carries the name)."""
        balance = self._call(
            self._backends.ledger.GetLedgerBalance,
            pb.GetLedgerBalanceRequest(compound_id=code.compound_id),
            code,
        )
        return balance.compound_name

    def entries(self, code: CompoundCode, statement: pb.Statement) -> list[pb.LedgerEntry]:
        """The entries booked in a published month, as the fees service lists them (by entry id)."""
        key = (code, statement.period, statement.hash)
        found = self._months.get(key)
        if found is not None:
            return found
        found, token = [], ""
        while True:
            page = self._call(
                self._backends.ledger.ListEntries,
                pb.ListEntriesRequest(
                    compound_id=code.compound_id, period=statement.period, page_size=500, page_token=token
                ),
                code,
            )
            found.extend(page.entries)
            token = page.next_page_token
            if not token:
                break
        with self._lock:
            if len(self._months) > MAX_MONTHS_KEPT:
                self._months.clear()
            self._months[key] = found
        return found


def page_number(request: Request) -> int:
    text = request.query_params.get("page", "1")
    return int(text) if text.isdigit() and 0 < len(text) < 6 and int(text) > 0 else 1


def router(backends: Backends, secret: str, reader: Reader | None = None) -> APIRouter:
    api = APIRouter()
    reader = reader or Reader(backends)

    @api.get("/l/{token}", response_class=HTMLResponse)
    def show(token: str, request: Request):
        code = verify_compound(secret, token)
        if code is None:
            return missing()
        number = page_number(request)
        try:
            statements = reader.statements(code)
            name = statements[0].compound_name if statements else reader.compound_name(code)
            shown = statements[(number - 1) * MONTHS_PER_PAGE : number * MONTHS_PER_PAGE]
            entries = {s.period: reader.entries(code, s) for s in shown}
        except Gone:
            return missing("未找到该小区的收支公示：小区已不在本系统中")
        except Down:
            return _page("notice.html", 503, message=UNAVAILABLE)
        months = [view.month_of(s) for s in shown]
        view.mark_corrections(months, entries)
        pages = (len(statements) + MONTHS_PER_PAGE - 1) // MONTHS_PER_PAGE
        return _page(
            "ledger.html",
            compound_name=name,
            months=months,
            total=len(statements),
            page=number,
            pages=pages,
            token=token,
            chain=view.script_json(view.chain_of(statements)),
            script=SCRIPT,
        )

    @api.get("/l/{token}/chain.json")
    def chain(token: str):
        code = verify_compound(secret, token)
        if code is None:
            return JSONResponse({"detail": "链接无效或已停用"}, status_code=404)
        try:
            statements = reader.statements(code)
            name = statements[0].compound_name if statements else reader.compound_name(code)
        except Gone:
            return JSONResponse({"detail": "未找到该小区的收支公示"}, status_code=404)
        except Down:
            return JSONResponse({"detail": UNAVAILABLE}, status_code=503)
        body = {
            "compound_id": code.compound_id,
            "compound_name": name,
            "format": "sha256(canonical_json) == hash; previous_hash = the month before's hash "
            "(docs/fees-ledger.md, 'The hash input')",
            "statements": view.chain_of(statements),
        }
        return JSONResponse(body, media_type="application/json; charset=utf-8")

    return api
