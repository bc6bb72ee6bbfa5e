"""gRPC servicer of the notifications service."""

from __future__ import annotations

from google.protobuf.timestamp_pb2 import Timestamp
from linli.notifications.v1 import notifications_pb2 as pb
from linli.notifications.v1 import notifications_pb2_grpc as pb_grpc
from linli_platform.api import run_api
from linli_platform.context import current_principal
from linli_platform.grpc_server import ServiceSpec
from linli_platform.idempotency import idempotent
from linli_platform.paging import page_response, page_window

from linli_notifications.service_layer import handlers


def entry_pb(doc) -> pb.InboxEntry:
    created = Timestamp()
    created.FromDatetime(doc.created_at)
    return pb.InboxEntry(id=doc.entry_id, tenant_id=doc.tenant_id, recipient=doc.recipient, title=doc.title,
                         body=doc.body, event_type=doc.event_type, event_id=doc.event_id, read=doc.read,
                         created_at=created)


class NotificationsServicer(pb_grpc.NotificationsServiceServicer):
    def ListInbox(self, request, context):
        offset, limit = page_window(request.page)
        docs, total, unread = handlers.list_inbox(current_principal(), request.recipient, request.unread_only,
                                                  offset, limit)
        return pb.ListInboxResponse(entries=[entry_pb(d) for d in docs], unread=unread,
                                    page=page_response(offset, limit, len(docs), total))

    @idempotent(pb.MarkReadResponse)
    def MarkRead(self, request, context):
        return pb.MarkReadResponse(marked=handlers.mark_read(current_principal(), list(request.entry_ids)))


def specs(_settings) -> list[ServiceSpec]:
    return [ServiceSpec(NotificationsServicer(), pb_grpc.add_NotificationsServiceServicer_to_server,
                        pb.DESCRIPTOR.services_by_name["NotificationsService"].full_name)]


if __name__ == "__main__":
    run_api("notifications", specs)
