"""RPCs of organisations, property firms and contracts, and role grants."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from linli.communities.v1 import communities_pb2 as pb
from linli_platform.auth import issue_token
from linli_platform.context import current_principal
from linli_platform.grpc_server import roles
from linli_platform.idempotency import idempotent
from linli_platform.paging import page_response, page_window

from linli_communities.adapters.governance_rules import cooperative_rules
from linli_communities.entrypoints import messages as m
from linli_communities.service_layer import organisations as orgs


class OrganisationRpcs:
    @roles("district_admin", "community_staff")
    @idempotent(pb.Organisation)
    def UpsertOrganisation(self, request, context):
        tenant = current_principal().tenant
        doc, _ = orgs.upsert_organisation(
            tenant,
            request.org_id,
            m.KIND_NAMES[request.kind],
            request.name,
            request.community_id,
            list(request.compound_ids),
            list(request.specialties),
            m.members_of(request.members),
            request.archived,
            cooperative_rules(tenant),
        )
        return m.organisation_pb(doc)

    def GetOrganisation(self, request, context):
        return m.organisation_pb(orgs.get_organisation(current_principal().tenant, request.org_id))

    def ListOrganisations(self, request, context):
        offset, limit = page_window(request.page)
        docs, total = orgs.list_organisations(
            current_principal().tenant,
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

    @roles("platform_admin", "district_admin")
    @idempotent(pb.PropertyFirm)
    def RegisterPropertyFirm(self, request, context):
        return m.firm_pb(
            orgs.register_property_firm(current_principal(), request.org_id, request.name, request.contact)
        )

    @roles("district_admin")
    @idempotent(pb.PropertyContract)
    def UpsertPropertyContract(self, request, context):
        doc, _ = orgs.upsert_contract(
            current_principal().tenant,
            request.org_id,
            request.compound_id,
            list(request.services),
            request.starts_on,
            request.ends_on,
            request.contact,
            request.active,
        )
        return m.contract_pb(doc)

    @roles("district_admin", "community_staff", "grid_worker", "council", "property_firm")
    def ListPropertyContracts(self, request, context):
        offset, limit = page_window(request.page)
        docs, total = orgs.list_contracts(
            current_principal(), request.compound_id, request.org_id, offset, limit
        )
        return pb.ListPropertyContractsResponse(
            contracts=[m.contract_pb(d) for d in docs], page=page_response(offset, limit, len(docs), total)
        )

    @roles("district_admin")
    @idempotent(pb.RoleGrant)
    def GrantRole(self, request, context):
        return m.grant_pb(
            orgs.set_grant(current_principal(), request.subject, request.role, request.org_id, True)
        )

    @roles("district_admin")
    @idempotent(pb.RoleGrant)
    def RevokeRole(self, request, context):
        return m.grant_pb(
            orgs.set_grant(current_principal(), request.subject, request.role, request.org_id, False)
        )

    @roles("district_admin", "community_staff")
    def ListRoleGrants(self, request, context):
        offset, limit = page_window(request.page)
        docs, total = orgs.list_grants(
            current_principal().tenant, request.subject, request.org_id, offset, limit
        )
        return pb.ListRoleGrantsResponse(
            grants=[m.grant_pb(d) for d in docs], page=page_response(offset, limit, len(docs), total)
        )

    @roles("district_admin")
    def IssueGrantToken(self, request, context):
        principal = orgs.grant_principal(
            current_principal().tenant, request.subject, request.role, request.org_id
        )
        ttl = request.ttl_seconds or self.settings.token_ttl_seconds
        token = issue_token(
            self.settings.jwt_secret.get_secret_value(), principal, ttl, self.settings.jwt_issuer
        )
        return pb.GrantToken(token=token, expires_at=m.ts(datetime.now(UTC) + timedelta(seconds=ttl)))
