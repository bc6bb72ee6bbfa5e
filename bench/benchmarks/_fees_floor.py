"""The floor for payment_record: a bare grpcio server (no chassis, no validation, no domain, no
mapping) whose one handler makes the database write a recorded payment makes — the household
account's guarded update: its entries and flat allocations with the new one, the version, and the
PaymentReceived event pushed onto its outbox (the first payment of a household inserts the account
instead). It keeps the accounts it wrote in memory, as the fees API keeps the accounts it last wrote,
so a call is that one write. Prints its port, serves until stdin closes. (A module name starting with
"_": bench/run.py does not take it for a benchmark.)

    python bench/benchmarks/_fees_floor.py MONGO_URI
"""

from __future__ import annotations

import sys
import threading
import uuid
from concurrent import futures
from datetime import UTC, datetime

import grpc
from linli.common.v1.common_pb2 import PageRequest, PageResponse
from pymongo import MongoClient

SERVICE = "linli.bench.v1.FeesFloorService"
WORKERS = 16
TENANT = "hanyang"
DATABASE, COLLECTION = "linli_bench_raw", "floor_accounts"


def entry(n: int, bill_id: str, now: datetime) -> tuple[dict, dict]:
    """A 1-fen cash payment towards one bill as the account stores it, and its flat allocation."""
    allocation = {"bill_id": bill_id, "period": "2026-01", "amount_fen": 1, "at": now, "late_fee_fen": 0}
    stored = {
        "id": f"floor-{uuid.uuid4().hex}",
        "kind": "payment",
        "status": "posted",
        "amount_fen": 1,
        "at": now,
        "recorded_by": "bench-staff",
        "prepaid_fen": 0,
        "method": "cash",
        "reference": "",
        "receipt_no": f"{bill_id.rsplit('/', 2)[0]}-{n:04d}",
        "approved_by": "",
        "reverses": "",
        "reason": "",
        "offer": "",
        "gift": "",
        "fingerprint": uuid.uuid4().hex,
        "reversed": False,
        "allocations": [allocation],
    }
    return stored, {"b": bill_id, "p": "2026-01", "m": "2026-01", "f": 1, "t": now}


def event(now: datetime) -> dict:
    return {
        "event_id": uuid.uuid4().hex,
        "topic": "fees.payment.v1",
        "key": f"{TENANT}:x",
        "type": "linli.fees.v1.PaymentReceived",
        "value": b"x" * 300,
        "created_at": now,
    }


class Floor:
    def __init__(self, uri: str):
        self.accounts = MongoClient(uri, tz_aware=True)[DATABASE][COLLECTION]
        self.known: dict[str, dict] = {}  # account id → the stored state last written
        self.locks: dict[str, threading.Lock] = {}
        self.guard = threading.Lock()

    def Load(self, request: PageRequest, context) -> PageResponse:
        """Take the accounts now in the collection as the ones it last wrote (the benchmark copies the
        service's accounts there before each measurement, so both start from the same documents)."""
        with self.guard:
            self.known = {
                doc["account_id"]: doc
                for doc in self.accounts.find({"tenant_id": TENANT}, {"outbox": 0, "_id": 0})
            }
        return PageResponse(total=len(self.known))

    def Pay(self, request: PageRequest, context) -> PageResponse:
        """page_token: the bill id (compound/household/item/period); the account is its household's."""
        bill_id = request.page_token
        account_id = bill_id.rsplit("/", 2)[0]
        with self.guard:
            lock = self.locks.setdefault(account_id, threading.Lock())
        with lock:
            now = datetime.now(UTC)
            state = self.known.get(account_id)
            if state is None:
                compound_id, household_id = account_id.split("/", 1)
                stored, alloc = entry(1, bill_id, now)
                state = {
                    "tenant_id": TENANT,
                    "account_id": account_id,
                    "compound_id": compound_id,
                    "household_id": household_id,
                    "household": {"building_id": "", "label": household_id, "area_centi_m2": 8000},
                    "prepaid_fen": 0,
                    "has_prepaid": False,
                    "entries": [stored],
                    "allocs": [alloc],
                    "reminded": [],
                    "issuing": [],
                    "has_issuing": False,
                    "version": 1,
                }
                self.accounts.insert_one({**state, "outbox": [event(now)]})
                state.pop("_id", None)
            else:
                stored, alloc = entry(len(state["entries"]) + 1, bill_id, now)
                entries, allocs = [*state["entries"], stored], [*state["allocs"], alloc]
                done = self.accounts.update_one(
                    {"account_id": account_id, "version": state["version"], "tenant_id": TENANT},
                    {
                        "$set": {"entries": entries, "allocs": allocs, "version": state["version"] + 1},
                        "$push": {"outbox": {"$each": [event(now)]}},
                    },
                )
                if done.matched_count != 1:
                    raise RuntimeError(f"floor account {account_id} changed under the floor")
                state = {**state, "entries": entries, "allocs": allocs, "version": state["version"] + 1}
            self.known[account_id] = state
        return PageResponse(next_page_token=account_id, total=len(state["entries"]))


def start(uri: str) -> int:
    floor = Floor(uri)
    handlers = {
        name: grpc.unary_unary_rpc_method_handler(
            getattr(floor, name),
            request_deserializer=PageRequest.FromString,
            response_serializer=PageResponse.SerializeToString,
        )
        for name in ("Load", "Pay")
    }
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=WORKERS))
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(SERVICE, handlers),))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    _running.append(server)
    return port


_running: list = []  # keeps the server alive (a collected grpc.Server stops)


if __name__ == "__main__":
    print(start(sys.argv[1]), flush=True)
    sys.stdin.read()
