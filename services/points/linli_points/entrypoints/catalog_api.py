"""gRPC servicers of the catalog (CatalogService) and the tool library (LibraryService):
proto → use case → proto, nothing else. Registered beside PointsService by grpc_api.specs."""

from __future__ import annotations

from datetime import UTC

from linli.points.v1 import catalog_pb2 as pb
from linli.points.v1 import catalog_pb2_grpc as pb_grpc
from linli_platform.auth import PEOPLE_ROLES, STAFF_ROLES, Role
from linli_platform.context import current_principal
from linli_platform.grpc_server import ServiceSpec, roles
from linli_platform.idempotency import MONGO_STORE, IdempotencyStore, fingerprint, fingerprinted, idempotent
from linli_platform.paging import page_response, page_window
from linli_platform.protos import timestamp

from linli_points.adapters.catalog_unit_of_work import mongo_catalog_unit_of_work
from linli_points.domain.catalog import CatalogItem, ItemSpec
from linli_points.domain.order import Order
from linli_points.domain.tool import Tool
from linli_points.service_layer import catalog, library, orders
from linli_points.service_layer.catalog_unit_of_work import CatalogUnitOfWorkFactory

PEOPLE = STAFF_ROLES | PEOPLE_ROLES
MANAGERS = (Role.DISTRICT_ADMIN, Role.COMMUNITY_STAFF)
FIRMS_AND_STAFF = (*STAFF_ROLES, Role.PROPERTY_FIRM)

_KINDS = {
    "goods": pb.ITEM_KIND_GOODS,
    "service_coupon": pb.ITEM_KIND_SERVICE_COUPON,
    "voucher": pb.ITEM_KIND_VOUCHER,
    "repair_service": pb.ITEM_KIND_REPAIR_SERVICE,
}
_KIND_NAMES = {v: k for k, v in _KINDS.items()}
_PERIODS = {
    "": pb.LIMIT_PERIOD_UNSPECIFIED,
    "day": pb.LIMIT_PERIOD_DAY,
    "week": pb.LIMIT_PERIOD_WEEK,
    "month": pb.LIMIT_PERIOD_MONTH,
    "year": pb.LIMIT_PERIOD_YEAR,
}
_PERIOD_NAMES = {v: k for k, v in _PERIODS.items()}
_ORDER_STATUS = {
    "reserving": pb.ORDER_STATUS_RESERVING,
    "reserved": pb.ORDER_STATUS_RESERVED,
    "fulfilled": pb.ORDER_STATUS_FULFILLED,
    "cancelled": pb.ORDER_STATUS_CANCELLED,
    "expired": pb.ORDER_STATUS_EXPIRED,
    "failed": pb.ORDER_STATUS_FAILED,
}
_ORDER_STATUS_NAMES = {v: k for k, v in _ORDER_STATUS.items()}
_TOOL_STATUS = {
    "offered": pb.TOOL_STATUS_OFFERED,
    "available": pb.TOOL_STATUS_AVAILABLE,
    "reserved": pb.TOOL_STATUS_RESERVED,
    "lent": pb.TOOL_STATUS_LENT,
}
_TOOL_STATUS_NAMES = {v: k for k, v in _TOOL_STATUS.items()}


def _spec(message: pb.ItemSpec) -> ItemSpec:
    return ItemSpec(
        name=message.name,
        kind=_KIND_NAMES.get(message.kind, ""),
        cost=message.cost,
        description=message.description,
        org_id=message.org_id,
        per_person_limit=message.per_person_limit,
        limit_period=_PERIOD_NAMES.get(message.limit_period, ""),
        available_from=message.available_from.ToDatetime(tzinfo=UTC)
        if message.HasField("available_from")
        else None,
        available_until=(
            message.available_until.ToDatetime(tzinfo=UTC) if message.HasField("available_until") else None
        ),
        valid_days=message.valid_days,
    )


def item_pb(item: CatalogItem) -> pb.CatalogItem:
    s = item.spec
    return pb.CatalogItem(
        item_id=item.id,
        spec=pb.ItemSpec(
            name=s.name,
            description=s.description,
            kind=_KINDS.get(s.kind, 0),
            cost=s.cost,
            org_id=s.org_id,
            per_person_limit=s.per_person_limit,
            limit_period=_PERIODS.get(s.limit_period, 0),
            available_from=timestamp(s.available_from),
            available_until=timestamp(s.available_until),
            valid_days=s.valid_days,
        ),
        stock=item.stock,
        held=item.held,
        active=item.active,
        version=item.version,
    )


