"""RPCs of organisations, property firms and contracts, and role grants."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from linli.communities.v1 import communities_pb2 as pb
from linli_platform.auth import ADMIN_ROLES, STAFF_ROLES, Role, issue_token
from linli_platform.context import current_principal
from linli_platform.grpc_server import roles
from linli_platform.idempotency import idempotent
from linli_platform.paging import page_response, page_window

from linli_communities.domain.roles import COMMUNITY_LEADS
from linli_communities.entrypoints import messages as m
from linli_communities.service_layer import organisations as orgs


class OrganisationRpcs:
    @roles(*COMMUNITY_LEADS)
    @idempotent(pb.Organisation)
    def UpsertOrganisation(self, request, context):
        doc, _ = orgs.upsert_organisation(
            self.uow(),
            request.org_id,
            m.KIND_NAMES[request.kind],
            request.name,
            request.community_id,
            list(request.compound_ids),
            list(request.specialties),
            m.members_of(request.members),
            request.archived,
        )
        return m.organisation_pb(doc)

    def GetOrganisation(self, request, context):
        return m.organisation_pb(orgs.get_organisation(self.uow(), request.org_id))

    def ListOrganisations(self, request, context):
        offset, limit = page_window(request.page)
        docs, total = orgs.list_organisations(
            self.uow(),
            m.KIND_NAMES.get(request.kind, ""),
            request.community_id,
            request.include_archived,
            offset,
            limit,
        )
        return pb.ListOrganisationsResponse(
            organisations=[m.organisation_pb(d) for d in docs],
            page=page_response(offset, limit, len(docs), total),
        )

    @roles(*ADMIN_ROLES)
    @idempotent(pb.PropertyFirm)
    def RegisterPropertyFirm(self, request, context):
        return m.firm_pb(
            orgs.register_property_firm(
                self.uow(), current_principal(), request.org_id, request.name, request.contact
            )
        )

    @roles(Role.DISTRICT_ADMIN)
    @idempotent(pb.PropertyContract)
    def UpsertPropertyContract(self, request, context):
        doc, _ = orgs.upsert_contract(
            self.uow(),
            request.org_id,
            request.compound_id,
            list(request.services),
            request.starts_on,
            request.ends_on,
            request.contact,
            request.active,
        )
        return m.contract_pb(doc)

    @roles(*STAFF_ROLES, Role.COUNCIL, Role.PROPERTY_FIRM)
    def ListPropertyContracts(self, request, context):
        offset, limit = page_window(request.page)
        docs, total = orgs.list_contracts(
            self.uow(), current_principal(), request.compound_id, request.org_id, offset, limit
        )
        return pb.ListPropertyContractsResponse(
            contracts=[m.contract_pb(d) for d in docs], page=page_response(offset, limit, len(docs), total)
        )

    @roles(Role.DISTRICT_ADMIN)
    @idempotent(pb.RoleGrant)
    def GrantRole(self, request, context):
        return m.grant_pb(
            orgs.set_grant(
                self.uow(), current_principal(), request.subject, request.role, request.org_id, True
            )
        )

    @roles(Role.DISTRICT_ADMIN)
    @idempotent(pb.RoleGrant)
    def RevokeRole(self, request, context):
        return m.grant_pb(
            orgs.set_grant(
                self.uow(), current_principal(), request.subject, request.role, request.org_id, False
            )
        )

    @roles(*COMMUNITY_LEADS)
    def ListRoleGrants(self, request, context):
        offset, limit = page_window(request.page)
        docs, total = orgs.list_grants(self.uow(), request.subject, request.org_id, offset, limit)
        return pb.ListRoleGrantsResponse(
            grants=[m.grant_pb(d) for d in docs], page=page_response(offset, limit, len(docs), total)
        )

    @roles(Role.DISTRICT_ADMIN, Role.PLATFORM_ADMIN)
    def IssueGrantToken(self, request, context):
        caller = current_principal()
        uow = self.uow()
        if caller.role == Role.PLATFORM_ADMIN:  # the operator names the district (its first admin's token)
            uow = orgs.district_for_operator(self.uow_for, request.tenant_id)
        principal = orgs.grant_principal(uow, request.subject, request.role, request.org_id)
        ttl = request.ttl_seconds or self.settings.token_ttl_seconds
        token = issue_token(
            self.settings.jwt_secret.get_secret_value(), principal, ttl, self.settings.jwt_issuer
        )
        return pb.GrantToken(token=token, expires_at=m.ts(datetime.now(UTC) + timedelta(seconds=ttl)))
