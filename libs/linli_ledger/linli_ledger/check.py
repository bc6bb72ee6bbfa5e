"""The check command: recompute every balance from the transfers and compare with the kept ones.

    python -m linli_ledger.check --database linli_points [--mongo-uri URI] [--tenant T ...] [--json]

Checks every tenant of the database's books (or the given ones): kept balances against the ones
recomputed from the transfers, dense sequence numbers, and each ledger summing to zero. Exit code
0 when the books agree, 1 when anything differs (each difference printed), 2 on bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from linli_ledger.port import Mismatch


def check_tenants(tenants: list[str] | None = None) -> dict[str, list[Mismatch]]:
    """Every (or the given) tenant's mismatches, on the current mongoengine connection."""
    from linli_ledger.mongo import LedgerEntryDoc, MongoBooks, _collection  # noqa: PLC0415

    names = tenants or sorted(_collection(LedgerEntryDoc).distinct("tenant_id"))
    books = MongoBooks()
    return {tenant: books.ledger(tenant).check() for tenant in names}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="核对账本：由转账重算余额并与保存的余额比较")
    parser.add_argument("--database", required=True, help="the service's database, e.g. linli_points")
    parser.add_argument("--mongo-uri", default="mongodb://127.0.0.1:27017/?directConnection=true")
    parser.add_argument("--tenant", action="append", default=[], help="only this district (repeatable)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    from linli_platform import mongo  # noqa: PLC0415
    from linli_platform.config import Settings  # noqa: PLC0415

    mongo.connect(Settings(service="ledger-check", mongo_uri=args.mongo_uri, mongo_db=args.database))
    return report(args.tenant or None, args.json)


def report(tenants: list[str] | None, as_json: bool) -> int:
    """Print the check of the connected database's books; the exit code."""
    found = check_tenants(tenants)
    bad = {t: m for t, m in found.items() if m}
    if as_json:
        print(json.dumps({t: [asdict(x) for x in m] for t, m in found.items()}, ensure_ascii=False, indent=2))
    else:
        for tenant, mismatches in found.items():
            if not mismatches:
                print(f"✓ {tenant}: 账目一致")
            for m in mismatches:
                print(
                    f"✗ {tenant} {m.account_id or '（全账本）'} {m.what}: 保存 {m.kept}，重算 {m.recomputed}"
                )
        if not found:
            print("（没有账本）")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