def order_pb(order: Order) -> pb.Order:
    return pb.Order(
        order_id=order.id,
        item_id=order.item_id,
        item_name=order.item_name,
        kind=_KINDS.get(order.kind, 0),
        subject=order.subject,
        quantity=order.quantity,
        points=order.points,
        status=_ORDER_STATUS[order.status],
        code=order.code,
        org_id=order.org_id,
        placed_at=timestamp(order.placed_at),
        expires_at=timestamp(order.expires_at),
        closed_at=timestamp(order.closed_at),
        reason=order.reason,
        transfer_id=order.transfer_id,
    )


def tool_pb(tool: Tool) -> pb.Tool:
    return pb.Tool(
        tool_id=tool.id,
        name=tool.name,
        description=tool.description,
        owner=tool.owner,
        keeper=tool.keeper,
        status=_TOOL_STATUS[tool.status],
        borrower=tool.borrower,
        deposit=tool.deposit,
        loan_days=tool.loan_days,
        due_at=timestamp(tool.due_at),
        overdue=tool.overdue,
        compound_id=tool.compound_id,
        loans=tool.loans,
    )


class _Base:
    def __init__(
        self,
        unit_of_work: CatalogUnitOfWorkFactory = mongo_catalog_unit_of_work,
        idempotency: IdempotencyStore = MONGO_STORE,
    ):
        self.unit_of_work, self.idempotency = unit_of_work, idempotency

    def _uow(self):
        principal = current_principal()
        return self.unit_of_work(principal.tenant), principal


class CatalogServicer(_Base, pb_grpc.CatalogServiceServicer):
    @roles(*MANAGERS)
    @fingerprinted  # the item's id is the caller's; the item keeps the request's fingerprint
    def CreateItem(self, request, context):
        uow, _ = self._uow()
        item = catalog.create_item(
            uow, request.request_id, request.item_id, _spec(request.spec), request.stock, fingerprint(request)
        )
        return item_pb(item)

    @roles(*MANAGERS)
    @idempotent(pb.CatalogItem)
    def UpdateItem(self, request, context):
        uow, _ = self._uow()
        return item_pb(catalog.update_item(uow, request.item_id, _spec(request.spec), request.active))

    @roles(*MANAGERS)
    @idempotent(pb.CatalogItem)
    def RestockItem(self, request, context):
        uow, _ = self._uow()
        return item_pb(catalog.restock_item(uow, request.item_id, request.delta))

    @roles(*PEOPLE)
    def GetItem(self, request, context):
        uow, caller = self._uow()
        return item_pb(catalog.read_item(uow, caller, request.item_id))

    @roles(*PEOPLE, Role.PROPERTY_FIRM)
    def ListItems(self, request, context):
        uow, caller = self._uow()
        offset, limit = page_window(request.page)
        items, total = catalog.list_items(
            uow, caller, _KIND_NAMES.get(request.kind, ""), request.include_inactive, offset, limit
        )
        return pb.ListItemsResponse(
            items=[item_pb(i) for i in items], page=page_response(offset, limit, len(items), total)
        )

    @roles(*PEOPLE)
    @fingerprinted  # the order's id follows from the request_id
    def PlaceOrder(self, request, context):
        uow, caller = self._uow()
        cmd = orders.PlaceOrder(request.request_id, request.item_id, request.quantity, request.subject)
        return order_pb(orders.place_order(uow, caller, cmd))

    @roles(*PEOPLE, Role.PROPERTY_FIRM)
    def GetOrder(self, request, context):
        uow, caller = self._uow()
        return order_pb(orders.visible_order(uow, caller, request.order_id))

    @roles(*PEOPLE)
    def ListOrders(self, request, context):
        uow, caller = self._uow()
        offset, limit = page_window(request.page)
        found, total = orders.list_orders(
            uow, caller, request.subject, _ORDER_STATUS_NAMES.get(request.status, ""), offset, limit
        )
        return pb.ListOrdersResponse(
            orders=[order_pb(o) for o in found], page=page_response(offset, limit, len(found), total)
        )

    @roles(*FIRMS_AND_STAFF)
    @idempotent(pb.Order)
    def FulfilOrder(self, request, context):
        uow, caller = self._uow()
        return order_pb(orders.fulfil_order(uow, caller, request.order_id))

    @roles(*PEOPLE)
    @idempotent(pb.Order)
    def CancelOrder(self, request, context):
        uow, caller = self._uow()
        return order_pb(orders.cancel_order(uow, caller, request.order_id, request.reason))

    @roles(*FIRMS_AND_STAFF)
    def VerifyCoupon(self, request, context):
        uow, caller = self._uow()
        return order_pb(orders.coupon_by_code(uow, caller, request.code))

    @roles(*FIRMS_AND_STAFF)
    @idempotent(pb.Order)
    def UseCoupon(self, request, context):
        uow, caller = self._uow()
        return order_pb(orders.use_coupon(uow, caller, request.code))

    @roles(Role.PROPERTY_FIRM)
    def ListCoupons(self, request, context):
        uow, caller = self._uow()
        offset, limit = page_window(request.page)
        found, total = orders.list_coupons(
            uow, caller, _ORDER_STATUS_NAMES.get(request.status, ""), offset, limit
        )
        return pb.ListOrdersResponse(
            orders=[order_pb(o) for o in found], page=page_response(offset, limit, len(found), total)
        )


