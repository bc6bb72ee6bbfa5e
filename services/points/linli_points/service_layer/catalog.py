"""Catalog items: district administrators and community staff create, change and restock them;
everyone in the district reads them."""

from __future__ import annotations

from linli_platform.auth import Principal
from linli_platform.errors import NotFound
from linli_platform.idempotency import check_same

from linli_points.domain.catalog import CatalogItem, ItemSpec
from linli_points.service_layer.catalog_unit_of_work import CatalogUnitOfWork


def create_item(
    uow: CatalogUnitOfWork, request_id: str, item_id: str, spec: ItemSpec, stock: int, offered: str
) -> CatalogItem:
    """Idempotent by item id: the same request again answers the item, other content ALREADY_EXISTS."""
    with uow:
        found = uow.items.find(item_id)
        if found is not None:
            check_same(found.fingerprint, offered, request_id)
            return found
        item = CatalogItem.create(uow.tenant, item_id, spec, stock, offered)
        uow.items.add(item)
        uow.commit()
        return item


def update_item(uow: CatalogUnitOfWork, item_id: str, spec: ItemSpec, active: bool) -> CatalogItem:
    with uow:
        item = uow.items.get(item_id)
        item.update(spec, active)
        uow.commit()
        return item


def restock_item(uow: CatalogUnitOfWork, item_id: str, delta: int) -> CatalogItem:
    with uow:
        item = uow.items.get(item_id)
        item.restock(delta)
        uow.commit()
        return item


def read_item(uow: CatalogUnitOfWork, caller: Principal, item_id: str) -> CatalogItem:
    with uow:
        item = uow.items.get(item_id)
    if not item.active and not caller.is_staff:
        raise NotFound(f"catalog item {item_id} not found")
    return item


def list_items(
    uow: CatalogUnitOfWork, caller: Principal, kind: str, include_inactive: bool, offset: int, limit: int
) -> tuple[list[CatalogItem], int]:
    with uow:
        return uow.items.page(kind, include_inactive and caller.is_staff, offset, limit)
