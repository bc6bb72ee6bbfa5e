"""Awards (金江之星) and the leaderboard, computed from a dated snapshot (pure).

The figures come in as candidates (confirmed minutes, ratings and points of each volunteer in the
period, as of the snapshot); the rule of the configuration version in force decides. A result is
stored once per (award, period, community) with the figures that decided it, so a re-run answers
the stored result and grants nothing again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar

from linli.points.v1.events_pb2 import AwardGranted
from linli_governance.points import AwardRule
from linli_platform.aggregate import Aggregate
from linli_platform.protos import timestamp


@dataclass(frozen=True)
class Candidate:
    subject: str
    name: str
    minutes: int = 0
    rated: int = 0
    rating_sum: int = 0
    points: int = 0

    @property
    def average_rating(self) -> float:
        return self.rating_sum / self.rated if self.rated else 0.0


@dataclass(frozen=True)
class Winner:
    rank: int
    subject: str
    name: str
    minutes: int
    average_rating: float
    rated: int
    points: int  # granted with the award
    transfer_id: str = ""


def hours_text(minutes: int) -> str:
    return f"{minutes / 60:.1f}".rstrip("0").rstrip(".")


def decide(rule: AwardRule, candidates: list[Candidate]) -> tuple[list[Candidate], list[str]]:
    """The top `rule.top` eligible candidates in rank order, and why the others were left out."""
    eligible, excluded = [], []
    for c in candidates:
        if c.minutes <= 0 or c.minutes < rule.min_hours * 60:
            excluded.append(f"{c.name}：服务 {hours_text(c.minutes)} 小时，不足 {rule.min_hours:g} 小时")
        elif rule.min_rating > 0 and (c.rated == 0 or c.average_rating < rule.min_rating):
            shown = f"{c.average_rating:.2f}" if c.rated else "无评价"
            excluded.append(f"{c.name}：平均评分 {shown} < {rule.min_rating:g}")
        else:
            eligible.append(c)
    if rule.by == "points":
        eligible.sort(key=lambda c: (-c.points, -c.minutes, -c.average_rating, c.subject))
    else:
        eligible.sort(key=lambda c: (-c.minutes, -c.average_rating, -c.points, c.subject))
    return eligible[: rule.top], excluded


def award_result_id(award: str, period: str, community_id: str) -> str:
    return f"{award}:{period}:{community_id or '*'}"


@dataclass(eq=False, kw_only=True)
class AwardResult(Aggregate):
    SOURCE: ClassVar[str] = "points"
    NAME: ClassVar[str] = "award"

    tenant_id: str
    id: str
    award: str
    award_name: str
    period: str
    community_id: str
    snapshot_at: datetime
    rule_version: int
    winners: list[Winner] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    version: int = 0

    def __post_init__(self) -> None:
        Aggregate.__init__(self, self.tenant_id, self.id, self.version)

    @classmethod
    def grant(
        cls,
        *,
        tenant_id: str,
        rule: AwardRule,
        period: str,
        community_id: str,
        snapshot_at: datetime,
        rule_version: int,
        candidates: list[Candidate],
    ) -> AwardResult:
        chosen, excluded = decide(rule, candidates)
        result_id = award_result_id(rule.award, period, community_id)
        winners = [
            Winner(
                rank=i + 1,
                subject=c.subject,
                name=c.name,
                minutes=c.minutes,
                average_rating=round(c.average_rating, 2),
                rated=c.rated,
                points=rule.points,
                transfer_id=f"award:{result_id}:{c.subject}"[:128] if rule.points else "",
            )
            for i, c in enumerate(chosen)
        ]
        result = cls(
            tenant_id=tenant_id,
            id=result_id,
            award=rule.award,
            award_name=rule.name,
            period=period,
            community_id=community_id,
            snapshot_at=snapshot_at,
            rule_version=rule_version,
            winners=winners,
            excluded=excluded,
        )
        summary = "；".join(
            f"第{w.rank}名 {w.name}（服务 {hours_text(w.minutes)} 小时，平均评分 {w.average_rating:g}）"
            for w in winners
        )
        result.record(
            AwardGranted(
                award=rule.award,
                award_name=rule.name,
                period=period,
                community_id=community_id,
                subjects=[w.subject for w in winners],
                names=[w.name for w in winners],
                points=rule.points,
                snapshot_at=timestamp(snapshot_at),
                summary=summary or "本期无人符合条件",
            )
        )
        return result
