"""点菜单 (seed 002): a compound's service menu, maintained by staff, ordered from by residents."""

from __future__ import annotations

from linli_platform.auth import Principal

from linli_tickets.domain.copies import MenuItem
from linli_tickets.service_layer.unit_of_work import UnitOfWorkFactory

__all__ = ["MenuItem", "list_menu", "upsert_menu_item"]


def upsert_menu_item(uows: UnitOfWorkFactory, principal: Principal, item: MenuItem) -> MenuItem:
    with uows(principal.tenant) as uow:
        uow.compounds.get(item.compound_id)
        item.check(uow.governance.tickets(item.compound_id).categories)
        uow.menu.put(item)
        return uow.menu.find(item.compound_id, item.item_id)


def list_menu(
    uows: UnitOfWorkFactory,
    principal: Principal,
    compound_id: str,
    include_inactive: bool,
    offset: int,
    limit: int,
) -> tuple[list[MenuItem], int]:
    with uows(principal.tenant) as uow:
        uow.compounds.get(compound_id)
        return uow.menu.page(compound_id, include_inactive, offset, limit)
