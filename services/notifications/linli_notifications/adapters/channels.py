"""Channels behind one interface: SMS and WeChat gateways, a recording adapter, the webhook sender."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

import requests
from linli_webhooks import (
    DELIVERY_ID_HEADER,
    EVENT_ID_HEADER,
    EVENT_TYPE_HEADER,
    SIGNATURE_HEADER,
    signature_header,
)
from mongoengine import DateTimeField, Document, StringField

from linli_notifications.adapters.egress_http import default_policy, policy_session, refusal_in
from linli_notifications.domain.egress import EgressPolicy, EgressRefused


@dataclass(frozen=True)
class OutgoingMessage:
    tenant_id: str
    channel: str
    recipient: str
    title: str
    body: str
    message_id: str


class ChannelAdapter(Protocol):
    """Sends one message; raises on failure (the caller keeps it queued)."""

    def send(self, message: OutgoingMessage) -> None: ...


class RecordedMessage(Document):
    """What the recording adapter 'sent' (dev and tests): visible across processes."""

    tenant_id = StringField(required=True)
    channel = StringField(required=True)
    recipient = StringField(required=True)
    title = StringField(required=True)
    body = StringField(required=True)
    message_id = StringField(required=True)
    sent_at = DateTimeField(required=True)
    meta = {"collection": "recorded_messages", "indexes": [{"fields": ["message_id"], "unique": True}]}


class RecordingChannel:
    def send(self, message: OutgoingMessage) -> None:
        RecordedMessage.objects(message_id=message.message_id).update_one(
            upsert=True,
            set__tenant_id=message.tenant_id,
            set__channel=message.channel,
            set__recipient=message.recipient,
            set__title=message.title,
            set__body=message.body,
            set__sent_at=datetime.now(UTC),
        )


class HttpGatewayChannel:
    """An SMS or WeChat template-message gateway reached over HTTP (JSON POST, 2xx = accepted)."""

    def __init__(self, url: str, timeout: float = 5.0):
        self.url = url
        self.timeout = timeout

    def send(self, message: OutgoingMessage) -> None:
        response = requests.post(
            self.url,
            timeout=self.timeout,
            json={
                "channel": message.channel,
                "to": message.recipient,
                "title": message.title,
                "text": message.body,
                "id": message.message_id,
            },
        )
        response.raise_for_status()


def channel_adapters(sms_url: str = "", wechat_url: str = "") -> dict[str, ChannelAdapter]:
    recording = RecordingChannel()
    return {
        "sms": HttpGatewayChannel(sms_url) if sms_url else recording,
        "wechat": HttpGatewayChannel(wechat_url) if wechat_url else recording,
    }


@dataclass(frozen=True)
class PostResult:
    status_code: int
    error: str = ""

    @property
    def ok(self) -> bool:
        return 200 <= self.status_code < 300


class WebhookSender:
    """POSTs a signed body. Never raises: the outcome goes to the delivery log.

    Before every POST the URL is checked against the egress policy (the host's addresses may have
    changed since the subscription was made), and the connection itself only opens to addresses the
    policy allows (adapters/egress_http.py). Redirects are not followed: a 3xx is a failed attempt,
    since following one would let a receiver send the worker anywhere, past both checks.
    """

    def __init__(
        self, egress: EgressPolicy | None = None, timeout: float = 10.0, clock=lambda: datetime.now(UTC)
    ):
        self.egress = egress or default_policy()
        self.timeout = timeout
        self.clock = clock
        self.session = policy_session(self.egress)

    def post(
        self, url: str, secret: str, body: str, *, event_id: str, event_type: str, delivery_id: str
    ) -> PostResult:
        try:
            self.egress.check(url)
        except EgressRefused as refused:
            return PostResult(0, f"not sent: {refused.reason}"[:500])
        raw = body.encode("utf-8")
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "linli-webhooks/1",
            SIGNATURE_HEADER: signature_header(secret, raw, int(self.clock().timestamp())),
            EVENT_ID_HEADER: event_id,
            EVENT_TYPE_HEADER: event_type,
            DELIVERY_ID_HEADER: delivery_id,
        }
        try:
            response = self.session.post(
                url, data=raw, headers=headers, timeout=self.timeout, allow_redirects=False
            )
        except requests.RequestException as exc:
            reason = refusal_in(exc)
            if reason is not None:  # the host resolved differently when the connection opened
                return PostResult(0, f"not sent: {reason}"[:500])
            return PostResult(0, f"{type(exc).__name__}: {exc}"[:500])
        if 300 <= response.status_code < 400:
            location = response.headers.get("Location", "(no Location)")
            return PostResult(
                response.status_code,
                f"redirect to {location} not followed: answer 2xx at the subscribed URL"[:500],
            )
        error = "" if 200 <= response.status_code < 300 else response.text[:200]
        return PostResult(response.status_code, error)
