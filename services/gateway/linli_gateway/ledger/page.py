"""The public ledger page (收支公示) of a compound: `/l/<code>` for a resident's phone and
`/l/<code>/chain.json` for anyone's own tools.

The code (linli_qr.tokens.CompoundCode, printed by `linli fees ledger link`) names the district and
the compound, so the page can only ever show that compound of that district; whoever holds the code
reads what the compound publishes — the notice board is public. The gateway reads the fees service as
`community_staff` with the subject `gateway:ledger` (the page is no resident's session), read RPCs only;
for entries that name a ticket, tickets' GetTicket and the district's category names (the QR pages'
catalog) say what the ticket is — only what the QR status page shows a neighbour: category and status.

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
from linli.tickets.v1 import tickets_pb2 as tpb
from linli_qr.tokens import CompoundCode, verify_compound

from linli_gateway.backends import Acting, Backends
from linli_gateway.ledger import view
from linli_gateway.open311.catalog import Catalog
from linli_gateway.open311.errors import Open311Error
from linli_gateway.open311.records import STATUS_NOTES

log = logging.getLogger("linli.gateway.ledger")

HERE = Path(__file__).parent
MONTHS_PER_PAGE = 12
CHAIN_SECONDS = 30.0
MAX_MONTHS_KEPT = 5000
MAX_STATEMENTS = 1200  # a hundred years of months; beyond it the page stops reading
TICKET_SECONDS = 5.0  # what a ticket is only adorns an entry: the page does not wait long for it
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

    def __init__(self, backends: Backends, catalog: Catalog | None = None, clock=time.monotonic):
        self._backends, self._catalog, self._clock = backends, catalog, clock
        self._chains: dict[CompoundCode, tuple[float, list[pb.Statement]]] = {}
        self._months: dict[tuple[CompoundCode, str, str], list[pb.LedgerEntry]] = {}
        self._tickets: dict[tuple[str, str], tuple[float, str]] = {}
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

    def tickets(self, code: CompoundCode, ids: set[str]) -> dict[str, str]:
        """What each named ticket is (its category's name and status, as the QR status page shows a
        neighbour), e.g. 楼道灯 · 已办结. A ticket that tickets does not know, or tickets unreachable,
        leaves the entry with the ticket's id alone."""
        now, found = self._clock(), {}
        names = self._category_names(code.tenant)
        for ticket_id in sorted(ids):
            cached = self._tickets.get((code.tenant, ticket_id))
            if cached is not None and now - cached[0] < CHAIN_SECONDS:
                found[ticket_id] = cached[1]
                continue
            try:
                ticket = self._backends.tickets.GetTicket(
                    tpb.GetTicketRequest(ticket_id=ticket_id),
                    metadata=self._backends.metadata(self.acting(code)),
                    timeout=TICKET_SECONDS,
                )
            except grpc.RpcError as err:
                if err.code() != grpc.StatusCode.NOT_FOUND:
                    log.info("ticket %s not described on the ledger page: %s", ticket_id, err.code().name)
                    continue  # not cached: next time tickets may answer
                label = ""
            else:
                if ticket.compound_id != code.compound_id:
                    label = ""  # a ticket of another compound is not this ledger's to describe
                else:
                    category = names(ticket.category, ticket.menu_item_id, ticket.compound_id)
                    label = " · ".join(p for p in (category, STATUS_NOTES.get(ticket.status, "")) if p)
            with self._lock:
                if len(self._tickets) > 10_000:
                    self._tickets.clear()
                self._tickets[(code.tenant, ticket_id)] = (now, label)
            found[ticket_id] = label
        return found

    def _category_names(self, tenant: str):
        """category → its name in the district (the catalog's), or nothing when it cannot be read."""
        try:
            district = self._catalog.district(tenant) if self._catalog else None
        except Open311Error:
            district = None
        if district is None:
            return lambda category, menu_item_id, compound_id: ""
        return lambda category, menu_item_id, compound_id: district.service_name(
            category, menu_item_id, compound_id
        )[1]


def page_number(request: Request) -> int:
    text = request.query_params.get("page", "1")
    return int(text) if text.isdigit() and 0 < len(text) < 6 and int(text) > 0 else 1


def router(
    backends: Backends, secret: str, catalog: Catalog | None = None, reader: Reader | None = None
) -> APIRouter:
    api = APIRouter()
    reader = reader or Reader(backends, catalog)

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
        named = {e.ticket_id for found in entries.values() for e in found if e.ticket_id}
        months = [view.month_of(s) for s in shown]
        view.mark_corrections(months, entries, reader.tickets(code, named) if named else {})
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
