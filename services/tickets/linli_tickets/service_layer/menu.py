"""点菜单 (seed 002): a compound's service menu, maintained by staff, ordered from by residents."""

from __future__ import annotations

from dataclasses import dataclass

from linli_platform.auth import Principal
from linli_platform.errors import InvalidField

from linli_tickets.adapters import governance, repository
from linli_tickets.adapters.documents import MenuItemDoc


@dataclass
class MenuItem:
    compound_id: str
    item_id: str
    name: str
    category: str
    price_model: str
    description: str = ""
    price_fen: int = 0
    provider_kind: str = ""
    complete_within_hours: int = 0
    active: bool = True


def upsert_menu_item(principal: Principal, item: MenuItem) -> MenuItemDoc:
    tenant = principal.tenant
    repository.compound(tenant, item.compound_id)
    categories = governance.tickets_config(tenant, item.compound_id).categories
    if item.category not in categories:
        raise InvalidField("category", f"is not a category of this district ({', '.join(categories)})")
    if item.price_model == "fixed" and item.price_fen <= 0:
        raise InvalidField("price_fen", "a fixed price must be more than 0 fen")
    if item.price_model != "fixed" and item.price_fen:
        raise InvalidField("price_fen", "only a fixed price model carries a price")
    MenuItemDoc.scoped(tenant).filter(compound_id=item.compound_id, item_id=item.item_id).update_one(
        upsert=True,
        set__name=item.name,
        set__description=item.description,
        set__category=item.category,
        set__price_model=item.price_model,
        set__price_fen=item.price_fen,
        set__provider_kind=item.provider_kind,
        set__complete_within_hours=item.complete_within_hours,
        set__active=item.active,
    )
    return MenuItemDoc.scoped(tenant).get(compound_id=item.compound_id, item_id=item.item_id)


def list_menu(
    principal: Principal, compound_id: str, include_inactive: bool, offset: int, limit: int
) -> tuple[list[MenuItemDoc], int]:
    repository.compound(principal.tenant, compound_id)
    query = MenuItemDoc.scoped(principal.tenant).filter(compound_id=compound_id)
    if not include_inactive:
        query = query.filter(active=True)
    return list(query.order_by("item_id").skip(offset).limit(limit)), query.count()
