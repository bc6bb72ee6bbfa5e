"""Domain values ↔ protobuf messages of points.proto."""

from __future__ import annotations

from linli.points.v1 import points_pb2 as pb
from linli_ledger import Transfer, TransferFlags
from linli_platform.protos import timestamp

from linli_points.domain.activity import Activity
from linli_points.domain.awards import AwardResult
from linli_points.domain.volunteer import AVAILABILITY, Volunteer

_AVAILABILITY = {name: pb.Availability.Value(f"AVAILABILITY_{name.upper()}") for name in AVAILABILITY}
_AVAILABILITY_NAMES = {number: name for name, number in _AVAILABILITY.items()}
_STATUS = {
    "checked_in": pb.ACTIVITY_STATUS_CHECKED_IN,
    "checked_out": pb.ACTIVITY_STATUS_CHECKED_OUT,
    "confirmed": pb.ACTIVITY_STATUS_CONFIRMED,
    "rejected": pb.ACTIVITY_STATUS_REJECTED,
    "corrected": pb.ACTIVITY_STATUS_CORRECTED,
}
_STATUS_NAMES = {number: name for name, number in _STATUS.items()}


def availability_name(value: int) -> str:
    return _AVAILABILITY_NAMES.get(value, "")


def status_name(value: int) -> str:
    return _STATUS_NAMES.get(value, "")


def volunteer_pb(v: Volunteer) -> pb.Volunteer:
    p = v.profile
    return pb.Volunteer(
        tenant_id=v.tenant_id,
        subject=v.subject,
        display_name=p.display_name,
        specialties=list(p.specialties),
        availability=[_AVAILABILITY[a] for a in p.availability],
        team_ids=list(p.team_ids),
        leads_team_ids=list(p.leads_team_ids),
        compound_id=p.compound_id,
        show_name=p.show_name,
        active=p.active,
        trainings=list(p.trainings),
        version=v.version,
    )


def activity_pb(a: Activity) -> pb.Activity:
    return pb.Activity(
        id=a.id,
        tenant_id=a.tenant_id,
        subject=a.subject,
        kind=a.kind,
        kind_name=a.kind_name,
        compound_id=a.compound_id,
        team_id=a.team_id,
        status=_STATUS[a.status],
        started_at=timestamp(a.started_at),
        ended_at=timestamp(a.ended_at),
        minutes=a.minutes,
        confirmed_by=a.confirmed_by,
        note=a.note,
        corrects=a.corrects,
        corrected_by=a.corrected_by,
        recorded_by=a.recorded_by,
        version=a.version,
    )


def movement_pb(t: Transfer, amount: int, counterparty: str) -> pb.Movement:
    state = (
        "pending"
        if t.flags & TransferFlags.PENDING
        else "voided"
        if t.flags & TransferFlags.VOID_PENDING
        else "posted"
    )
    try:
        version = int(t.user_data.get("rule_version", "0"))
    except ValueError:
        version = 0
    return pb.Movement(
        transfer_id=t.id,
        amount=amount,
        code=t.code,
        cause=t.cause,
        description=t.user_data.get("description", ""),
        at=timestamp(t.timestamp),
        reverses=t.reverses,
        rule_version=version,
        counterparty=counterparty,
        state=state,
    )


def award_pb(r: AwardResult) -> pb.AwardResult:
    return pb.AwardResult(
        award=r.award,
        award_name=r.award_name,
        period=r.period,
        community_id=r.community_id,
        snapshot_at=timestamp(r.snapshot_at),
        rule_version=r.rule_version,
        winners=[
            pb.AwardWinner(
                rank=w.rank,
                subject=w.subject,
                display_name=w.name,
                minutes=w.minutes,
                average_rating=w.average_rating,
                rated_tickets=w.rated,
                points=w.points,
                transfer_id=w.transfer_id,
            )
            for w in r.winners
        ],
        excluded=list(r.excluded),
    )
