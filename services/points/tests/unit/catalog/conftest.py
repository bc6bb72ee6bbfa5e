"""The catalog's and the tool library's tests share: the in-process gRPC servers on the fakes,
callers of every role (and of another district), points granted, items created, orders placed,
refusals and events read back."""

from __future__ import annotations

import grpc
import pytest
from linli.points.v1 import catalog_pb2 as pb
from linli.points.v1 import catalog_pb2_grpc as pb_grpc
from linli_ledger import Transfer
from linli_platform.config import Settings
from linli_platform.events import decode
from linli_platform.grpc_server import build_server
from linli_platform.idempotency import FakeIdempotencyStore
from linli_platform.status import field_violations
from linli_platform.testing.fakes import FakeStore
from linli_platform.testing.fixtures import bearer, make_token
from linli_points.adapters.catalog_fakes import fake_catalog_unit_of_work
from linli_points.domain import books

TENANT, OTHER = "hanyang", "xingshan"


def as_(role: str, subject: str, tenant: str = TENANT, org: str = ""):
    return bearer(make_token(tenant, role, subject, org=org))


ADMIN = as_("district_admin", "admin-li")


STAFF = as_("community_staff", "staff-yang")


RES = as_("resident", "res-chen")


RES2 = as_("resident", "res-zhao")


VOL = as_("volunteer", "vol-ma")


FIRM = as_("property_firm", "shimao-clerk", org="shimao")


OTHER_FIRM = as_("property_firm", "vanke-clerk", org="vanke")


OTHER_ADMIN = as_("district_admin", "admin-x", tenant=OTHER)


OTHER_RES = as_("resident", "res-chen", tenant=OTHER)


@pytest.fixture
def store():
    return FakeStore()


@pytest.fixture
def uows(store):
    return fake_catalog_unit_of_work(store)


@pytest.fixture
def server(uows):
    settings = Settings(service="points", grpc_workers=2)
    from linli_points.entrypoints.catalog_api import catalog_specs  # noqa: PLC0415

    running = build_server(settings, catalog_specs(uows, FakeIdempotencyStore()), port=0)
    channel = grpc.insecure_channel(f"127.0.0.1:{running.port}")
    yield pb_grpc.CatalogServiceStub(channel), pb_grpc.LibraryServiceStub(channel)
    channel.close()
    running.drain(0)


@pytest.fixture
def stub(server):
    return server[0]


@pytest.fixture
def lib(server):
    return server[1]


def grant(uows, subject: str, amount: int, tenant: str = TENANT) -> None:
    ledger = uows(tenant).ledger
    ledger.open([books.ISSUER, books.person(subject)])
    ledger.submit(
        [
            Transfer(
                f"grant:{subject}:{amount}",
                books.ISSUER_ID,
                books.person_id(subject),
                amount,
                books.LEDGER,
                "grant",
            )
        ]
    )


def available(uows, subject: str, tenant: str = TENANT) -> int:
    account = uows(tenant).ledger.accounts([books.person_id(subject)]).get(books.person_id(subject))
    return account.available if account else 0


def spec(**changes) -> pb.ItemSpec:
    fields = {"name": "洗衣液", "kind": pb.ITEM_KIND_GOODS, "cost": 30}
    fields.update(changes)
    return pb.ItemSpec(**fields)


def create(stub, item_id="detergent", stock=5, metadata=ADMIN, **changes):
    return stub.CreateItem(
        pb.CreateItemRequest(
            request_id=f"create-{item_id}", item_id=item_id, spec=spec(**changes), stock=stock
        ),
        metadata=metadata,
    )


def place(stub, request_id, item_id="detergent", quantity=1, metadata=RES):
    return stub.PlaceOrder(
        pb.PlaceOrderRequest(request_id=request_id, item_id=item_id, quantity=quantity), metadata=metadata
    )


def refused(call):
    with pytest.raises(grpc.RpcError) as err:
        call()
    return err.value.code(), field_violations(err.value), err.value.details()


def events(store, kind):
    found = []
    for e in store.outbox:
        env = decode(e.value)
        if env.payload.Is(kind.DESCRIPTOR):
            message = kind()
            env.payload.Unpack(message)
            found.append(message)
    return found
