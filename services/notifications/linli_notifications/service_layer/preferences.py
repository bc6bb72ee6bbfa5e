"""A person's channel opt-outs and quiet hours."""

from __future__ import annotations

from linli_platform.auth import Principal

from linli_notifications.domain.messages import Preferences
from linli_notifications.service_layer.unit_of_work import NotificationsUnitOfWork


def get(uow: NotificationsUnitOfWork, subject: str) -> Preferences:
    """The person's preferences (none stored: no opt-outs, the district's quiet hours)."""
    return uow.preferences.find(subject) or Preferences(uow.tenant, subject)


def set_preferences(
    uow: NotificationsUnitOfWork, principal: Principal, opt_out: list[str], quiet_start: str, quiet_end: str
) -> Preferences:
    with uow:
        preferences = uow.preferences.find(principal.subject)
        if preferences is None:
            preferences = Preferences(uow.tenant, principal.subject)
            uow.preferences.add(preferences)
        preferences.change(opt_out, quiet_start, quiet_end)
        uow.commit()
    return preferences
