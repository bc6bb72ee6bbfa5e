"""The 共享物业社 make-up (seed 002) is enforced from the district's config, not hard-coded."""

from __future__ import annotations

import pytest
from linli_communities.domain.organisations import Member, check_members, check_period
from linli_governance.deliberation import CooperativeRules
from linli_platform.errors import InvalidField


def cooperative(size: int, party: int, vice: int = 2, chair_title: str = "社区党组织书记") -> list[Member]:
    members = [Member("chair", "书记", "chair", party > 0, chair_title)]
    members += [Member(f"v{i}", f"副{i}", "vice_chair", party > i + 1) for i in range(vice)]
    members += [Member(f"m{i}", f"成员{i}", "member", party > vice + 1 + i) for i in range(size - 1 - vice)]
    return members


@pytest.mark.parametrize("size", [7, 8, 9])
def test_seven_to_nine_members_with_a_party_majority_pass(size):
    check_members("cooperative", cooperative(size, party=size // 2 + 1), CooperativeRules())


@pytest.mark.parametrize(
    ("members", "why"),
    [
        (cooperative(6, 4), "7–9 名成员"),
        (cooperative(10, 6), "7–9 名成员"),
        (cooperative(8, 4), "超过成员的 50%"),  # exactly half is not more than half
        (cooperative(8, 5, vice=1), "2 位副理事长"),
        (cooperative(8, 5, chair_title="网格员"), "理事长应由社区党组织书记担任"),
    ],
)
def test_the_default_rules_reject_the_wrong_make_up(members, why):
    with pytest.raises(InvalidField) as err:
        check_members("cooperative", members, CooperativeRules())
    assert any(why in desc for _, desc in err.value.violations)


def test_another_district_can_set_other_numbers():
    rules = CooperativeRules(
        min_members=5, max_members=6, vice_chairs=1, chair_role="街道干部", party_member_share_gt=0.3
    )
    check_members("cooperative", cooperative(5, 2, vice=1, chair_title="街道干部"), rules)
    with pytest.raises(InvalidField):
        check_members("cooperative", cooperative(8, 5), rules)


def test_other_kinds_only_need_unique_members_and_one_chair():
    check_members("volunteer_team", [Member("a", "甲")], CooperativeRules())
    with pytest.raises(InvalidField):
        check_members("council", [Member("a", "甲"), Member("a", "甲")], CooperativeRules())
    with pytest.raises(InvalidField):
        check_members("council", [Member("a", "甲", "chair"), Member("b", "乙", "chair")], CooperativeRules())


def test_a_contract_cannot_end_before_it_starts():
    check_period("2025-08-01", "")
    with pytest.raises(InvalidField) as err:
        check_period("2025-08-01", "2025-07-31")
    assert err.value.violations[0][0] == "ends_on"
    with pytest.raises(InvalidField):
        check_period("2025-02-30", "")
