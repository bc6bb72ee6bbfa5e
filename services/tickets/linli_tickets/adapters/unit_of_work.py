"""The unit of work of one district on MongoDB (the default of the API and the worker)."""

from __future__ import annotations

from linli_tickets.adapters.copies import (
    MongoBuildings,
    MongoCompounds,
    MongoContracts,
    MongoCursors,
    MongoHouseholds,
    MongoMenu,
    MongoTeams,
)
from linli_tickets.adapters.governance import MongoGovernance
from linli_tickets.adapters.tickets import MongoTickets
from linli_tickets.service_layer.unit_of_work import TicketsUnitOfWork


def mongo_unit_of_work(tenant: str) -> TicketsUnitOfWork:
    return TicketsUnitOfWork(
        tenant,
        tickets=MongoTickets(tenant),
        compounds=MongoCompounds(tenant),
        buildings=MongoBuildings(tenant),
        contracts=MongoContracts(tenant),
        teams=MongoTeams(tenant),
        households=MongoHouseholds(tenant),
        governance=MongoGovernance(tenant),
        cursors=MongoCursors(tenant),
        menu=MongoMenu(tenant),
    )
