"""gRPC servicer of the notifications service: proto ↔ use case, nothing else."""

from __future__ import annotations

from linli.notifications.v1 import notifications_pb2 as pb
from linli.notifications.v1 import notifications_pb2_grpc as pb_grpc
from linli_platform.api import run_api
from linli_platform.auth import PEOPLE_ROLES, STAFF_ROLES, Role
from linli_platform.config_version import with_config_version
from linli_platform.context import current_principal
from linli_platform.grpc_server import ServiceSpec, roles
from linli_platform.idempotency import MONGO_STORE, IdempotencyStore, idempotent
from linli_platform.paging import page_response, page_window

from linli_notifications.adapters.egress_http import default_policy
from linli_notifications.adapters.unit_of_work import mongo_unit_of_work
from linli_notifications.domain.announcements import Target
from linli_notifications.domain.egress import EgressPolicy
from linli_notifications.entrypoints import convert
from linli_notifications.service_layer import announcements, direct, inbox, preferences, templates, webhooks
from linli_notifications.service_layer.unit_of_work import NotificationsUnitOfWork, UnitsOfWork
from linli_notifications.settings import NotificationsSettings

TEMPLATE_EDITORS = (Role.DISTRICT_ADMIN, Role.COMMUNITY_STAFF)
WEBHOOK_ROLES = (Role.DISTRICT_ADMIN, Role.PROPERTY_FIRM)


class NotificationsServicer(pb_grpc.NotificationsServiceServicer):
    def __init__(self, egress: EgressPolicy, uows: UnitsOfWork, idempotency: IdempotencyStore = MONGO_STORE):
        self.egress = egress  # what webhook URLs may be subscribed
        self.uows = uows
        self.idempotency = idempotency

    def _uow(self) -> NotificationsUnitOfWork:
        return self.uows(current_principal().tenant)

    def ListInbox(self, request, context):
        offset, limit = page_window(request.page)
        entries, total, unread = inbox.list_inbox(
            self._uow(), current_principal(), request.recipient, request.unread_only, offset, limit
        )
        return pb.ListInboxResponse(
            entries=[convert.entry(e) for e in entries],
            unread=unread,
            page=page_response(offset, limit, len(entries), total),
        )

    @idempotent(pb.MarkReadResponse)
    def MarkRead(self, request, context):
        marked = inbox.mark_read(self._uow(), current_principal(), list(request.entry_ids), request.recipient)
        return pb.MarkReadResponse(marked=marked)

    @roles(*TEMPLATE_EDITORS)
    @idempotent(pb.SetTemplateResponse)
    def SetTemplate(self, request, context):
        text = templates.set_template(
            self._uow(), current_principal(), request.key, request.title, request.body
        )
        return pb.SetTemplateResponse(template=convert.template(text))

    @roles(*STAFF_ROLES)
    def ListTemplates(self, request, context):
        return pb.ListTemplatesResponse(
            templates=[convert.template(t) for t in templates.list_templates(self._uow())]
        )

    @roles(*STAFF_ROLES)
    def PreviewTemplate(self, request, context):
        result = templates.preview(self._uow(), request.key, request.title, request.body, request.sample_json)
        if isinstance(result, str):
            return pb.PreviewTemplateResponse(error=result)
        return pb.PreviewTemplateResponse(title=result.title, body=result.body)

    def GetPreferences(self, request, context):
        return convert.preferences(preferences.get(self._uow(), current_principal().subject))

    @idempotent(pb.Preferences)
    def SetPreferences(self, request, context):
        saved = preferences.set_preferences(
            self._uow(), current_principal(), list(request.opt_out), request.quiet_start, request.quiet_end
        )
        return convert.preferences(saved)

    @roles(*STAFF_ROLES, *PEOPLE_ROLES)  # building leaders: checked in the use case
    @idempotent(pb.AnnounceResponse)
    def Announce(self, request, context):
        target = Target(
            request.building_id, request.compound_id, request.community_id, tuple(request.care_tags)
        )
        done = announcements.announce(
            self._uow(),
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

    @roles(*STAFF_ROLES, Role.PROPERTY_FIRM)
    @idempotent(pb.SendDirectMessageResponse)
    def SendDirectMessage(self, request, context):
        entry = direct.send(
            self._uow(),
            current_principal(),
            request.request_id,
            request.recipient,
            request.title,
            request.body,
        )
        return pb.SendDirectMessageResponse(entry=convert.entry(entry))

    @roles(*WEBHOOK_ROLES)
    def ListWebhookEventTypes(self, request, context):
        return pb.ListWebhookEventTypesResponse(event_types=webhooks.subscribable_event_types(self._uow()))

    @roles(*WEBHOOK_ROLES)
    @idempotent(pb.CreateWebhookSubscriptionResponse)
    def CreateWebhookSubscription(self, request, context):
        subscription, secret = webhooks.create_subscription(
            self._uow(),
            current_principal(),
            request.org_id,
            list(request.event_types),
            request.url,
            egress=self.egress,
        )
        return pb.CreateWebhookSubscriptionResponse(
            subscription=convert.subscription(subscription), secret=secret
        )

    @roles(*WEBHOOK_ROLES)
    def ListWebhookSubscriptions(self, request, context):
        offset, limit = page_window(request.page)
        found, total = webhooks.list_subscriptions(
            self._uow(), current_principal(), request.org_id, offset, limit
        )
        return pb.ListWebhookSubscriptionsResponse(
            subscriptions=[convert.subscription(s) for s in found],
            page=page_response(offset, limit, len(found), total),
        )

    @roles(*WEBHOOK_ROLES)
    @idempotent(pb.DeleteWebhookSubscriptionResponse)
    def DeleteWebhookSubscription(self, request, context):
        webhooks.delete_subscription(self._uow(), current_principal(), request.subscription_id)
        return pb.DeleteWebhookSubscriptionResponse()

    @roles(*WEBHOOK_ROLES)
    def ListWebhookDeliveries(self, request, context):
        offset, limit = page_window(request.page)
        found, total = webhooks.list_deliveries(
            self._uow(), current_principal(), request.subscription_id, request.status, offset, limit
        )
        return pb.ListWebhookDeliveriesResponse(
            deliveries=[convert.delivery(d) for d in found],
            page=page_response(offset, limit, len(found), total),
        )

    @roles(*WEBHOOK_ROLES)
    @idempotent(pb.ReplayWebhookDeliveryResponse)
    def ReplayWebhookDelivery(self, request, context):
        delivery = webhooks.replay(self._uow(), current_principal(), request.delivery_id)
        return pb.ReplayWebhookDeliveryResponse(delivery=convert.delivery(delivery))


def specs(
    settings: NotificationsSettings | None,
    egress: EgressPolicy | None = None,
    uows: UnitsOfWork | None = None,
    idempotency: IdempotencyStore = MONGO_STORE,
) -> list[ServiceSpec]:
    """The servicer; `egress` defaults to the system resolver and LINLI_WEBHOOK_ALLOW_PRIVATE, the
    storage to MongoDB (tests pass the fakes)."""
    if egress is None:
        egress = default_policy(settings.webhook_allow_private if settings else False)
    return [
        ServiceSpec(
            NotificationsServicer(egress, uows or mongo_unit_of_work(), idempotency),
            pb_grpc.add_NotificationsServiceServicer_to_server,
            pb.DESCRIPTOR.services_by_name["NotificationsService"].full_name,
        )
    ]


if __name__ == "__main__":
    run_api(
        "notifications", with_config_version(specs, mongo_unit_of_work().reads.config), NotificationsSettings
    )
