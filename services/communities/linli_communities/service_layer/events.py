"""The events this service publishes, built from documents (contracts: communities/v1/events.proto)."""

from __future__ import annotations

from linli.communities.v1 import events_pb2
from linli_platform.events import OutgoingEvent, new_event

from linli_communities.domain.deliberation import VOTING

SOURCE = "communities"


def _event(payload, aggregate: str, tenant_id: str, aggregate_id: str, version: int) -> OutgoingEvent:
    return new_event(
        payload,
        source=SOURCE,
        aggregate=aggregate,
        tenant_id=tenant_id,
        aggregate_id=aggregate_id,
        aggregate_version=version,
    )


def community_upserted(doc) -> OutgoingEvent:
    payload = events_pb2.CommunityUpserted(
        tenant_id=doc.tenant_id,
        community_id=doc.community_id,
        name=doc.name,
        street=doc.street,
        archived=doc.archived,
    )
    return _event(payload, "community", doc.tenant_id, doc.community_id, doc.version)


def compound_upserted(doc) -> OutgoingEvent:
    payload = events_pb2.CompoundUpserted(
        tenant_id=doc.tenant_id,
        compound_id=doc.compound_id,
        name=doc.name,
        community=doc.community,
        archived=doc.archived,
        community_id=doc.community_id,
    )
    return _event(payload, "compound", doc.tenant_id, doc.compound_id, doc.version)


def building_upserted(doc) -> OutgoingEvent:
    payload = events_pb2.BuildingUpserted(
        tenant_id=doc.tenant_id,
        compound_id=doc.compound_id,
        building_id=doc.building_id,
        name=doc.name,
        leader_subject=doc.leader_subject,
        archived=doc.archived,
    )
    return _event(payload, "building", doc.tenant_id, f"{doc.compound_id}/{doc.building_id}", doc.version)


def household_upserted(tenant_id: str, values: dict, version: int) -> OutgoingEvent:
    """From plain values, so the bulk import can build it without a mongoengine document."""
    residents = values.get("residents", [])
    payload = events_pb2.HouseholdUpserted(
        tenant_id=tenant_id,
        compound_id=values["compound_id"],
        building_id=values["building_id"],
        household_id=values["household_id"],
        label=values.get("label", ""),
        area_centi_m2=values["area_centi_m2"],
        resident_subjects=[r["subject"] for r in residents if r.get("subject")],
        owner_subjects=[r["subject"] for r in residents if r.get("subject") and r.get("tenure") == "owner"],
        care_tags=list(values.get("care_tags", [])),
        archived=values.get("archived", False),
    )
    return _event(
        payload, "household", tenant_id, f"{values['compound_id']}/{values['household_id']}", version
    )


def team_upserted(doc) -> OutgoingEvent:
    payload = events_pb2.TeamUpserted(
        tenant_id=doc.tenant_id,
        team_id=doc.org_id,
        name=doc.name,
        kind=doc.kind,
        specialties=list(doc.specialties),
        member_subjects=[m.subject for m in doc.members],
        compound_ids=list(doc.compound_ids),
        community_id=doc.community_id,
        archived=doc.archived,
    )
    return _event(payload, "organisation", doc.tenant_id, doc.org_id, doc.version)


def contract_changed(doc) -> OutgoingEvent:
    payload = events_pb2.PropertyContractChanged(
        tenant_id=doc.tenant_id,
        org_id=doc.org_id,
        org_name=doc.org_name,
        compound_id=doc.compound_id,
        services=list(doc.services),
        active=doc.active,
        starts_on=doc.starts_on,
        ends_on=doc.ends_on,
        contact=doc.contact,
    )
    return _event(payload, "organisation", doc.tenant_id, f"{doc.org_id}@{doc.compound_id}", doc.version)


def proposal_decided(doc, approved: bool, summary: str) -> OutgoingEvent:
    payload = events_pb2.ProposalDecided(
        tenant_id=doc.tenant_id,
        proposal_id=doc.proposal_id,
        compound_id=doc.compound_id,
        community_id=doc.community_id,
        title=doc.title,
        category=doc.category,
        amount_fen=doc.amount_fen,
        tier=doc.tier,
        approved=approved,
        summary=summary,
        special_matter=doc.special_matter,
    )
    return _event(payload, "proposal", doc.tenant_id, doc.proposal_id, doc.version + 1)


def proposal_withdrawn(doc, withdrawn_by: str, reason: str) -> OutgoingEvent:
    payload = events_pb2.ProposalWithdrawn(
        tenant_id=doc.tenant_id,
        proposal_id=doc.proposal_id,
        compound_id=doc.compound_id,
        title=doc.title,
        withdrawn_by=withdrawn_by,
        reason=reason,
        vote_cancelled=doc.status == VOTING,
    )
    return _event(payload, "proposal", doc.tenant_id, doc.proposal_id, doc.version + 1)
