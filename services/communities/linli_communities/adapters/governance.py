"""MongoDB repository of the governance configuration: one document per version, the highest in force.

Inserting version N+1 is the commit point: the unique (tenant_id, version) index lets exactly one of
two concurrent applies win, and the GovernanceConfigChanged event rides in the same insert (outbox).
`current` marks the version in force for simple readers.
"""

from __future__ import annotations

from typing import Any

from linli_platform.errors import Aborted
from linli_platform.mongo_repository import OUTBOX, MongoScoped, outbox_entries
from linli_platform.persistence import Repository

from linli_communities.adapters.governance_documents import ConfigVersionDoc
from linli_communities.domain.config import DistrictConfig

NEWEST = [("version", -1)]
FIELDS = ("source_yaml", "changed_by", "changed_by_role", "changed_at", "diff", "comment")


class MongoConfigs(MongoScoped, Repository[DistrictConfig]):
    """The district's configuration: `find()` is the version in force; each change a new document."""

    document, label = ConfigVersionDoc, "configuration"

    def head(self) -> DistrictConfig | None:
        return self.find(self.tenant)

    def version(self, version: int) -> DistrictConfig | None:
        stored = self._find_one({"version": version}, {OUTBOX: 0})
        return _config(stored) if stored else None

    def history(self, offset: int, limit: int) -> tuple[list[DistrictConfig], int]:
        """Newest first, without the documents."""
        light = {"source_yaml": 0, "document": 0, OUTBOX: 0}
        found = self._find({}, light, sort=NEWEST, skip=offset, limit=limit)
        return [_config(d) for d in found], self._count()

    def _load(self, id: str) -> DistrictConfig | None:
        found = self._find({}, {OUTBOX: 0}, sort=NEWEST, limit=1)
        return _config(found[0]) if found else None

    def _insert(self, config: DistrictConfig) -> None:
        stored = {field: getattr(config, field) for field in FIELDS}
        stored.update(version=config.version, current=True, document=config.document)
        if not self._insert_stored({**stored, OUTBOX: outbox_entries(config.pending)}):
            raise Aborted("another change to the configuration was applied first; reload and retry")
        self._update_many({"version": {"$lt": config.version}, "current": True}, {"$set": {"current": False}})

    _update = _insert  # every change is a new version's document


def _config(stored: dict[str, Any]) -> DistrictConfig:
    values = {f: stored[f] for f in FIELDS if f in stored}
    return DistrictConfig(stored["tenant_id"], stored["version"], document=stored.get("document"), **values)
