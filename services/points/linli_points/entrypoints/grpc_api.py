"""gRPC servicer of the points service: proto → use case → proto, nothing else."""

from __future__ import annotations

from datetime import UTC

from linli.common.v1.common_pb2 import PageResponse
from linli.points.v1 import points_pb2 as pb
from linli.points.v1 import points_pb2_grpc as pb_grpc
from linli_platform.api import run_api
from linli_platform.auth import PEOPLE_ROLES, STAFF_ROLES
from linli_platform.config_version import Applied, with_config_version
from linli_platform.context import current_principal
from linli_platform.errors import InvalidField
from linli_platform.grpc_server import ServiceSpec, roles
from linli_platform.idempotency import MONGO_STORE, IdempotencyStore, fingerprint, fingerprinted, idempotent
from linli_platform.paging import page_response, page_window

from linli_points.adapters.unit_of_work import mongo_unit_of_work
from linli_points.domain.volunteer import Profile
from linli_points.entrypoints.catalog_api import catalog_specs
from linli_points.entrypoints.mapping import (
    activity_pb,
    availability_name,
    award_pb,
    movement_pb,
    status_name,
    volunteer_pb,
)
from linli_points.service_layer import accounts, activities, awards, reports, volunteers
from linli_points.service_layer.unit_of_work import UnitOfWorkFactory

PEOPLE = STAFF_ROLES | PEOPLE_ROLES


def _time(message, name: str):
    return getattr(message, name).ToDatetime(tzinfo=UTC)


