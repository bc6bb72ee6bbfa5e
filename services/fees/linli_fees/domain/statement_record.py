"""A published statement as an aggregate: written once (its id is compound and period), never changed."""

from __future__ import annotations

from datetime import datetime

from linli.fees.v1 import ledger_events_pb2 as events
from linli_platform.aggregate import Aggregate

from linli_fees.domain.public_ledger import CATEGORY_NAMES
from linli_fees.domain.statement import StatementContent


def statement_id(compound_id: str, period: str) -> str:
    return f"{compound_id}:{period}"


class PublishedStatement(Aggregate):
    SOURCE, NAME = "fees", "statement"

    def __init__(
        self,
        tenant_id: str,
        id: str,
        version: int = 0,
        *,
        content: StatementContent,
        hash: str,
        published_by: str,
        published_at: datetime,
    ):
        super().__init__(tenant_id, id, version)
        self.content, self.hash = content, hash
        self.published_by, self.published_at = published_by, published_at

    @property
    def compound_id(self) -> str:
        return self.content.compound_id

    @property
    def period(self) -> str:
        return self.content.period

    @classmethod
    def publish(cls, content: StatementContent, by: str, at: datetime) -> PublishedStatement:
        statement = cls(
            content.tenant_id,
            statement_id(content.compound_id, content.period),
            content=content,
            hash=content.hash(),
            published_by=by,
            published_at=at,
        )
        shares = content.expense_shares
        top = max(shares, key=lambda k: (shares[k], k)) if shares else ""
        statement.record(
            events.StatementPublished(
                tenant_id=content.tenant_id,
                compound_id=content.compound_id,
                period=content.period,
                total_income_fen=content.total_income_fen,
                total_expenses_fen=content.total_expenses_fen,
                closing_balance_fen=content.closing_balance_fen,
                top_expense_category=top,
                top_expense_name=CATEGORY_NAMES.get(top, top),
                top_expense_share_bp=shares.get(top, 0),
                hash=statement.hash,
                previous_hash=content.previous_hash,
                published_by=by,
            )
        )
        return statement
