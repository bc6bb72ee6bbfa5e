"""MongoDB repositories of districts, property firms (both global), role grants and the care audit."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from linli_platform.mongo_repository import OUTBOX, MongoScoped, outbox_entries
from linli_platform.persistence import AlreadyStored, Repository, TenantScoped
from pymongo.errors import DuplicateKeyError

from linli_communities.adapters.documents import CareAuditDoc, TenantDoc
from linli_communities.adapters.organisation_documents import PropertyFirmDoc, RoleGrantDoc
from linli_communities.domain.care import AuditEntry
from linli_communities.domain.model import District, TenantProfile
from linli_communities.domain.organisations import PropertyFirm, RoleGrant


def district_ids() -> list[str]:
    """Every district (the timers' rounds go district by district)."""
    return list(TenantDoc._get_collection().distinct("_id"))


class MongoDistricts(MongoScoped, Repository[District]):
    """The district the repository is for, stored under its own id (collection `tenants`)."""

    document, label = TenantDoc, "tenant"

    def _scope(self, conditions: dict | None = None) -> dict:
        return {**(conditions or {}), "_id": self.tenant}

    def _load(self, id: str) -> District | None:
        stored = self._find_one({}, {OUTBOX: 0})
        if stored is None:
            return None
        profile = TenantProfile(stored["_id"], stored["name"], stored["timezone"], stored["language"])
        return District(profile, stored["created_at"], stored.get("version") or 1)

    def _insert(self, district: District) -> None:
        profile = district.profile
        stored = {
            "_id": profile.tenant_id,
            "name": profile.name,
            "timezone": profile.timezone,
            "language": profile.language,
            "created_at": district.created_at,
            "version": district.version,
            OUTBOX: outbox_entries(district.pending),
        }
        if not self._insert_global(stored):
            raise AlreadyStored(f"tenant {district.id} already exists")

    def _insert_global(self, stored: dict) -> bool:
        try:
            self._collection().insert_one(stored)
        except DuplicateKeyError:
            return False
        return True

    def _update(self, district: District) -> None:
        raise NotImplementedError("a district is not changed once created")


class MongoFirms(TenantScoped):
    """Property firms are global: registered once (by any district), contracted in many."""

    def find(self, org_id: str) -> PropertyFirm | None:
        stored = PropertyFirmDoc._get_collection().find_one({"_id": org_id})
        if stored is None:
            return None
        return PropertyFirm(
            org_id=stored["_id"],
            name=stored["name"],
            contact=stored.get("contact", ""),
            registered_by=stored.get("registered_by", ""),
            registered_at=stored.get("registered_at"),
        )

    def put(self, firm: PropertyFirm) -> None:
        stored = asdict(firm)
        stored["_id"] = stored.pop("org_id")
        PropertyFirmDoc._get_collection().replace_one({"_id": firm.org_id}, stored, upsert=True)


def _grant(stored: dict[str, Any]) -> RoleGrant:
    return RoleGrant(
        tenant_id=stored["tenant_id"],
        subject=stored["subject"],
        role=stored["role"],
        org_id=stored.get("org_id", ""),
        active=stored.get("active", True),
        granted_by=stored.get("granted_by", ""),
        changed_at=stored.get("changed_at"),
    )


class MongoGrants(MongoScoped):
    document = RoleGrantDoc

    def find(self, subject: str, role: str, org_id: str) -> RoleGrant | None:
        stored = self._find_one({"subject": subject, "role": role, "org_id": org_id})
        return _grant(stored) if stored else None

    def put(self, grant: RoleGrant) -> None:
        key = {"subject": grant.subject, "role": grant.role, "org_id": grant.org_id}
        values = {"active": grant.active, "granted_by": grant.granted_by, "changed_at": grant.changed_at}
        self._update_one(key, {"$set": values}, upsert=True)

    def page(self, offset: int, limit: int, **where: str) -> tuple[list[RoleGrant], int]:
        found = self._find(where, sort=[("subject", 1), ("role", 1)], skip=offset, limit=limit)
        return [_grant(d) for d in found], self._count(where)


class MongoCareAudit(MongoScoped):
    document = CareAuditDoc

    def add(self, entry: AuditEntry) -> None:
        self._insert_stored(asdict(entry))

    def page(self, offset: int, limit: int, **where: str) -> tuple[list[AuditEntry], int]:
        found = self._find(where, {"_id": 0, "tenant_id": 0}, sort=[("at", -1)], skip=offset, limit=limit)
        return [AuditEntry(**d) for d in found], self._count(where)
