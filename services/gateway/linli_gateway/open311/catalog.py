"""What a district offers over Open311: its ticket categories and each compound's service menu (点菜单).

Reference data (district, compounds, menus) changes rarely, so it is cached for a short while per
district; a report or a query never waits on more than one cold load.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import grpc
from linli.common.v1 import common_pb2
from linli.communities.v1 import communities_pb2 as cpb
from linli.communities.v1 import governance_pb2 as gpb
from linli.tickets.v1 import tickets_pb2 as tpb
from linli_governance.tickets import DEFAULT_CATEGORIES

from linli_gateway.backends import Acting, Backends
from linli_gateway.open311.errors import from_rpc, not_found

CACHE_SECONDS = 30.0
MENU_PREFIX = "menu."
GROUP_REPAIR = "报修"
# No config in force (or no governance API yet): the schema's default categories apply.
NO_CONFIG = (grpc.StatusCode.UNIMPLEMENTED, grpc.StatusCode.NOT_FOUND, grpc.StatusCode.FAILED_PRECONDITION)
log = logging.getLogger("linli.gateway.catalog")


@dataclass(frozen=True)
class Service:
    code: str
    name: str
    description: str
    category: str
    group: str
    compound_id: str = ""
    item_id: str = ""

    @property
    def is_menu(self) -> bool:
        return bool(self.item_id)


@dataclass
class District:
    tenant: str
    name: str
    zone: ZoneInfo
    compounds: dict[str, str] = field(default_factory=dict)  # id → name
    communities: dict[str, str] = field(default_factory=dict)  # compound id → community id
    common_categories: list[str] = field(default_factory=list)  # listed first on the QR page
    services: dict[str, Service] = field(default_factory=dict)  # code → service

    def service_name(self, category: str, menu_item_id: str, compound_id: str) -> tuple[str, str]:
        """(service_code, service_name) of a ticket."""
        if menu_item_id:
            code = f"{MENU_PREFIX}{compound_id}.{menu_item_id}"
            found = self.services.get(code)
            return code, found.name if found else menu_item_id
        found = self.services.get(category)
        return category, found.name if found else category


def reader(tenant: str) -> Acting:
    return Acting(tenant=tenant, role="community_staff", subject="gateway:open311")


def category_services(categories: dict[str, dict]) -> list[Service]:
    services = []
    for key, category in categories.items():
        name = category.get("name") if isinstance(category, dict) else None
        name = name if isinstance(name, str) and name else key
        services.append(
            Service(code=key, name=name, description=f"{name}报修", category=key, group=GROUP_REPAIR)
        )
    return services


DEFAULT_SERVICES = category_services({k: c.model_dump() for k, c in DEFAULT_CATEGORIES.items()})


class Catalog:
    def __init__(self, backends: Backends, ttl: float = CACHE_SECONDS):
        self._backends = backends
        self._ttl = ttl
        self._cache: dict[str, tuple[float, District]] = {}
        self._lock = threading.Lock()

    def district(self, tenant: str) -> District:
        now = time.monotonic()
        cached = self._cache.get(tenant)
        if cached is not None and now - cached[0] < self._ttl:
            return cached[1]
        loaded = self._load(tenant)
        with self._lock:
            if len(self._cache) > 1000:
                self._cache.clear()
            self._cache[tenant] = (now, loaded)
        return loaded

    def _load(self, tenant: str) -> District:
        acting = reader(tenant)
        try:
            info = self._backends.call(
                self._backends.communities.GetTenant, cpb.GetTenantRequest(tenant_id=tenant), acting
            )
        except grpc.RpcError as err:
            if err.code() in (
                grpc.StatusCode.NOT_FOUND,
                grpc.StatusCode.PERMISSION_DENIED,
                grpc.StatusCode.INVALID_ARGUMENT,
            ):
                raise not_found(f"jurisdiction_id {tenant} 不存在") from err
            raise from_rpc(err) from err
        try:
            zone = ZoneInfo(info.timezone or "Asia/Shanghai")
        except (ZoneInfoNotFoundError, ValueError):
            zone = ZoneInfo("Asia/Shanghai")
        district = District(tenant=tenant, name=info.name, zone=zone)
        categories, district.common_categories = self._categories(acting)
        district.services = {s.code: s for s in categories}
        for compound in self._compounds(acting):
            district.compounds[compound.id] = compound.name
            district.communities[compound.id] = compound.community_id
            for item in self._menu(acting, compound.id):
                code = f"{MENU_PREFIX}{compound.id}.{item.id}"
                district.services[code] = Service(
                    code=code,
                    name=f"{item.name}（{compound.name}）",
                    description=item.description or item.name,
                    category=item.category,
                    group=f"点菜单·{compound.name}",
                    compound_id=compound.id,
                    item_id=item.id,
                )
        return district

    def _categories(self, acting: Acting) -> tuple[list[Service], list[str]]:
        """The district's ticket categories from its governance configuration in force, and the
        ones it lists first on the QR page (``tickets.common_categories``)."""
        try:
            config = self._backends.call(
                self._backends.governance.GetEffectiveConfig, gpb.GetEffectiveConfigRequest(), acting
            )
        except grpc.RpcError as err:
            if err.code() in NO_CONFIG:
                return DEFAULT_SERVICES, []
            raise from_rpc(err) from err
        try:
            tickets = json.loads(config.sections_json)["tickets"]
            categories = tickets["categories"]
        except (ValueError, KeyError, TypeError):
            log.warning("effective config of %s has no ticket categories; using defaults", acting.tenant)
            return DEFAULT_SERVICES, []
        if not (isinstance(categories, dict) and categories):
            return DEFAULT_SERVICES, []
        common = tickets.get("common_categories") or []
        return category_services(categories), [c for c in common if isinstance(c, str) and c in categories]

    def _compounds(self, acting: Acting) -> list:
        found, token = [], ""
        while True:
            try:
                page = self._backends.call(
                    self._backends.communities.ListCompounds,
                    cpb.ListCompoundsRequest(page=common_pb2.PageRequest(page_size=500, page_token=token)),
                    acting,
                )
            except grpc.RpcError as err:
                raise from_rpc(err) from err
            found.extend(page.compounds)
            token = page.page.next_page_token
            if not token or len(found) >= 5000:
                return found

    def _menu(self, acting: Acting, compound_id: str) -> list:
        found, token = [], ""
        while True:
            try:
                page = self._backends.call(
                    self._backends.tickets.ListMenu,
                    tpb.ListMenuRequest(
                        compound_id=compound_id, page=common_pb2.PageRequest(page_size=500, page_token=token)
                    ),
                    acting,
                )
            except grpc.RpcError as err:
                if err.code() in (grpc.StatusCode.UNIMPLEMENTED, grpc.StatusCode.NOT_FOUND):
                    return found  # tickets does not know this compound (yet): no menu to offer
                raise from_rpc(err) from err
            found.extend(page.items)
            token = page.page.next_page_token
            if not token or len(found) >= 1000:
                return found
