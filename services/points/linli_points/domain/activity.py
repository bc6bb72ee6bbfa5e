"""An activity: hours a volunteer served (巡逻, 独居老人/残疾人上门服务, 便民服务日), checked in and
out, confirmed by community staff or the team's leader. A wrong entry is never edited: a correction
is a new confirmed entry naming the one it corrects, which is then superseded (its hours no longer
count, its credit is reversed)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from linli.points.v1 import events_pb2
from linli_platform.aggregate import Aggregate
from linli_platform.errors import FailedPrecondition, InvalidField, PermissionDenied
from linli_platform.protos import timestamp

CHECKED_IN, CHECKED_OUT, CONFIRMED, REJECTED, CORRECTED = (
    "checked_in",
    "checked_out",
    "confirmed",
    "rejected",
    "corrected",
)
STATUSES = (CHECKED_IN, CHECKED_OUT, CONFIRMED, REJECTED, CORRECTED)
_NAMESPACE = uuid.UUID("0c0e5a3e-9f61-4d8c-8f7e-4b1f2d3a5c6e")


def activity_id_for(tenant_id: str, subject: str, request_id: str) -> str:
    """An entry's id follows from who asked and their request_id, so a retry finds the same entry."""
    return "a" + uuid.uuid5(_NAMESPACE, f"{tenant_id}\x1f{subject}\x1f{request_id}").hex[:23]


