"""Use cases of districts (tenants) and the walking-skeleton CreateCompound."""

from __future__ import annotations

from datetime import UTC, datetime

from linli.communities.v1 import events_pb2
from linli_platform.auth import Principal
from linli_platform.errors import Conflict, NotFound
from linli_platform.events import new_event
from mongoengine.errors import NotUniqueError

from linli_communities.adapters.documents import CompoundDoc, TenantDoc
from linli_communities.domain.model import TenantProfile
from linli_communities.service_layer import events

SOURCE = "communities"


def create_tenant(profile: TenantProfile) -> TenantDoc:
    if TenantDoc.objects(tenant_id=profile.tenant_id).first() is not None:
        raise Conflict(f"tenant {profile.tenant_id} already exists")
    doc = TenantDoc(
        tenant_id=profile.tenant_id,
        name=profile.name,
        timezone=profile.timezone,
        language=profile.language,
        created_at=datetime.now(UTC),
    )
    doc.record(
        new_event(
            events_pb2.TenantCreated(
                tenant_id=profile.tenant_id,
                name=profile.name,
                timezone=profile.timezone,
                language=profile.language,
            ),
            source=SOURCE,
            aggregate="tenant",
            tenant_id=profile.tenant_id,
            aggregate_id=profile.tenant_id,
            aggregate_version=1,
        )
    )
    try:
        doc.save(force_insert=True)
    except NotUniqueError as exc:
        raise Conflict(f"tenant {profile.tenant_id} already exists") from exc
    return doc


def get_tenant(principal: Principal, tenant_id: str) -> TenantDoc:
    """A principal sees its own district only; another district's id is simply not found."""
    if principal.role != "platform_admin" and principal.tenant != tenant_id:
        raise NotFound(f"tenant {tenant_id} not found")
    doc = TenantDoc.objects(tenant_id=tenant_id).first()
    if doc is None:
        raise NotFound(f"tenant {tenant_id} not found")
    return doc


def create_compound(tenant_id: str, compound_id: str, name: str, community: str, address: str) -> CompoundDoc:
    get_tenant(Principal(tenant=tenant_id, role="district_admin", subject="system"), tenant_id)
    doc = CompoundDoc(
        tenant_id=tenant_id,
        compound_id=compound_id,
        name=name.strip(),
        community=community,
        address=address,
        created_at=datetime.now(UTC),
    )
    doc.record(events.compound_upserted(doc))
    try:
        doc.save(force_insert=True)
    except NotUniqueError as exc:
        raise Conflict(f"compound {compound_id} already exists") from exc
    return doc
