"""gRPC servicer of the governance configuration: proto ↔ use case, nothing else."""

from __future__ import annotations

import json

import yaml
from linli.communities.v1 import governance_pb2 as pb
from linli.communities.v1 import governance_pb2_grpc as pb_grpc
from linli_platform.auth import STAFF_ROLES, Role
from linli_platform.context import current_principal
from linli_platform.grpc_server import ServiceSpec, roles
from linli_platform.idempotency import IdempotencyStore, idempotent
from linli_platform.paging import page_response, page_window
from linli_platform.protos import timestamp as _ts

from linli_communities.entrypoints.wiring import UnitOfWorkFactory, Wired
from linli_communities.service_layer import governance

READERS = STAFF_ROLES | {Role.COUNCIL}


def version_pb(doc, changed: bool = True, with_document: bool = True) -> pb.ConfigVersion:
    return pb.ConfigVersion(
        tenant_id=doc.tenant_id,
        version=doc.version,
        document=doc.source_yaml if with_document else "",
        changed_by=doc.changed_by,
        changed_at=_ts(doc.changed_at),
        diff=doc.diff,
        comment=doc.comment,
        changed=changed,
    )


class GovernanceServicer(Wired, pb_grpc.GovernanceServiceServicer):
    @roles(*STAFF_ROLES)
    def ValidateConfig(self, request, context):
        result = governance.validate(self.uow(), request.document)
        return pb.ValidateConfigResponse(
            valid=result.config is not None,
            diff=result.diff,
            current_version=result.current_version,
            problems=[pb.ConfigProblem(path=p, message=m) for p, m in result.problems],
        )

    @roles(Role.DISTRICT_ADMIN)
    @idempotent(pb.ConfigVersion)
    def ApplyConfig(self, request, context):
        doc, changed = governance.apply(
            self.uow(), current_principal(), request.document, request.expected_version, request.comment
        )
        return version_pb(doc, changed)

    @roles(*READERS)
    def GetConfig(self, request, context):
        return version_pb(governance.get(self.uow(), request.version))

    def GetEffectiveConfig(self, request, context):
        version, sections, community = governance.effective(self.uow(), request.community, request.compound)
        data = sections.model_dump(mode="json")
        return pb.EffectiveConfig(
            version=version,
            community=community,
            compound=request.compound,
            sections_json=json.dumps(data, ensure_ascii=False, sort_keys=True),
            sections_yaml=yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
        )

    @roles(*READERS)
    def ListConfigHistory(self, request, context):
        offset, limit = page_window(request.page)
        docs, total = governance.history(self.uow(), offset, limit)
        return pb.ListConfigHistoryResponse(
            versions=[version_pb(d, with_document=False) for d in docs],
            page=page_response(offset, limit, len(docs), total),
        )


def governance_specs(
    _settings=None, uow: UnitOfWorkFactory | None = None, idempotency: IdempotencyStore | None = None
) -> list[ServiceSpec]:
    return [
        ServiceSpec(
            GovernanceServicer(uow, idempotency),
            pb_grpc.add_GovernanceServiceServicer_to_server,
            pb.DESCRIPTOR.services_by_name["GovernanceService"].full_name,
        )
    ]
