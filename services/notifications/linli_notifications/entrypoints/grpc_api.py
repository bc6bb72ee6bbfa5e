"""gRPC servicer of the notifications service: proto ↔ use case, nothing else."""

from __future__ import annotations

from linli.notifications.v1 import notifications_pb2 as pb
from linli.notifications.v1 import notifications_pb2_grpc as pb_grpc
from linli_platform.api import run_api
from linli_platform.auth import STAFF_ROLES
from linli_platform.context import current_principal
from linli_platform.grpc_server import ServiceSpec, roles
from linli_platform.idempotency import idempotent
from linli_platform.paging import page_response, page_window

from linli_notifications.adapters.egress_http import default_policy
from linli_notifications.domain.egress import EgressPolicy
from linli_notifications.entrypoints import convert
from linli_notifications.service_layer import announcements, direct, inbox, preferences, templates, webhooks
from linli_notifications.settings import NotificationsSettings

STAFF = tuple(sorted(STAFF_ROLES))
TEMPLATE_EDITORS = ("district_admin", "community_staff")
WEBHOOK_ROLES = ("district_admin", "property_firm")


class NotificationsServicer(pb_grpc.NotificationsServiceServicer):
    def __init__(self, egress: EgressPolicy):
        self.egress = egress  # what webhook URLs may be subscribed

    def ListInbox(self, request, context):
        offset, limit = page_window(request.page)
        docs, total, unread = inbox.list_inbox(
            current_principal(), request.recipient, request.unread_only, offset, limit
        )
        return pb.ListInboxResponse(
            entries=[convert.entry(d) for d in docs],
            unread=unread,
            page=page_response(offset, limit, len(docs), total),
        )

    @idempotent(pb.MarkReadResponse)
    def MarkRead(self, request, context):
        marked = inbox.mark_read(current_principal(), list(request.entry_ids), request.recipient)
        return pb.MarkReadResponse(marked=marked)

    @roles(*TEMPLATE_EDITORS)
    @idempotent(pb.SetTemplateResponse)
    def SetTemplate(self, request, context):
        text = templates.set_template(current_principal(), request.key, request.title, request.body)
        return pb.SetTemplateResponse(template=convert.template(text))

    @roles(*STAFF)
    def ListTemplates(self, request, context):
        return pb.ListTemplatesResponse(
            templates=[convert.template(t) for t in templates.list_templates(current_principal())]
        )

    @roles(*STAFF)
    def PreviewTemplate(self, request, context):
        result = templates.preview(
            current_principal(), request.key, request.title, request.body, request.sample_json
        )
        if isinstance(result, str):
            return pb.PreviewTemplateResponse(error=result)
        return pb.PreviewTemplateResponse(title=result.title, body=result.body)

    def GetPreferences(self, request, context):
        principal = current_principal()
        return convert.preferences(preferences.get(principal.tenant, principal.subject))

    @idempotent(pb.Preferences)
    def SetPreferences(self, request, context):
        doc = preferences.set_preferences(
            current_principal(), list(request.opt_out), request.quiet_start, request.quiet_end
        )
        return convert.preferences(doc)

    @roles(*STAFF, "council", "volunteer", "resident")  # building leaders: checked in the use case
    @idempotent(pb.AnnounceResponse)
    def Announce(self, request, context):
        target = announcements.Target(
            request.building_id, request.compound_id, request.community_id, tuple(request.care_tags)
        )
        done = announcements.announce(
            current_principal(),
            request.request_id,
            request.title,
            request.body,
            target,
            list(request.channels),
        )
        return pb.AnnounceResponse(
            announcement_id=done.announcement_id, households=done.households, inbox_entries=done.inbox_entries
        )

    @roles(*STAFF, "property_firm")
    @idempotent(pb.SendDirectMessageResponse)
    def SendDirectMessage(self, request, context):
        doc = direct.send(
            current_principal(), request.request_id, request.recipient, request.title, request.body
        )
        return pb.SendDirectMessageResponse(entry=convert.entry(doc))

    @roles(*WEBHOOK_ROLES)
    @idempotent(pb.CreateWebhookSubscriptionResponse)
    def CreateWebhookSubscription(self, request, context):
        doc, secret = webhooks.create_subscription(
            current_principal(), request.org_id, list(request.event_types), request.url, egress=self.egress
        )
        return pb.CreateWebhookSubscriptionResponse(subscription=convert.subscription(doc), secret=secret)

    @roles(*WEBHOOK_ROLES)
    def ListWebhookSubscriptions(self, request, context):
        offset, limit = page_window(request.page)
        docs, total = webhooks.list_subscriptions(current_principal(), request.org_id, offset, limit)
        return pb.ListWebhookSubscriptionsResponse(
            subscriptions=[convert.subscription(d) for d in docs],
            page=page_response(offset, limit, len(docs), total),
        )

    @roles(*WEBHOOK_ROLES)
    @idempotent(pb.DeleteWebhookSubscriptionResponse)
    def DeleteWebhookSubscription(self, request, context):
        webhooks.delete_subscription(current_principal(), request.subscription_id)
        return pb.DeleteWebhookSubscriptionResponse()

    @roles(*WEBHOOK_ROLES)
    def ListWebhookDeliveries(self, request, context):
        offset, limit = page_window(request.page)
        docs, total = webhooks.list_deliveries(
            current_principal(), request.subscription_id, request.status, offset, limit
        )
        return pb.ListWebhookDeliveriesResponse(
            deliveries=[convert.delivery(d) for d in docs],
            page=page_response(offset, limit, len(docs), total),
        )

    @roles(*WEBHOOK_ROLES)
    @idempotent(pb.ReplayWebhookDeliveryResponse)
    def ReplayWebhookDelivery(self, request, context):
        doc = webhooks.replay(current_principal(), request.delivery_id)
        return pb.ReplayWebhookDeliveryResponse(delivery=convert.delivery(doc))


def specs(settings: NotificationsSettings, egress: EgressPolicy | None = None) -> list[ServiceSpec]:
    """The servicer; `egress` defaults to the system resolver and LINLI_WEBHOOK_ALLOW_PRIVATE."""
    if egress is None:
        egress = default_policy(settings.webhook_allow_private)
    return [
        ServiceSpec(
            NotificationsServicer(egress),
            pb_grpc.add_NotificationsServiceServicer_to_server,
            pb.DESCRIPTOR.services_by_name["NotificationsService"].full_name,
        )
    ]


if __name__ == "__main__":
    run_api("notifications", specs, NotificationsSettings)
