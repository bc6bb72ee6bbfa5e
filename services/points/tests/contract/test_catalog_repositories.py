"""One contract for the catalog's repositories: the fakes behave as the Mongo repositories on
SecantusDB do (finders, ordering, tenancy, the guarded write of an item's stock)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from linli_platform.errors import Aborted
from linli_platform.testing.fakes import FakeStore
from linli_points.adapters.catalog_fakes import fake_catalog_unit_of_work
from linli_points.adapters.catalog_unit_of_work import mongo_catalog_unit_of_work
from linli_points.domain.catalog import CatalogItem, ItemSpec
from linli_points.domain.order import Order
from linli_points.domain.tool import Tool

T0 = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
TZ = "Asia/Shanghai"


@pytest.fixture(params=["fake", pytest.param("mongo", marks=pytest.mark.integration)])
def uows(request):
    if request.param == "fake":
        return fake_catalog_unit_of_work(FakeStore())
    request.getfixturevalue("mongo_db")
    return mongo_catalog_unit_of_work


def item(tenant="t1", item_id="rice", kind="goods", active=True, org_id=""):
    made = CatalogItem.create(
        tenant, item_id, ItemSpec(name="大米", kind=kind, cost=10, org_id=org_id), 5, "fp"
    )
    made.active = active
    return made


def add(uows, tenant, *aggregates):
    uow = uows(tenant)
    with uow:
        for a in aggregates:
            {CatalogItem: uow.items, Order: uow.orders, Tool: uow.tools}[type(a)].add(a)
        uow.commit()


def order(source: CatalogItem, n: int, subject="p1", at=T0):
    return Order.place(source, f"o{n}", subject, 1, at, TZ, "fp")


def test_items_page_by_kind_and_activity_within_the_tenant(uows):
    add(
        uows,
        "t1",
        item(item_id="a"),
        item(item_id="b", active=False),
        item(item_id="c", kind="voucher", org_id="m"),
    )
    add(uows, "t2", item("t2", item_id="z"))
    uow = uows("t1")
    with uow:
        assert [i.id for i in uow.items.page("", False, 0, 10)[0]] == ["a", "c"]
        assert uow.items.page("", True, 0, 10)[1] == 3
        assert [i.id for i in uow.items.page("voucher", True, 0, 10)[0]] == ["c"]
        assert [i.id for i in uow.items.page("", True, 1, 1)[0]] == ["b"]
        assert uow.items.find("z") is None


def test_an_items_stock_is_written_once_per_version(uows):
    add(uows, "t1", item())
    first, second = uows("t1"), uows("t1")
    with first:
        a = first.items.get("rice")
        with second:
            b = second.items.get("rice")
            a.reserve("o1", "p1", 1, T0, TZ)
            first.commit()
            b.reserve("o2", "p2", 1, T0, TZ)
            with pytest.raises(Aborted):
                second.commit()
    with first:
        stored = first.items.get("rice")
        assert (stored.stock, stored.holds) == (4, {"o1": 1})


def test_orders_by_code_by_person_or_firm_newest_first_and_due(uows):
    rice = item()
    coupon = item(item_id="clean", kind="service_coupon", org_id="shimao")
    o1, o2 = order(rice, 1), order(coupon, 2, at=T0 + timedelta(hours=1))
    o3 = order(rice, 3, subject="p2", at=T0 + timedelta(hours=2))
    o1.reserved()
    add(uows, "t1", rice, coupon, o1, o2, o3)
    add(uows, "t2", item("t2"))
    uow = uows("t1")
    with uow:
        assert uow.orders.by_code(o2.code).id == "o2"
        assert [o.id for o in uow.orders.page("p1", "", "", 0, 10)[0]] == ["o2", "o1"]
        assert [o.id for o in uow.orders.page("", "shimao", "", 0, 10)[0]] == ["o2"]
        assert [o.id for o in uow.orders.page("", "", "reserved", 0, 10)[0]] == ["o1"]
        later = o1.expires_at + timedelta(seconds=1)
        assert sorted(o.id for o in uow.orders.due(later, T0 + timedelta(minutes=90), 10)) == ["o1", "o2"]
        assert uow.orders.due(T0, T0 - timedelta(minutes=1), 10) == []
    other = uows("t2")
    with other:
        assert other.orders.by_code(o2.code) is None and other.orders.page("", "", "", 0, 10) == ([], 0)


def test_tools_page_and_overdue(uows):
    lent = Tool.offer("t1", "t-1", "owner", "电钻", "", "jinjiang", "fp")
    lent.accept("keeper", 0, 3)
    lent.reserve("p1", T0)
    lent.lend("keeper", T0)
    shelved = Tool.offer("t1", "t-2", "owner", "梯子", "", "heyue", "fp")
    add(uows, "t1", lent, shelved)
    uow = uows("t1")
    with uow:
        assert [t.id for t in uow.tools.page("", "jinjiang", 0, 10)[0]] == ["t-1"]
        assert [t.id for t in uow.tools.page("offered", "", 0, 10)[0]] == ["t-2"]
        assert uow.tools.overdue(T0 + timedelta(days=2), 10) == []
        [due] = uow.tools.overdue(T0 + timedelta(days=4), 10)
        assert due.remind_overdue(T0 + timedelta(days=4))
        uow.commit()
    with uow:
        assert uow.tools.overdue(T0 + timedelta(days=5), 10) == []


def test_reservations_nobody_picked_up(uows):
    waiting = Tool.offer("t1", "t-3", "owner", "锯子", "", "", "fp")
    waiting.accept("keeper", 0, 3)
    waiting.reserve("p1", T0)
    add(uows, "t1", waiting)
    uow = uows("t1")
    with uow:
        assert uow.tools.unclaimed(T0 + timedelta(days=1), 10) == []
        assert [t.id for t in uow.tools.unclaimed(T0 + timedelta(days=3), 10)] == ["t-3"]
