"""Every collection whose documents carry pending events (the worker's outbox relay scans them)."""

from __future__ import annotations

from linli_communities.adapters.deliberation_documents import ProposalDoc
from linli_communities.adapters.documents import (
    BuildingDoc,
    CommunityDoc,
    CompoundDoc,
    HouseholdDoc,
    TenantDoc,
)
from linli_communities.adapters.governance_documents import ConfigVersionDoc
from linli_communities.adapters.organisation_documents import ContractDoc, OrganisationDoc

OUTBOX_DOCUMENTS = (
    TenantDoc,
    CommunityDoc,
    CompoundDoc,
    BuildingDoc,
    HouseholdDoc,
    OrganisationDoc,
    ContractDoc,
    ConfigVersionDoc,
    ProposalDoc,
)