class LibraryServicer(_Base, pb_grpc.LibraryServiceServicer):
    @roles(*PEOPLE)
    @fingerprinted  # the tool's id follows from the request_id
    def OfferTool(self, request, context):
        uow, caller = self._uow()
        tool = library.offer_tool(
            uow,
            caller,
            request.request_id,
            request.name,
            request.description,
            request.compound_id,
            fingerprint(request),
        )
        return tool_pb(tool)

    @roles(*PEOPLE)
    @idempotent(pb.Tool)
    def AcceptTool(self, request, context):
        uow, caller = self._uow()
        return tool_pb(library.accept_tool(uow, caller, request.tool_id, request.deposit, request.loan_days))

    @roles(*PEOPLE)
    @idempotent(pb.Tool)
    def ReserveTool(self, request, context):
        uow, caller = self._uow()
        return tool_pb(library.reserve_tool(uow, caller, request.tool_id))

    @roles(*PEOPLE)
    @idempotent(pb.Tool)
    def CancelReservation(self, request, context):
        uow, caller = self._uow()
        return tool_pb(library.cancel_reservation(uow, caller, request.tool_id))

    @roles(*PEOPLE)
    @idempotent(pb.Tool)
    def LendTool(self, request, context):
        uow, caller = self._uow()
        return tool_pb(library.lend_tool(uow, caller, request.tool_id))

    @roles(*PEOPLE)
    @idempotent(pb.Tool)
    def ReturnTool(self, request, context):
        uow, caller = self._uow()
        return tool_pb(library.return_tool(uow, caller, request.tool_id))

    @roles(*PEOPLE)
    def GetTool(self, request, context):
        uow, _ = self._uow()
        return tool_pb(library.read_tool(uow, request.tool_id))

    @roles(*PEOPLE)
    def ListTools(self, request, context):
        uow, _ = self._uow()
        offset, limit = page_window(request.page)
        found, total = library.list_tools(
            uow, _TOOL_STATUS_NAMES.get(request.status, ""), request.compound_id, offset, limit
        )
        return pb.ListToolsResponse(
            tools=[tool_pb(t) for t in found], page=page_response(offset, limit, len(found), total)
        )


def catalog_specs(
    unit_of_work: CatalogUnitOfWorkFactory = mongo_catalog_unit_of_work,
    idempotency: IdempotencyStore = MONGO_STORE,
) -> list[ServiceSpec]:
    return [
        ServiceSpec(
            CatalogServicer(unit_of_work, idempotency),
            pb_grpc.add_CatalogServiceServicer_to_server,
            pb.DESCRIPTOR.services_by_name["CatalogService"].full_name,
        ),
        ServiceSpec(
            LibraryServicer(unit_of_work, idempotency),
            pb_grpc.add_LibraryServiceServicer_to_server,
            pb.DESCRIPTOR.services_by_name["LibraryService"].full_name,
        ),
    ]
