"""The meeting (自管队会议, 议事会, 三方联席会议) as an aggregate: scheduled, attended, then held with
its minutes and decisions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from linli_platform.aggregate import Aggregate
from linli_platform.errors import FailedPrecondition, InvalidField

from linli_communities.domain.deliberation import HELD, SCHEDULED
from linli_communities.domain.proposal import Proposal


@dataclass(frozen=True)
class Attendee:
    subject: str
    name: str
    party: str


@dataclass(frozen=True)
class Decision:
    proposal_id: str
    approved: bool
    note: str = ""


class Meeting(Aggregate):
    SOURCE, NAME = "communities", "meeting"

    def __init__(
        self,
        tenant_id: str,
        id: str,
        version: int = 0,
        *,
        compound_id: str,
        tier: str,
        title: str,
        scheduled_at: datetime,
        created_by: str,
        agenda: Iterable[str] = (),
        proposal_ids: Iterable[str] = (),
        attendance: Iterable[Attendee] = (),
        minutes: str = "",
        decisions: Iterable[Decision] = (),
        status: str = SCHEDULED,
    ):
        super().__init__(tenant_id, id, version)
        self.compound_id, self.tier, self.title = compound_id, tier, title
        self.scheduled_at, self.created_by = scheduled_at, created_by
        self.agenda, self.proposal_ids = list(agenda), list(proposal_ids)
        self.attendance, self.decisions = list(attendance), list(decisions)
        self.minutes, self.status = minutes, status

    @classmethod
    def schedule(
        cls,
        tenant_id: str,
        id: str,
        compound_id: str,
        tier: str,
        title: str,
        scheduled_at: datetime,
        agenda: Iterable[str],
        proposals: list[tuple[str, Proposal | None]],
        by: str,
    ) -> Meeting:
        """`proposals`: the proposals to decide, (id, proposal) as asked (None: no such proposal).
        Each must be of this compound and of this meeting's tier."""
        for i, (proposal_id, proposal) in enumerate(proposals):
            if proposal is None or proposal.compound_id != compound_id:
                raise InvalidField(
                    f"proposal_ids[{i}]", f"no proposal {proposal_id} in compound {compound_id}"
                )
            if proposal.tier != tier:
                raise InvalidField(
                    f"proposal_ids[{i}]", f"proposal {proposal_id} is for {proposal.tier}, not {tier}"
                )
        return cls(
            tenant_id,
            id,
            compound_id=compound_id,
            tier=tier,
            title=title.strip(),
            scheduled_at=scheduled_at,
            agenda=agenda,
            proposal_ids=dict.fromkeys(proposal_id for proposal_id, _ in proposals),
            created_by=by,
        )

    @property
    def present_parties(self) -> set[str]:
        return {a.party for a in self.attendance}

    def record_attendance(self, attendees: Iterable[Attendee]) -> None:
        """Add those not yet recorded (by subject, or name, and party)."""
        if self.status != SCHEDULED:
            raise FailedPrecondition("attendance can only be recorded before the minutes")
        seen = {(a.subject or a.name, a.party) for a in self.attendance}
        for a in attendees:
            if (a.subject or a.name, a.party) not in seen:
                seen.add((a.subject or a.name, a.party))
                self.attendance.append(Attendee(a.subject, a.name.strip(), a.party))
        self.touch()

    def check_may_record_minutes(self) -> None:
        if self.status != SCHEDULED:
            raise FailedPrecondition("the minutes of this meeting are already recorded")

    def check_on_agenda(self, index: int, decision: Decision) -> None:
        if decision.proposal_id not in self.proposal_ids:
            raise InvalidField(f"decisions[{index}].proposal_id", "is not on this meeting's agenda")

    def record_minutes(self, minutes: str, decisions: Iterable[Decision]) -> None:
        """Minutes close the meeting (its decisions were checked and taken by the proposals)."""
        self.check_may_record_minutes()
        decisions = list(decisions)
        for i, decision in enumerate(decisions):
            self.check_on_agenda(i, decision)
        self.minutes, self.decisions, self.status = minutes, decisions, HELD
        self.touch()
