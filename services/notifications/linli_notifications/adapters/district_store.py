"""A district's own templates, its configuration copy and its announcements, on MongoDB."""

from __future__ import annotations

from linli_governance.cache import StoredCopy
from linli_platform.mongo import upsert_newer
from linli_platform.mongo_repository import MongoRepository, MongoScoped

from linli_notifications.adapters.documents import AnnouncementDoc, ConfigCopyDoc, TemplateDoc
from linli_notifications.adapters.times import utc
from linli_notifications.domain.announcements import Announcement
from linli_notifications.domain.district_templates import DistrictTemplate
from linli_notifications.domain.templates import TemplateText


class MongoTemplates(MongoRepository[DistrictTemplate]):
    document, key, label = TemplateDoc, "key", "template"

    def to_stored(self, t: DistrictTemplate) -> dict:
        return {"title": t.title, "body": t.body, "updated_by": t.updated_by, "updated_at": t.updated_at}

    def from_stored(self, d: dict) -> DistrictTemplate:
        return DistrictTemplate(
            d["tenant_id"],
            d["key"],
            d["title"],
            d["body"],
            d.get("updated_by", ""),
            utc(d.get("updated_at")),
            d.get("version", 0),
        )

    def texts(self) -> dict[str, TemplateText]:
        """Every template of the district (a few dozen at most) by key."""
        return {d["key"]: self.from_stored(d).text() for d in self._find()}


class MongoConfigCopy(MongoScoped):
    """The district's governance configuration as last published by communities (local copy)."""

    document = ConfigCopyDoc

    def stored(self) -> StoredCopy | None:
        found = self._find_one({})
        if found is None:
            return None
        return StoredCopy(
            found["version"], found["document_json"], dict(found.get("compound_communities") or {})
        )

    def keep_newer(self, copy: StoredCopy) -> bool:
        """Keep the copy unless a newer version is stored; True when it changed something."""
        fields = {
            "document_json": copy.document_json,
            "compound_communities": dict(copy.compound_communities),
        }
        return upsert_newer(self._collection(), self._scope(), copy.version, fields)


class MongoAnnouncements(MongoScoped):
    document = AnnouncementDoc

    def keep(self, a: Announcement) -> None:
        """The record of an announcement (a retried one writes the same record again)."""
        target = {
            "building_id": a.target.building_id,
            "compound_id": a.target.compound_id,
            "community_id": a.target.community_id,
            "care_tags": list(a.target.care_tags),
        }
        fields = {
            "title": a.title,
            "body": a.body,
            "households": a.households,
            "created_by": a.created_by,
            "created_at": a.created_at,
            "target": target,
        }
        self._update_one({"announcement_id": a.announcement_id}, {"$set": fields}, upsert=True)
