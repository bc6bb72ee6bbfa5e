"""A person's channel opt-outs and quiet hours."""

from __future__ import annotations

from linli_platform.auth import Principal
from linli_platform.errors import InvalidField

from linli_notifications.adapters.documents import PreferenceDoc


def get(tenant_id: str, subject: str) -> PreferenceDoc:
    return PreferenceDoc.scoped(tenant_id).filter(subject=subject).first() or PreferenceDoc(
        tenant_id=tenant_id, subject=subject
    )


def set_preferences(
    principal: Principal, opt_out: list[str], quiet_start: str, quiet_end: str
) -> PreferenceDoc:
    if "inbox" in opt_out:
        raise InvalidField("opt_out", "the inbox cannot be turned off")
    if bool(quiet_start) != bool(quiet_end):
        raise InvalidField(
            "quiet_end" if quiet_start else "quiet_start", "set both ends of quiet hours or none"
        )
    PreferenceDoc.scoped(principal.tenant).filter(subject=principal.subject).update_one(
        upsert=True, set__opt_out=sorted(set(opt_out)), set__quiet_start=quiet_start, set__quiet_end=quiet_end
    )
    return get(principal.tenant, principal.subject)
