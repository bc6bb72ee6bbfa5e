"""Points accounts on MongoDB: one document per (tenant, subject), its outbox inside."""

from __future__ import annotations

from linli_platform.mongo_repository import MongoRepository

from linli_points.adapters.documents import AccountDoc
from linli_points.domain.account import Account


class MongoAccounts(MongoRepository[Account]):
    document, key, label = AccountDoc, "subject", "account"

    def to_stored(self, account: Account) -> dict:
        return {"balance": account.balance}

    def from_stored(self, stored: dict) -> Account:
        return Account(stored["tenant_id"], stored["subject"], stored["balance"], stored["version"])
