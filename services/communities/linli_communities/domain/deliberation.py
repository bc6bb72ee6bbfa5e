"""Proposals (议题) and meetings: which body decides, and when a decision may be taken.

自管队先议 → 议事会联审 → 三方共决: the tier comes from the district's config by category and amount.
A meeting decides only proposals of its own tier, and only with every required party present
(a three-party joint meeting needs the community, the property firm and owner representatives).
Special matters of Civil Code art. 278 (maintenance funds, rebuilding, change of use) are decided by
the owners' household vote, never by a meeting alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from linli_platform.errors import FailedPrecondition

from linli_communities.domain.roles import COMMUNITY_LEADS

OPEN, VOTING, APPROVED, REJECTED, WITHDRAWN = "open", "voting", "approved", "rejected", "withdrawn"
STATUSES = (OPEN, VOTING, APPROVED, REJECTED, WITHDRAWN)
WITHDRAWERS = COMMUNITY_LEADS  # besides the proposal's author
SCHEDULED, HELD = "scheduled", "held"
TIER_NAMES = {"self_management_team": "自管队", "council": "议事会", "three_party": "三方联席会议"}
PARTY_NAMES = {
    "community": "社区",
    "property_firm": "物业企业",
    "owner_representatives": "业主代表",
    "council": "议事会",
    "self_management_team": "自管队",
}


@dataclass(frozen=True)
class Classification:
    tier: str
    tier_name: str
    meeting_name: str
    special_matter: bool
    parties: tuple[str, ...]


def classify(deliberation, category: str, amount_fen: int) -> Classification:
    """The tier of a proposal under a linli_governance DeliberationConfig."""
    tier = deliberation.tier_for(category, amount_fen)
    return Classification(
        tier=tier.decided_by,
        tier_name=tier.name,
        meeting_name=tier.meeting or TIER_NAMES[tier.decided_by],
        special_matter=category in deliberation.votes.special_matters,
        parties=tuple(tier.parties()),
    )


def require_status(status: str, allowed: Iterable[str], action: str) -> None:
    allowed = tuple(allowed)
    if status not in allowed:
        raise FailedPrecondition(
            f"cannot {action}: the proposal is {status} (must be {' or '.join(allowed)})"
        )


def missing_parties(required: Iterable[str], present: Iterable[str]) -> list[str]:
    present_set = set(present)
    return [p for p in required if p not in present_set]


def check_meeting_may_decide(
    meeting_tier: str,
    proposal_tier: str,
    special_matter: bool,
    status: str,
    required_parties: Iterable[str],
    present_parties: Iterable[str],
) -> None:
    if proposal_tier != meeting_tier:
        raise FailedPrecondition(f"a {meeting_tier} meeting cannot decide a {proposal_tier} proposal")
    if special_matter:
        raise FailedPrecondition("special matters (art. 278) are decided by the owners' vote, not a meeting")
    require_status(status, (OPEN,), "decide at a meeting")
    missing = missing_parties(required_parties, present_parties)
    if missing:
        names = "、".join(PARTY_NAMES.get(p, p) for p in missing)
        raise FailedPrecondition(f"required parties absent: {', '.join(missing)} (缺席：{names})")


def meeting_summary(meeting_name: str, title: str, approved: bool, note: str = "") -> str:
    verdict = "同意" if approved else "不同意"
    return f"{meeting_name}《{title}》决定：{verdict}" + (f"（{note}）" if note else "")