class PointsServicer(pb_grpc.PointsServiceServicer):
    def __init__(
        self,
        unit_of_work: UnitOfWorkFactory = mongo_unit_of_work,
        idempotency: IdempotencyStore = MONGO_STORE,
    ):
        self.unit_of_work, self.idempotency = unit_of_work, idempotency

    def _uow(self):
        principal = current_principal()
        return self.unit_of_work(principal.tenant), principal

    # -- accounts --------------------------------------------------------------------------------
    def GetAccount(self, request, context):
        uow, caller = self._uow()
        b = accounts.read_account(uow, caller, request.subject)
        return pb.Account(
            tenant_id=uow.tenant,
            subject=b.subject,
            balance=b.balance,
            pending=b.pending,
            points_name=b.points_name,
        )

    def GetStatement(self, request, context):
        uow, caller = self._uow()
        limit = request.page.page_size or 50
        balance, lines, cursor = accounts.statement(
            uow, caller, request.subject, request.page.page_token, limit
        )
        return pb.Statement(
            subject=balance.subject,
            balance=balance.balance,
            points_name=balance.points_name,
            movements=[movement_pb(line.transfer, line.amount, line.counterparty) for line in lines],
            page=PageResponse(next_page_token=cursor),
        )

    @roles(*PEOPLE)
    @fingerprinted  # the transfer's id follows from the request_id: the ledger answers a retry
    def TransferPoints(self, request, context):
        uow, caller = self._uow()
        t = accounts.transfer_points(
            uow, caller, request.request_id, request.to_subject, request.amount, request.memo, request.grant
        )
        return movement_pb(t, -t.amount if not request.grant else t.amount, request.to_subject)

    @roles(*STAFF_ROLES)
    @fingerprinted  # the reversal's id follows from the transfer it reverses
    def ReverseTransfer(self, request, context):
        uow, caller = self._uow()
        t = accounts.reverse_transfer(uow, caller, request.request_id, request.transfer_id, request.reason)
        return movement_pb(t, t.amount, t.credit_account_id)

    # -- volunteers ------------------------------------------------------------------------------
    @roles(*PEOPLE)
    @idempotent(pb.Volunteer)
    def RegisterVolunteer(self, request, context):
        uow, caller = self._uow()
        if pb.AVAILABILITY_UNSPECIFIED in request.availability:
            raise InvalidField("availability", "must name a time (AVAILABILITY_UNSPECIFIED is not one)")
        profile = Profile(
            display_name=request.display_name,
            compound_id=request.compound_id,
            specialties=tuple(request.specialties),
            availability=tuple(availability_name(a) for a in request.availability),
            team_ids=tuple(request.team_ids),
            leads_team_ids=tuple(request.leads_team_ids),
            show_name=request.show_name,
            active=request.active,
            trainings=tuple(request.trainings),
        )
        return volunteer_pb(volunteers.register_volunteer(uow, caller, request.subject, profile))

    def GetVolunteer(self, request, context):
        uow, caller = self._uow()
        return volunteer_pb(volunteers.read_volunteer(uow, caller, request.subject))

    @roles(*STAFF_ROLES)
    def SearchVolunteers(self, request, context):
        uow, caller = self._uow()
        offset, limit = page_window(request.page)
        found, total = volunteers.search_volunteers(
            uow,
            caller,
            request.specialty,
            availability_name(request.availability),
            request.team_id,
            request.compound_id,
            offset,
            limit,
        )
        return pb.SearchVolunteersResponse(
            volunteers=[volunteer_pb(v) for v in found], page=page_response(offset, limit, len(found), total)
        )

    # -- activities ------------------------------------------------------------------------------
    @roles(*PEOPLE)
    @fingerprinted
    def CheckIn(self, request, context):
        uow, caller = self._uow()
        activity = activities.check_in(
            uow,
            caller,
            request.request_id,
            request.kind,
            request.compound_id,
            request.team_id,
            request.subject,
            request.note,
            fingerprint=fingerprint(request),
            at=_time(request, "at") if request.HasField("at") else None,
        )
        return activity_pb(activity)

    @roles(*PEOPLE)
    @idempotent(pb.Activity)
    def CheckOut(self, request, context):
        uow, caller = self._uow()
        at = _time(request, "at") if request.HasField("at") else None
        return activity_pb(activities.check_out(uow, caller, request.activity_id, request.note, at=at))

    @roles(*PEOPLE)
    @idempotent(pb.Activity)
    def ConfirmActivity(self, request, context):
        uow, caller = self._uow()
        return activity_pb(
            activities.confirm_activity(uow, caller, request.activity_id, request.approved, request.note)
        )

    @roles(*PEOPLE)
    @fingerprinted
    def CorrectActivity(self, request, context):
        uow, caller = self._uow()
        fixed = activities.correct_activity(
            uow,
            caller,
            request.request_id,
            request.activity_id,
            _time(request, "started_at"),
            _time(request, "ended_at"),
            request.reason,
            fingerprint=fingerprint(request),
        )
        return activity_pb(fixed)

    def GetActivity(self, request, context):
        uow, caller = self._uow()
        return activity_pb(activities.read_activity(uow, caller, request.activity_id))

    def ListActivities(self, request, context):
        uow, caller = self._uow()
        offset, limit = page_window(request.page)
        if request.status and not status_name(request.status):
            raise InvalidField("status", "is not a known status")
        found, total = activities.list_activities(
            uow, caller, request.subject, status_name(request.status), request.team_id, offset, limit
        )
        return pb.ListActivitiesResponse(
            activities=[activity_pb(a) for a in found], page=page_response(offset, limit, len(found), total)
        )

    # -- reports ---------------------------------------------------------------------------------
    @roles(*STAFF_ROLES)
    def GetHoursReport(self, request, context):
        uow, caller = self._uow()
        rows = reports.hours_report(uow, caller, request.period, request.group_by)
        return pb.HoursReport(
            period=request.period,
            group_by=request.group_by,
            rows=[
                pb.HoursRow(
                    key=r.key,
                    name=r.name,
                    minutes=r.minutes,
                    activities=r.activities,
                    hours=round(r.minutes / 60, 2),
                )
                for r in rows
            ],
            total_minutes=sum(r.minutes for r in rows),
        )

    @roles(*STAFF_ROLES)
    def GetPointsReport(self, request, context):
        uow, caller = self._uow()
        rows = reports.points_report(uow, caller, request.period)
        return pb.PointsReport(
            period=request.period,
            rows=[
                pb.PointsRow(
                    community_id=r.community_id,
                    community_name=r.community_name,
                    issued=r.issued,
                    redeemed=r.redeemed,
                    outstanding=r.outstanding,
                )
                for r in rows
            ],
            issued=sum(r.issued for r in rows),
            redeemed=sum(r.redeemed for r in rows),
            outstanding=sum(r.outstanding for r in rows),
        )

    # -- awards and leaderboard ------------------------------------------------------------------
    @roles(*STAFF_ROLES)
    @idempotent(pb.AwardResult)
    def RunAward(self, request, context):
        uow, caller = self._uow()
        return award_pb(awards.run_award(uow, caller, request.award, request.period, request.community_id))

    def GetAwardResult(self, request, context):
        uow, _ = self._uow()
        return award_pb(awards.read_award(uow, request.award, request.period, request.community_id))

    def GetLeaderboard(self, request, context):
        uow, caller = self._uow()
        standings = awards.leaderboard(
            uow, caller, request.community_id, request.period, request.by, request.top
        )
        return pb.Leaderboard(
            community_id=request.community_id,
            period=request.period,
            by=request.by or "hours",
            entries=[
                pb.LeaderboardEntry(
                    rank=s.rank,
                    display_name=s.display_name,
                    minutes=s.minutes,
                    points=s.points,
                    subject=s.subject,
                )
                for s in standings
            ],
        )


def specs(
    _settings,
    unit_of_work: UnitOfWorkFactory = mongo_unit_of_work,
    idempotency: IdempotencyStore = MONGO_STORE,
) -> list[ServiceSpec]:
    return [
        ServiceSpec(
            PointsServicer(unit_of_work, idempotency),
            pb_grpc.add_PointsServiceServicer_to_server,
            pb.DESCRIPTOR.services_by_name["PointsService"].full_name,
        ),
        *catalog_specs(idempotency=idempotency),  # CatalogService, LibraryService (entrypoints/catalog_api)
    ]


if __name__ == "__main__":
    from datetime import datetime  # noqa: PLC0415

    from linli_points.service_layer.rules_in_force import rules_at  # noqa: PLC0415

    # points reads its copy of the rules on every request: the version it applies is the one in force now
    run_api(
        "points",
        with_config_version(
            specs, Applied(lambda t: rules_at(mongo_unit_of_work(t), datetime.now(UTC)).version)
        ),
    )
