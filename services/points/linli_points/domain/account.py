"""A person's points account (服务积分). Skeleton until the Points issue brings the ledger
(libs/linli_ledger: immutable transfers, the balance kept with them); the rule it keeps already
holds: points are credited in positive amounts, so a balance never goes negative."""

from __future__ import annotations

from linli.points.v1.events_pb2 import PointsCredited
from linli_platform.aggregate import Aggregate
from linli_platform.errors import InvalidField


class Account(Aggregate):
    """One per subject (the token's subject) in a tenant; the aggregate id is the subject."""

    SOURCE, NAME = "points", "account"

    def __init__(self, tenant_id: str, subject: str, balance: int = 0, version: int = 0):
        super().__init__(tenant_id, subject, version)
        if balance < 0:
            raise ValueError(f"account {subject}: a balance is never negative")
        self.balance = balance

    @property
    def subject(self) -> str:
        return self.id

    def credit(self, amount: int, reason: str) -> None:
        if amount <= 0:
            raise InvalidField("amount", "must be a positive number of points")
        self.balance += amount
        self.record(PointsCredited(subject=self.subject, amount=amount, reason=reason))
