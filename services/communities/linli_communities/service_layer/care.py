"""Use cases of the three-colour file (三色档案): read and change, each leaving an audit entry first."""

from __future__ import annotations

from datetime import UTC, datetime

from linli_platform.auth import Principal
from linli_platform.errors import PermissionDenied

from linli_communities.adapters.documents import CareAuditDoc, HouseholdDoc
from linli_communities.domain.care import AUDIT_READERS, CARE_READERS, describe_change, normalise_tags
from linli_communities.service_layer import events
from linli_communities.service_layer.households import get_household
from linli_communities.service_layer.upsert import save_versioned


def _audit(principal: Principal, doc: HouseholdDoc, action: str, detail: str = "") -> None:
    # Written before the answer leaves or the change is made: no unaudited access, ever.
    CareAuditDoc(
        tenant_id=principal.tenant,
        compound_id=doc.compound_id,
        household_id=doc.household_id,
        action=action,
        subject=principal.subject,
        role=principal.role,
        at=datetime.now(UTC),
        detail=detail,
    ).save()


def _require_reader(principal: Principal) -> None:
    if principal.role not in CARE_READERS:
        raise PermissionDenied("only community staff and grid workers may see the three-colour file")


def read_care_file(principal: Principal, compound_id: str, household_id: str) -> HouseholdDoc:
    _require_reader(principal)
    doc = get_household(principal.tenant, compound_id, household_id)
    _audit(principal, doc, "read")
    return doc


def change_care_file(
    principal: Principal, compound_id: str, household_id: str, tags: list[str], notes: str
) -> HouseholdDoc:
    _require_reader(principal)
    tags = normalise_tags(tags)
    doc = get_household(principal.tenant, compound_id, household_id)
    before, previous = list(doc.care_tags), doc.version
    _audit(principal, doc, "change", describe_change(before, tags, notes != doc.care_notes))
    if before == tags and notes == doc.care_notes:
        return doc
    doc.care_tags, doc.care_notes = tags, notes
    doc.care_updated_by, doc.care_updated_at = principal.subject, datetime.now(UTC)
    doc.version = previous + 1
    values = {
        "compound_id": doc.compound_id,
        "building_id": doc.building_id,
        "household_id": doc.household_id,
        "label": doc.label,
        "area_centi_m2": doc.area_centi_m2,
        "archived": doc.archived,
        "residents": [r.to_mongo().to_dict() for r in doc.residents],
        "care_tags": tags,
    }
    doc.record(events.household_upserted(principal.tenant, values, doc.version))
    save_versioned(doc, False, previous)
    return doc


def list_audit(principal: Principal, compound_id: str, household_id: str, offset: int, limit: int):
    if principal.role not in AUDIT_READERS:
        raise PermissionDenied("only district administrators and community staff may read the care audit")
    query = CareAuditDoc.scoped(principal.tenant)
    if compound_id:
        query = query.filter(compound_id=compound_id)
    if household_id:
        query = query.filter(household_id=household_id)
    query = query.order_by("-at")
    return list(query.skip(offset).limit(limit)), query.count()
