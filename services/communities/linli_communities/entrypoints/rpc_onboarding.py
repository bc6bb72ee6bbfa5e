"""RPCs of onboarding a district file (ApplyOnboarding) and of the platform's districts (ListTenants)."""

from __future__ import annotations

from linli.communities.v1 import communities_pb2 as pb
from linli_platform.auth import Role
from linli_platform.context import current_principal
from linli_platform.grpc_server import roles
from linli_platform.idempotency import idempotent
from linli_platform.paging import page_response, page_window

from linli_communities.domain.onboarding import ARCHIVED, Entry, Judged
from linli_communities.domain.records import CREATED, UNCHANGED, UPDATED
from linli_communities.entrypoints import messages as m
from linli_communities.service_layer import districts, onboarding

CHANGES = {
    CREATED: pb.RECORD_CHANGE_KIND_CREATED,
    UPDATED: pb.RECORD_CHANGE_KIND_UPDATED,
    UNCHANGED: pb.RECORD_CHANGE_KIND_UNCHANGED,
    ARCHIVED: pb.RECORD_CHANGE_KIND_ARCHIVED,
}


def _given(message, *fields: str) -> dict:
    """The optional fields the file set (a field left unset keeps the stored value)."""
    return {f: getattr(message, f) for f in fields if message.HasField(f)}


def entries_of(request: pb.ApplyOnboardingRequest) -> list[Entry]:
    found: list[Entry] = []
    for i, c in enumerate(request.communities):
        given = _given(c, "name", "street", "archived")
        found.append(Entry("community", (c.community_id,), given, f"communities[{i}]"))
    for i, c in enumerate(request.compounds):
        given = {"community_id": c.community_id, **_given(c, "name", "address", "archived")}
        found.append(Entry("compound", (c.compound_id,), given, f"compounds[{i}]"))
    for i, b in enumerate(request.buildings):
        given = _given(b, "name", "leader_subject", "leader_name", "archived")
        found.append(Entry("building", (b.compound_id, b.building_id), given, f"buildings[{i}]"))
    for i, f in enumerate(request.property_firms):
        found.append(
            Entry("property_firm", (f.org_id,), _given(f, "name", "contact"), f"property_firms[{i}]")
        )
    for i, c in enumerate(request.contracts):
        given = _given(c, "starts_on", "ends_on", "contact", "active")
        if c.HasField("services"):
            given["services"] = list(c.services.values)
        found.append(Entry("contract", (c.org_id, c.compound_id), given, f"contracts[{i}]"))
    for i, o in enumerate(request.organisations):
        given = {"kind": m.KIND_NAMES[o.kind], **_given(o, "name", "community_id", "archived")}
        if o.HasField("compound_ids"):
            given["compound_ids"] = list(o.compound_ids.values)
        if o.HasField("specialties"):
            given["specialties"] = [s.strip() for s in o.specialties.values]
        if o.HasField("members"):
            given["members"] = m.members_of(o.members.values)
        found.append(Entry("organisation", (o.org_id,), given, f"organisations[{i}]"))
    return found


def change_pb(judged: Judged) -> pb.RecordChange:
    entry = judged.entry
    return pb.RecordChange(
        path=entry.path,
        kind=entry.kind,
        key=entry.key,
        change=CHANGES[judged.change],
        fields=[pb.FieldChange(field=f, before=b, after=a) for f, b, a in judged.fields],
        removes=judged.removes,
    )


class OnboardingRpcs:
    @roles(Role.DISTRICT_ADMIN)
    @idempotent(pb.ApplyOnboardingResponse, unless=lambda request: request.dry_run)
    def ApplyOnboarding(self, request, context):
        entries = entries_of(request)
        judged = onboarding.onboard(
            self.uow(), current_principal(), entries, request.dry_run, request.allow_removals
        )
        order = {e.path: i for i, e in enumerate(entries)}
        judged.sort(key=lambda j: order[j.entry.path])
        return pb.ApplyOnboardingResponse(records=[change_pb(j) for j in judged], applied=not request.dry_run)

    @roles(Role.PLATFORM_ADMIN)
    def ListTenants(self, request, context):
        offset, limit = page_window(request.page)
        found, total = districts.list_tenants(self.uow_for, self.district_ids(), offset, limit)
        return pb.ListTenantsResponse(
            tenants=[m.tenant_pb(d) for d in found], page=page_response(offset, limit, len(found), total)
        )
