"""The district's governance configuration as an aggregate: version N is the N-th document applied.

Every version is kept (the history is who, when and the diff); applying a document identical to the
one in force makes no new version, and a stale `expected_version` is a lost race (ABORTED).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from linli.communities.v1 import events_pb2
from linli_governance import GovernanceConfig, diff_documents
from linli_governance.document import to_json
from linli_platform.aggregate import Aggregate
from linli_platform.auth import Principal
from linli_platform.errors import Aborted


class DistrictConfig(Aggregate):
    SOURCE, NAME = "communities", "config"

    def __init__(
        self,
        tenant_id: str,
        version: int = 0,
        *,
        document: dict[str, Any] | None = None,
        source_yaml: str = "",
        changed_by: str = "",
        changed_by_role: str = "",
        changed_at: datetime | None = None,
        diff: str = "",
        comment: str = "",
    ):
        super().__init__(tenant_id, tenant_id, version)
        self.document = document  # the validated config as stored (None: a history entry, or none yet)
        self.source_yaml, self.diff, self.comment = source_yaml, diff, comment
        self.changed_by, self.changed_by_role, self.changed_at = changed_by, changed_by_role, changed_at
        self._config: GovernanceConfig | None = None

    def config(self) -> GovernanceConfig | None:
        if self._config is None and self.document is not None:
            self._config = GovernanceConfig.model_validate(self.document)
        return self._config

    def apply(
        self,
        config: GovernanceConfig,
        text: str,
        by: Principal,
        comment: str,
        compound_communities: dict[str, str],
        now: datetime,
        expected_version: int = 0,
    ) -> bool:
        """Make `config` the version in force; False when it is the one in force already."""
        if expected_version and expected_version != self.read_version:
            raise Aborted(
                f"the configuration is at version {self.read_version}, not {expected_version}; "
                "reload and retry"
            )
        old = self.config()
        if old == config:
            return False
        self.diff = diff_documents(old, config)
        self.document, self._config = config.model_dump(mode="json"), config
        self.source_yaml, self.comment, self.changed_at = text, comment, now
        self.changed_by, self.changed_by_role = by.subject, by.role
        version = self.touch()
        self.record(
            events_pb2.GovernanceConfigChanged(
                tenant_id=self.tenant_id,
                version=version,
                document_json=to_json(config),
                changed_by=by.subject,
                compound_communities=compound_communities,
            )
        )
        return True