def counted_minutes(started_at: datetime, ended_at: datetime, max_hours: float) -> int:
    """Whole minutes served, at most the kind's `max_hours` for one session."""
    minutes = int((ended_at - started_at).total_seconds() // 60)
    return max(0, min(minutes, int(max_hours * 60)))


@dataclass(eq=False, kw_only=True)
class Activity(Aggregate):
    SOURCE: ClassVar[str] = "points"
    NAME: ClassVar[str] = "activity"

    tenant_id: str
    id: str
    subject: str
    kind: str
    kind_name: str
    compound_id: str
    started_at: datetime
    team_id: str = ""
    status: str = CHECKED_IN
    ended_at: datetime | None = None
    minutes: int = 0
    confirmed_by: str = ""
    confirmed_at: datetime | None = None
    note: str = ""
    corrects: str = ""
    corrected_by: str = ""
    recorded_by: str = ""
    subject_name: str = ""
    version: int = 0
    request_fingerprint: str = ""

    def __post_init__(self) -> None:
        Aggregate.__init__(self, self.tenant_id, self.id, self.version)

    # -- check in / out --------------------------------------------------------------------------
    @classmethod
    def check_in(
        cls,
        *,
        tenant_id: str,
        id: str,
        subject: str,
        kind: str,
        kind_name: str,
        compound_id: str,
        team_id: str,
        now: datetime,
        recorded_by: str = "",
        subject_name: str = "",
        note: str = "",
        fingerprint: str = "",
    ) -> Activity:
        activity = cls(
            tenant_id=tenant_id,
            id=id,
            subject=subject,
            kind=kind,
            kind_name=kind_name,
            compound_id=compound_id,
            team_id=team_id,
            started_at=now,
            recorded_by=recorded_by if recorded_by != subject else "",
            subject_name=subject_name,
            note=note,
            request_fingerprint=fingerprint,
        )
        activity.record(
            events_pb2.ActivityCheckedIn(
                activity_id=id,
                subject=subject,
                kind=kind,
                kind_name=kind_name,
                compound_id=compound_id,
                team_id=team_id,
                started_at=timestamp(now),
                subject_name=subject_name,
            )
        )
        return activity

    def check_out(
        self, by: str, by_staff: bool, now: datetime, max_hours: float, local_time: str, note: str = ""
    ) -> None:
        if by != self.subject and not by_staff:
            raise PermissionDenied("only the volunteer or staff check an activity out")
        if self.status == CHECKED_OUT and self.ended_at is not None:
            return  # a second check-out changes nothing
        self._require(CHECKED_IN)
        self.ended_at, self.status = now, CHECKED_OUT
        self.minutes = counted_minutes(self.started_at, now, max_hours)
        self.note = note or self.note
        self.record(
            events_pb2.ActivityCheckedOut(
                activity_id=self.id,
                subject=self.subject,
                kind=self.kind,
                kind_name=self.kind_name,
                compound_id=self.compound_id,
                team_id=self.team_id,
                minutes=self.minutes,
                subject_name=self.subject_name,
                local_time=local_time,
            )
        )

    # -- confirm / reject ------------------------------------------------------------------------
    def confirm(self, by: str, approved: bool, now: datetime, local_time: str, note: str = "") -> None:
        """By a confirmer the service layer checked (staff of the config, or the team's leader)."""
        if by == self.subject:
            raise PermissionDenied("a volunteer does not confirm their own hours")
        if approved and self.status == CONFIRMED or not approved and self.status == REJECTED:
            return  # the same decision again
        self._require(CHECKED_OUT)
        self.confirmed_by, self.confirmed_at, self.note = by, now, note or self.note
        if approved:
            self.status = CONFIRMED
            self.record(self._confirmed_event(local_time))
        else:
            self.status = REJECTED
            self.record(
                events_pb2.ActivityRejected(
                    activity_id=self.id,
                    subject=self.subject,
                    kind_name=self.kind_name,
                    rejected_by=by,
                    note=note,
                    subject_name=self.subject_name,
                )
            )

    # -- corrections -----------------------------------------------------------------------------
    def correction(
        self,
        *,
        id: str,
        by: str,
        started_at: datetime,
        ended_at: datetime,
        max_hours: float,
        reason: str,
        now: datetime,
        local_time: str,
        fingerprint: str = "",
    ) -> Activity:
        """A new confirmed entry with the right times; `supersede()` then marks this one."""
        if self.status not in (CONFIRMED, REJECTED):
            raise FailedPrecondition(
                f"activity {self.id} is {self.status}; only decided entries are corrected"
            )
        if self.corrected_by and self.corrected_by != id:
            raise FailedPrecondition(f"activity {self.id} was corrected already by {self.corrected_by}")
        if ended_at <= started_at:
            raise InvalidField("ended_at", "must be after started_at")
        if ended_at > now:
            raise InvalidField("ended_at", "must not be in the future")
        fixed = Activity(
            tenant_id=self.tenant_id,
            id=id,
            subject=self.subject,
            kind=self.kind,
            kind_name=self.kind_name,
            compound_id=self.compound_id,
            team_id=self.team_id,
            started_at=started_at,
            ended_at=ended_at,
            minutes=counted_minutes(started_at, ended_at, max_hours),
            status=CONFIRMED,
            confirmed_by=by,
            confirmed_at=now,
            note=reason,
            corrects=self.id,
            recorded_by=by,
            subject_name=self.subject_name,
            request_fingerprint=fingerprint,
        )
        fixed.record(fixed._confirmed_event(local_time))
        return fixed

    def supersede(self, correction: Activity, reason: str) -> None:
        if self.corrected_by == correction.id:
            return
        before = self.minutes if self.status == CONFIRMED else 0
        self.status, self.corrected_by = CORRECTED, correction.id
        self.record(
            events_pb2.ActivityCorrected(
                activity_id=self.id,
                subject=self.subject,
                corrected_by=correction.id,
                reason=reason,
                minutes_before=before,
                minutes_after=correction.minutes,
            )
        )

    # -- helpers ---------------------------------------------------------------------------------
    @property
    def counts(self) -> bool:
        """Its hours count in reports and awards."""
        return self.status == CONFIRMED

    def _require(self, status: str) -> None:
        if self.status != status:
            raise FailedPrecondition(f"activity {self.id} is {self.status}, not {status}")

    def _confirmed_event(self, local_time: str) -> events_pb2.ActivityConfirmed:
        return events_pb2.ActivityConfirmed(
            activity_id=self.id,
            subject=self.subject,
            kind=self.kind,
            kind_name=self.kind_name,
            compound_id=self.compound_id,
            team_id=self.team_id,
            minutes=self.minutes,
            started_at=timestamp(self.started_at),
            ended_at=timestamp(self.ended_at),
            confirmed_by=self.confirmed_by,
            corrects=self.corrects,
            subject_name=self.subject_name,
            local_time=local_time,
        )
