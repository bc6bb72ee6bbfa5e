"""What the fees worker does for the public ledger and the maintenance fund with other services'
events: ProposalDecided approves (or rejects) fund applications; communities' compounds, buildings,
households and governance configuration keep the ledger's directory (names, residents, time zone);
the billing side's payments become fee income in the public ledger.

Every handler is idempotent: a decision is kept once per proposal and an application takes one
decision; copies are kept by version; a payment's entry id follows from the payment event's id.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC
from zoneinfo import ZoneInfo

from linli.common.v1.events_pb2 import EventEnvelope
from linli.communities.v1 import events_pb2 as communities
from linli.fees.v1 import events_pb2 as fees_events
from linli_platform.events import EventHandlers

from linli_fees.domain import public_ledger as pl
from linli_fees.domain.fund import Decision
from linli_fees.service_layer import fund, public_ledger
from linli_fees.service_layer.ledger_ports import CompoundCopy, LedgerUnitOfWorkFactory

log = logging.getLogger("linli.fees.ledger")

# Topics and consumer groups of the worker (entrypoints/worker.py).
PROPOSALS_TOPIC, PROPOSALS_GROUP = "communities.proposal.v1", "fees-fund-decisions"
DIRECTORY_TOPICS = (
    "communities.compound.v1",
    "communities.building.v1",
    "communities.household.v1",
    "communities.config.v1",
)
DIRECTORY_GROUP = "fees-ledger-directory"
PAYMENTS_TOPIC, PAYMENTS_GROUP = "fees.payment.v1", "fees-ledger-payments"


def decision_of(event: communities.ProposalDecided, envelope: EventEnvelope) -> Decision:
    return Decision(
        proposal_id=event.proposal_id,
        compound_id=event.compound_id,
        category=event.category,
        approved=event.approved,
        special_matter=event.special_matter,
        amount_fen=event.amount_fen,
        summary=event.summary,
        tier=event.tier,
        vote_rule=getattr(event, "vote_rule", ""),
        event_id=envelope.event_id,
    )


def fund_handlers(unit_of_work: LedgerUnitOfWorkFactory) -> EventHandlers:
    def decided(event: communities.ProposalDecided, envelope: EventEnvelope) -> None:
        fund.take_decision(unit_of_work(envelope.tenant_id), decision_of(event, envelope))

    return EventHandlers({communities.ProposalDecided: decided})


def directory_handlers(unit_of_work: LedgerUnitOfWorkFactory) -> EventHandlers:
    def compound(event: communities.CompoundUpserted, envelope: EventEnvelope) -> None:
        copy = CompoundCopy(
            event.compound_id, event.name, event.community_id or event.community, event.archived
        )
        unit_of_work(envelope.tenant_id).directory.keep_compound(copy, envelope.aggregate_version)

    def building(event: communities.BuildingUpserted, envelope: EventEnvelope) -> None:
        unit_of_work(envelope.tenant_id).directory.keep_building(
            event.compound_id, event.building_id, event.name, event.archived, envelope.aggregate_version
        )

    def household(event: communities.HouseholdUpserted, envelope: EventEnvelope) -> None:
        subjects = list(event.resident_subjects) + list(event.owner_subjects)
        unit_of_work(envelope.tenant_id).directory.keep_household(
            event.compound_id, event.household_id, subjects, event.archived, envelope.aggregate_version
        )

    def config(event: communities.GovernanceConfigChanged, envelope: EventEnvelope) -> None:
        try:
            zone = json.loads(event.document_json).get("district", {}).get("timezone") or ""
        except (ValueError, AttributeError):
            log.error(
                "governance document of %s v%s unreadable; time zone kept", event.tenant_id, event.version
            )
            return
        if zone:
            unit_of_work(envelope.tenant_id).directory.keep_timezone(zone, event.version)

    return EventHandlers(
        {
            communities.CompoundUpserted: compound,
            communities.BuildingUpserted: building,
            communities.HouseholdUpserted: household,
            communities.GovernanceConfigChanged: config,
        }
    )


def payment_handlers(unit_of_work: LedgerUnitOfWorkFactory) -> EventHandlers:
    """A payment received is fee income of its compound (entry id from the event id: a redelivered
    event finds its entry). Until the billing side's PaymentRecorded names the compound, there is
    nothing to book and the event is skipped with a warning."""

    def paid(event, envelope: EventEnvelope) -> None:
        compound_id = getattr(event, "compound_id", "")
        if not compound_id or event.amount_fen <= 0:
            log.warning("payment event %s names no compound or amount; not booked", envelope.event_id)
            return
        uow = unit_of_work(envelope.tenant_id)
        at = envelope.occurred_at.ToDatetime(tzinfo=UTC)
        zone_day = at.astimezone(ZoneInfo(uow.directory.timezone())).date().isoformat()
        label = getattr(event, "household_label", "") or getattr(event, "household_id", "")
        transfer = pl.entry_transfer(
            f"pl-payment:{envelope.event_id}"[:128],
            compound_id,
            pl.INCOME,
            "fees",
            event.amount_fen,
            f"物业费收入{('：' + label) if label else ''}",
            zone_day,
            "fees",
            f"fees.payment.v1/{envelope.event_id}",
        )
        public_ledger.book(uow, transfer, None, at)

    return EventHandlers({fees_events.PaymentRecorded: paid})
