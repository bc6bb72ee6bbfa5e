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
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from linli.common.v1.events_pb2 import EventEnvelope
from linli.communities.v1 import events_pb2 as communities
from linli.fees.v1 import events_pb2 as fees_events
from linli_platform.auth import Principal
from linli_platform.events import EventHandlers

from linli_fees.domain import public_ledger as pl
from linli_fees.domain.fund_application import Decision
from linli_fees.service_layer import fund, public_ledger
from linli_fees.service_layer.ledger_ports import CompoundCopy, LedgerUnitOfWorkFactory

log = logging.getLogger("linli.fees.ledger")

# Topics and consumer groups of the worker (entrypoints/worker.py).
PROPOSALS_TOPIC, PROPOSALS_GROUP = "communities.proposal.v1", "fees-fund-decisions"
# Households have a consumer of their own: a district onboarding 10 000 of them must not hold up the
# compounds and buildings (the fund's balances are per building) behind its backlog.
DIRECTORY_TOPICS = (
    "communities.compound.v1",
    "communities.building.v1",
    "communities.config.v1",
    "communities.organisation.v1",  # property firms' contracts: a firm keeps the books it serves
)
DIRECTORY_GROUP = "fees-ledger-directory"
HOUSEHOLDS_TOPIC, HOUSEHOLDS_GROUP = "communities.household.v1", "fees-ledger-households"
PAYMENTS_TOPIC, PAYMENTS_GROUP = "fees.account.v1", "fees-ledger-payments"


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
        vote_rule=event.vote_rule,
        event_id=envelope.event_id,
        building_ids=tuple(event.building_ids),
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

    def contract(event: communities.PropertyContractChanged, envelope: EventEnvelope) -> None:
        unit_of_work(envelope.tenant_id).directory.keep_contract(
            event.org_id,
            event.org_name,
            event.compound_id,
            (event.active, event.starts_on, event.ends_on),
            envelope.aggregate_version,
        )

    def config(event: communities.GovernanceConfigChanged, envelope: EventEnvelope) -> None:
        try:
            zone = json.loads(event.document_json).get("district", {}).get("timezone") or ""
        except (ValueError, AttributeError):
            log.error(
                "governance document of %s v%s unreadable; time zone kept", event.tenant_id, event.version
            )
            return
        directory = unit_of_work(envelope.tenant_id).directory
        if zone:
            directory.keep_timezone(zone, event.version)
        directory.keep_config(event.version, event.document_json, dict(event.compound_communities))

    return EventHandlers(
        {
            communities.CompoundUpserted: compound,
            communities.BuildingUpserted: building,
            communities.HouseholdUpserted: household,
            communities.GovernanceConfigChanged: config,
            communities.PropertyContractChanged: contract,
        }
    )


def payment_id(entry_id: str) -> str:
    """The public entry of a household payment (its account entry id may hold any characters)."""
    return public_ledger.derived_id("pl-payment", entry_id)


def payment_handlers(unit_of_work: LedgerUnitOfWorkFactory) -> EventHandlers:
    """Payments recorded on households' accounts are fee income of their compound; a reversal of a
    payment reverses that income, a refund is booked as fees paid back (negative fee income). Entry
    ids follow from the account entries' ids: a redelivered event finds what it booked."""

    def booked_at(envelope: EventEnvelope) -> datetime:
        return envelope.occurred_at.ToDatetime(tzinfo=UTC)

    def day(uow, at: datetime) -> str:
        return at.astimezone(ZoneInfo(uow.directory.timezone())).date().isoformat()

    def received(event: fees_events.PaymentReceived, envelope: EventEnvelope) -> None:
        if not event.compound_id or event.amount_fen <= 0:
            log.warning("payment event %s names no compound or amount; not booked", envelope.event_id)
            return
        uow = unit_of_work(envelope.tenant_id)
        at = booked_at(envelope)
        # The public ledger shows the money, never which household paid (residents read it).
        receipt = f"（收据 {event.receipt_no}）" if event.receipt_no else ""
        transfer = pl.entry_transfer(
            payment_id(event.entry_id),
            event.compound_id,
            pl.INCOME,
            "fees",
            event.amount_fen,
            f"物业费收入{receipt}",
            event.received_on or day(uow, at),
            event.recorded_by or "fees",
            f"fees.account.v1/{envelope.event_id}",
        )
        public_ledger.book(uow, transfer, None, at)

    def reversed_(event: fees_events.EntryReversed, envelope: EventEnvelope) -> None:
        if not event.compound_id or event.amount_fen <= 0:
            return
        uow = unit_of_work(envelope.tenant_id)
        at = booked_at(envelope)
        by = event.approved_by or event.requested_by or "fees"
        if event.kind == "reversal" and event.reverses:
            public_ledger.reverse_entry(
                uow,
                Principal(envelope.tenant_id, "community_staff", by),
                event.compound_id,
                payment_id(event.reverses),
                event.reason or "缴费冲正",
                f"account-entry/{event.entry_id}",
                at,
                reversible=("pl-payment:",),
            )
            return
        transfer = pl.refund_transfer(
            public_ledger.derived_id("pl-refund", event.entry_id),
            event.compound_id,
            event.amount_fen,
            "物业费退款",
            day(uow, at),
            by,
            f"fees.account.v1/{envelope.event_id}",
        )
        public_ledger.book(uow, transfer, None, at)

    return EventHandlers({fees_events.PaymentReceived: received, fees_events.EntryReversed: reversed_})
