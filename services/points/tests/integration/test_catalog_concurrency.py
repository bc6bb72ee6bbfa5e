"""On the real Mongo-wire server (SecantusDB), through real gRPC: 50 people redeem the last unit
of an item at once. Exactly one order holds it; the others are FAILED_PRECONDITION naming the
stock; nobody's points are held for nothing and the books balance."""

from __future__ import annotations

import threading

import grpc
import pytest
from linli.points.v1 import catalog_pb2 as pb
from linli.points.v1 import catalog_pb2_grpc as pb_grpc
from linli_ledger import Transfer
from linli_platform.config import Settings
from linli_platform.grpc_server import build_server
from linli_platform.idempotency import FakeIdempotencyStore
from linli_platform.testing.fixtures import bearer, make_token
from linli_points.adapters.catalog_unit_of_work import mongo_catalog_unit_of_work
from linli_points.domain import books
from linli_points.entrypoints.catalog_api import catalog_specs

pytestmark = pytest.mark.integration
TENANT = "hanyang"
PEOPLE = [f"res-{i:02d}" for i in range(50)]


@pytest.fixture
def stub(mongo_db):
    settings = Settings(service="points", grpc_workers=16)
    running = build_server(
        settings, catalog_specs(mongo_catalog_unit_of_work, FakeIdempotencyStore()), port=0
    )
    channel = grpc.insecure_channel(f"127.0.0.1:{running.port}")
    yield pb_grpc.CatalogServiceStub(channel)
    channel.close()
    running.drain(0)


def test_fifty_concurrent_redemptions_of_the_last_unit_one_wins_and_the_books_balance(stub):
    ledger = mongo_catalog_unit_of_work(TENANT).ledger
    ledger.open([books.ISSUER, books.SINK, *(books.person(p) for p in PEOPLE)])
    for p in PEOPLE:
        ledger.submit(
            [Transfer(f"grant:{p}", books.ISSUER_ID, books.person_id(p), 100, books.LEDGER, "grant")]
        )
    admin = bearer(make_token(TENANT, "district_admin", "admin-li"))
    stub.CreateItem(
        pb.CreateItemRequest(
            request_id="c1",
            item_id="rice",
            spec=pb.ItemSpec(name="大米", kind=pb.ITEM_KIND_GOODS, cost=60),
            stock=1,
        ),
        metadata=admin,
    )
    start = threading.Barrier(len(PEOPLE))
    outcomes: dict[str, tuple[str, str]] = {}

    def redeem(person: str) -> None:
        metadata = bearer(make_token(TENANT, "resident", person))
        start.wait()
        try:
            order = stub.PlaceOrder(
                pb.PlaceOrderRequest(request_id=f"order-{person}", item_id="rice"),
                metadata=metadata,
                timeout=120,
            )
            outcomes[person] = ("OK", pb.OrderStatus.Name(order.status))
        except grpc.RpcError as error:
            outcomes[person] = (error.code().name, error.details())

    threads = [threading.Thread(target=redeem, args=(p,)) for p in PEOPLE]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    winners = [p for p, (code, _) in outcomes.items() if code == "OK"]
    assert len(winners) == 1 and outcomes[winners[0]][1] == "ORDER_STATUS_RESERVED"
    losers = [outcomes[p] for p in PEOPLE if p not in winners]
    assert all(code == "FAILED_PRECONDITION" and "stock" in details for code, details in losers), losers
    item = stub.GetItem(pb.GetItemRequest(item_id="rice"), metadata=admin)
    assert (item.stock, item.held) == (0, 1)
    accounts = ledger.accounts([books.person_id(p) for p in PEOPLE])
    assert sorted(a.available for a in accounts.values()) == [40] + [100] * 49
    assert all(a.debits_pending == 0 for p, a in accounts.items() if p != books.person_id(winners[0]))
    assert ledger.check() == []
