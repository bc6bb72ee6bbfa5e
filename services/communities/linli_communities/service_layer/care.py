"""Use cases of the three-colour file (三色档案): read and change, each leaving an audit entry first."""

from __future__ import annotations

from datetime import UTC, datetime

from linli_platform.auth import Principal
from linli_platform.errors import PermissionDenied
from linli_platform.persistence import UnitOfWork

from linli_communities.domain.care import AUDIT_READERS, CARE_READERS, AuditEntry, normalise_tags
from linli_communities.domain.records import Household


def _audit(
    uow: UnitOfWork, principal: Principal, household: Household, action: str, detail: str = ""
) -> None:
    # Written before the answer leaves or the change is made: no unaudited access, ever.
    uow.care_audit.add(
        AuditEntry(
            compound_id=household.compound_id,
            household_id=household.household_id,
            action=action,
            subject=principal.subject,
            role=principal.role,
            at=datetime.now(UTC),
            detail=detail,
        )
    )


def _require_reader(principal: Principal) -> None:
    if principal.role not in CARE_READERS:
        raise PermissionDenied("only community staff and grid workers may see the three-colour file")


def read_care_file(uow: UnitOfWork, principal: Principal, compound_id: str, household_id: str) -> Household:
    _require_reader(principal)
    household = uow.households.get_by(compound_id, household_id)
    _audit(uow, principal, household, "read")
    return household


def change_care_file(
    uow: UnitOfWork, principal: Principal, compound_id: str, household_id: str, tags: list[str], notes: str
) -> Household:
    _require_reader(principal)
    tags = normalise_tags(tags)  # an unknown tag is refused before anything is read
    with uow:
        household = uow.households.get_by(compound_id, household_id)
        change = household.change_care(tags, notes, principal.subject, datetime.now(UTC))
        _audit(uow, principal, household, "change", change)
        uow.commit()
    return household


def list_audit(
    uow: UnitOfWork, principal: Principal, compound_id: str, household_id: str, offset: int, limit: int
):
    if principal.role not in AUDIT_READERS:
        raise PermissionDenied("only district administrators and community staff may read the care audit")
    where = {k: v for k, v in (("compound_id", compound_id), ("household_id", household_id)) if v}
    return uow.care_audit.page(offset, limit, **where)
