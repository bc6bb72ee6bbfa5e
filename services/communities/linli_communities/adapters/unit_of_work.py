"""The unit of work of one command on MongoDB: every repository of this service for one tenant.

Committing writes each changed aggregate (state and events in one document write, guarded by the
version read), proposals before meetings: a meeting's minutes are stored after the decisions they
record, so a retry after a crash finds those proposals decided and skips them.
"""

from __future__ import annotations

from linli_platform.persistence import UnitOfWork

from linli_communities.adapters.deliberation import MongoBallots, MongoMeetings, MongoProposals
from linli_communities.adapters.governance import MongoConfigs
from linli_communities.adapters.records import (
    MongoBuildings,
    MongoCommunities,
    MongoCompounds,
    MongoContracts,
    MongoHouseholds,
    MongoOrganisations,
)
from linli_communities.adapters.registers import (
    MongoCareAudit,
    MongoDistricts,
    MongoFirms,
    MongoGrants,
    district_ids,
)

__all__ = ["district_ids", "mongo_unit_of_work"]


def mongo_unit_of_work(tenant: str) -> UnitOfWork:
    return UnitOfWork(
        tenant,
        districts=MongoDistricts(tenant),
        communities=MongoCommunities(tenant),
        compounds=MongoCompounds(tenant),
        buildings=MongoBuildings(tenant),
        households=MongoHouseholds(tenant),
        organisations=MongoOrganisations(tenant),
        contracts=MongoContracts(tenant),
        firms=MongoFirms(tenant),
        grants=MongoGrants(tenant),
        care_audit=MongoCareAudit(tenant),
        configs=MongoConfigs(tenant),
        proposals=MongoProposals(tenant),
        meetings=MongoMeetings(tenant),
        ballots=MongoBallots(tenant),
    )
