"""Mongo repositories of the catalog, orders and tool library (tenant-scoped by the kit)."""

from __future__ import annotations

from dataclasses import asdict

from linli_platform.mongo_repository import MongoRepository

from linli_points.adapters.catalog_documents import CatalogItemDoc, OrderDoc, ToolDoc
from linli_points.domain.catalog import CatalogItem, ItemSpec
from linli_points.domain.order import Order
from linli_points.domain.tool import LENT, RESERVED, Tool
from linli_points.service_layer.catalog_unit_of_work import Items, Orders, Tools

_ORDER_FIELDS = (
    "item_id",
    "item_name",
    "kind",
    "org_id",
    "subject",
    "quantity",
    "points",
    "status",
    "code",
    "period",
    "placed_at",
    "expires_at",
    "closed_at",
    "reason",
    "closed_by",
    "fingerprint",
)
_TOOL_FIELDS = (
    "name",
    "description",
    "owner",
    "compound_id",
    "status",
    "keeper",
    "borrower",
    "deposit",
    "loan_days",
    "due_at",
    "reserved_until",
    "overdue",
    "loans",
    "fingerprint",
)


class MongoItems(MongoRepository[CatalogItem], Items):
    document, key, label = CatalogItemDoc, "item_id", Items.label

    def to_stored(self, item: CatalogItem) -> dict:
        return {
            "spec": asdict(item.spec),
            "kind": item.spec.kind,
            "active": item.active,
            "stock": item.stock,
            "holds": dict(item.holds),
            "claims": dict(item.claims),
            "claims_period": item.claims_period,
            "fingerprint": item.fingerprint,
        }

    def from_stored(self, s: dict) -> CatalogItem:
        return CatalogItem(
            tenant_id=s["tenant_id"],
            id=s["item_id"],
            spec=ItemSpec(**s["spec"]),
            stock=s["stock"],
            active=s["active"],
            holds=dict(s.get("holds", {})),
            claims=dict(s.get("claims", {})),
            claims_period=s.get("claims_period", ""),
            fingerprint=s.get("fingerprint", ""),
            version=s["version"],
        )

    def page(self, kind, include_inactive, offset, limit):
        conditions: dict = {}
        if kind:
            conditions["kind"] = kind
        if not include_inactive:
            conditions["active"] = True
        found = self._find(conditions, {"outbox": 0}, sort=[("item_id", 1)], skip=offset, limit=limit)
        return [self._loaded(d) for d in found], self._count(conditions)


class MongoOrders(MongoRepository[Order], Orders):
    document, key, label = OrderDoc, "order_id", Orders.label

    def to_stored(self, order: Order) -> dict:
        return {name: getattr(order, name) for name in _ORDER_FIELDS}

    def from_stored(self, s: dict) -> Order:
        return Order(
            tenant_id=s["tenant_id"],
            id=s["order_id"],
            version=s["version"],
            **{n: s.get(n) for n in _ORDER_FIELDS},
        )

    def by_code(self, code):
        found = self._find_one({"code": code}, {"outbox": 0})
        return self._loaded(found) if found else None

    def page(self, subject, org_id, status, offset, limit):
        conditions: dict = {}
        if subject:
            conditions["subject"] = subject
        if org_id:
            conditions["org_id"] = org_id
        if status:
            conditions["status"] = status
        found = self._find(
            conditions, {"outbox": 0}, sort=[("placed_at", -1), ("order_id", 1)], skip=offset, limit=limit
        )
        return [self._loaded(d) for d in found], self._count(conditions)

    def due(self, now, stuck_before, limit):
        reserved = self._find({"status": "reserved", "expires_at": {"$lte": now}}, {"outbox": 0}, limit=limit)
        stuck = self._find(
            {"status": "reserving", "placed_at": {"$lte": stuck_before}}, {"outbox": 0}, limit=limit
        )
        return [self._loaded(d) for d in reserved + stuck]


class MongoTools(MongoRepository[Tool], Tools):
    document, key, label = ToolDoc, "tool_id", Tools.label

    def to_stored(self, tool: Tool) -> dict:
        return {name: getattr(tool, name) for name in _TOOL_FIELDS}

    def from_stored(self, s: dict) -> Tool:
        return Tool(
            tenant_id=s["tenant_id"],
            id=s["tool_id"],
            version=s["version"],
            **{n: s.get(n) for n in _TOOL_FIELDS},
        )

    def page(self, status, compound_id, offset, limit):
        conditions: dict = {}
        if status:
            conditions["status"] = status
        if compound_id:
            conditions["compound_id"] = compound_id
        found = self._find(conditions, {"outbox": 0}, sort=[("tool_id", 1)], skip=offset, limit=limit)
        return [self._loaded(d) for d in found], self._count(conditions)

    def overdue(self, now, limit):
        found = self._find(
            {"status": LENT, "overdue": False, "due_at": {"$lt": now}}, {"outbox": 0}, limit=limit
        )
        return [self._loaded(d) for d in found]

    def unclaimed(self, now, limit):
        found = self._find({"status": RESERVED, "reserved_until": {"$lt": now}}, {"outbox": 0}, limit=limit)
        return [self._loaded(d) for d in found]
