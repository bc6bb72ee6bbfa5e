"""RPCs of households, the bulk import and the three-colour file."""

from __future__ import annotations

from linli.communities.v1 import communities_pb2 as pb
from linli_platform.auth import STAFF_ROLES, Role
from linli_platform.context import current_principal
from linli_platform.grpc_server import roles
from linli_platform.idempotency import idempotent
from linli_platform.paging import page_response, page_window

from linli_communities.domain.care import AUDIT_READERS, CARE_READERS
from linli_communities.entrypoints import messages as m
from linli_communities.service_layer import care, households

HOUSEHOLD_READERS = STAFF_ROLES | {Role.COUNCIL}
HOUSEHOLD_WRITERS = STAFF_ROLES
OUTCOMES = {
    "created": pb.ROW_OUTCOME_CREATED,
    "updated": pb.ROW_OUTCOME_UPDATED,
    "unchanged": pb.ROW_OUTCOME_UNCHANGED,
    "rejected": pb.ROW_OUTCOME_REJECTED,
    "archived": pb.ROW_OUTCOME_ARCHIVED,
}


class HouseholdRpcs:
    @roles(*HOUSEHOLD_WRITERS)
    @idempotent(pb.Household)
    def UpsertHousehold(self, request, context):
        principal = current_principal()
        doc, _ = households.upsert_household(self.uow(), m.record_of(request), request.archived)
        return m.household_pb(doc, principal)

    @roles(*HOUSEHOLD_READERS)
    def GetHousehold(self, request, context):
        principal = current_principal()
        return m.household_pb(
            households.get_household(self.uow(), request.compound_id, request.household_id), principal
        )

    @roles(*HOUSEHOLD_READERS)
    def ListHouseholds(self, request, context):
        principal = current_principal()
        offset, limit = page_window(request.page)
        docs, total = households.list_households(
            self.uow(),
            request.compound_id,
            request.building_id,
            request.include_archived,
            offset,
            limit,
        )
        return pb.ListHouseholdsResponse(
            households=[m.household_pb(d, principal) for d in docs],
            page=page_response(offset, limit, len(docs), total),
        )

    @roles(Role.DISTRICT_ADMIN)
    @idempotent(pb.ImportHouseholdsResponse, unless=lambda request: request.dry_run)
    def ImportHouseholds(self, request, context):
        rows = [(row.line, m.record_of(row), row.archive) for row in request.rows]
        judged = households.judge_rows(
            self.uow(),
            rows,
            request.dry_run,
            _buildings(request.planned_buildings),
            request.allow_removals,
            _buildings(request.archived_buildings),
        )
        return pb.ImportHouseholdsResponse(
            results=[
                pb.RowResult(
                    line=j.line,
                    outcome=OUTCOMES[j.outcome],
                    reason=j.reason,
                    changes=[pb.FieldChange(field=f, before=b, after=a) for f, b, a in j.changes],
                    removes=j.removes,
                )
                for j in judged
            ]
        )

    @roles(*CARE_READERS)
    def GetCareFile(self, request, context):
        return m.care_file_pb(
            care.read_care_file(self.uow(), current_principal(), request.compound_id, request.household_id)
        )

    @roles(*CARE_READERS)
    @idempotent(pb.CareFile)
    def SetCareFile(self, request, context):
        tags = [m.CARE_TAG_NAMES.get(t, "") for t in request.tags]
        doc = care.change_care_file(
            self.uow(), current_principal(), request.compound_id, request.household_id, tags, request.notes
        )
        return m.care_file_pb(doc)

    @roles(*AUDIT_READERS)
    def ListCareAudit(self, request, context):
        offset, limit = page_window(request.page)
        docs, total = care.list_audit(
            self.uow(), current_principal(), request.compound_id, request.household_id, offset, limit
        )
        return pb.ListCareAuditResponse(
            entries=[m.audit_pb(d) for d in docs], page=page_response(offset, limit, len(docs), total)
        )


def _buildings(keys) -> frozenset[tuple[str, str]]:
    """ "compound_id/building_id" strings as (compound, building) pairs."""
    return frozenset(tuple(b.split("/", 1)) for b in keys if "/" in b)
