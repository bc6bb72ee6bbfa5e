"""GovernanceService over gRPC: versions, rejection of bad documents, overrides, history, tenancy."""

from __future__ import annotations

import grpc
import pytest
from linli.common.v1.common_pb2 import PageRequest
from linli.common.v1.events_pb2 import EventEnvelope
from linli.communities.v1 import events_pb2
from linli.communities.v1 import governance_pb2 as pb
from linli.communities.v1 import governance_pb2_grpc as pb_grpc
from linli_communities.service_layer import governance
from linli_platform.events import unpack
from linli_platform.status import field_violations

DOC = """
district: {name: 汉阳区}
tickets:
  categories:
    lighting: {name: 楼道照明, accept_within_minutes: 30, complete_within_hours: 4}
deliberation:
  votes: {rule: double_majority}
overrides:
  communities:
    yangsi: {fees: {price_fen_per_m2_month: 40}}
  compounds:
    jinjiang:
      tickets: {categories: {lighting: {name: 楼道照明, accept_within_minutes: 15, complete_within_hours: 1}}}
"""


@pytest.fixture
def stub(api):
    return pb_grpc.GovernanceServiceStub(api)


@pytest.fixture
def versions(uow_for):
    """versions(tenant) → how many configuration versions the district has."""
    return lambda tenant: uow_for(tenant).configs.history(0, 0)[1]


def apply(stub, meta, document=DOC, request_id="r1", **kw):
    return stub.ApplyConfig(
        pb.ApplyConfigRequest(request_id=request_id, document=document, **kw), metadata=meta
    )


def rejected(stub, meta, document) -> list[tuple[str, str]]:
    with pytest.raises(grpc.RpcError) as exc:
        apply(stub, meta, document, request_id="bad")
    assert exc.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    return field_violations(exc.value)


def test_apply_creates_version_one_with_an_event_carrying_the_compound_map(stub, who, store):
    admin = who("hanyang", "district_admin")
    applied = apply(stub, admin)
    assert (applied.version, applied.changed, applied.changed_by) == (1, True, "district_admin@hanyang")
    [pending] = store.outbox
    assert pending.topic == "communities.config.v1" and pending.key == "hanyang:hanyang"
    event = unpack(EventEnvelope.FromString(pending.value))
    assert isinstance(event, events_pb2.GovernanceConfigChanged)
    assert event.version == 1 and "楼道照明" in event.document_json
    assert dict(event.compound_communities) == {"jinjiang": "yangsi", "jiangshan-heyue": "xinwuli"}


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (DOC + "fees: {price_per_m2: 40}\n", "document.fees.price_per_m2"),
        (
            DOC.replace("accept_within_minutes: 30", "accept_within_minutes: -1"),
            "document.tickets.categories.lighting.accept_within_minutes",
        ),
        (
            DOC.replace("{rule: double_majority}", "{rule: double_majority, participation_area: 1.5}"),
            "document.deliberation.votes.participation_area",
        ),
        (DOC.replace("    jinjiang:", "    nowhere:"), "document.overrides.compounds.nowhere"),
        (DOC.replace("    yangsi:", "    atlantis:"), "document.overrides.communities.atlantis"),
    ],
)
def test_a_bad_document_is_rejected_whole_with_its_path_and_the_version_in_force_stays(
    stub, who, change, path, versions
):
    admin = who("hanyang", "district_admin")
    apply(stub, admin)
    violations = rejected(stub, admin, change)
    assert [f for f, _ in violations] == [path]
    current = stub.GetConfig(pb.GetConfigRequest(), metadata=admin)
    assert current.version == 1 and current.document == DOC
    assert versions("hanyang") == 1


def test_validate_reports_problems_and_the_diff_without_changing_anything(stub, who, versions):
    admin = who("hanyang", "district_admin")
    apply(stub, admin)
    bad = stub.ValidateConfig(pb.ValidateConfigRequest(document=DOC + "oops: 1\n"), metadata=admin)
    assert not bad.valid and [p.path for p in bad.problems] == ["oops"]
    good = stub.ValidateConfig(pb.ValidateConfigRequest(document=DOC.replace("30,", "20,")), metadata=admin)
    assert good.valid and good.current_version == 1
    assert (
        "-      accept_within_minutes: 30\n" in good.diff
        and "+      accept_within_minutes: 20\n" in good.diff
    )
    assert versions("hanyang") == 1


def test_broken_yaml_names_the_line(stub, who):
    [(field, why)] = rejected(stub, who("hanyang", "district_admin"), "district: {name: x\n")
    assert field == "document" and why.startswith("line ")


def test_the_same_document_again_makes_no_new_version(stub, who):
    admin = who("hanyang", "district_admin")
    apply(stub, admin)
    again = apply(stub, admin, request_id="r2")
    assert (again.version, again.changed) == (1, False)


def test_a_stale_expected_version_is_aborted(stub, who):
    admin = who("hanyang", "district_admin")
    apply(stub, admin)
    apply(stub, admin, DOC.replace("30,", "25,"), request_id="r2", expected_version=1)
    with pytest.raises(grpc.RpcError) as exc:
        apply(stub, admin, DOC.replace("30,", "20,"), request_id="r3", expected_version=1)
    assert exc.value.code() == grpc.StatusCode.ABORTED


def test_history_lists_who_when_and_the_diff_newest_first(stub, who):
    apply(stub, who("hanyang", "district_admin", "张媛媛"))
    apply(
        stub,
        who("hanyang", "district_admin", "王修远"),
        DOC.replace("30,", "25,"),
        request_id="r2",
        comment="夜间照明提速",
    )
    page = stub.ListConfigHistory(
        pb.ListConfigHistoryRequest(page=PageRequest(page_size=1)), metadata=who("hanyang", "community_staff")
    )
    [latest] = page.versions
    assert (latest.version, latest.changed_by, latest.comment) == (2, "王修远", "夜间照明提速")
    assert "+      accept_within_minutes: 25" in latest.diff and latest.changed_at.seconds > 0
    assert page.page.total == 2 and page.page.next_page_token
    first = stub.GetConfig(pb.GetConfigRequest(version=1), metadata=who("hanyang", "council"))
    assert first.changed_by == "张媛媛" and first.document == DOC


def test_effective_config_merges_community_then_compound_overrides(stub, who):
    apply(stub, who("hanyang", "district_admin"))
    resident = who("hanyang", "resident")
    compound = stub.GetEffectiveConfig(pb.GetEffectiveConfigRequest(compound="jinjiang"), metadata=resident)
    assert compound.community == "yangsi" and compound.version == 1
    assert '"accept_within_minutes": 15' in compound.sections_json
    district = stub.GetEffectiveConfig(pb.GetEffectiveConfigRequest(), metadata=resident)
    assert '"accept_within_minutes": 30' in district.sections_json


def test_effective_config_of_an_unknown_compound_is_not_found(stub, who):
    with pytest.raises(grpc.RpcError) as exc:
        stub.GetEffectiveConfig(
            pb.GetEffectiveConfigRequest(compound="atlantis"), metadata=who("hanyang", "resident")
        )
    assert exc.value.code() == grpc.StatusCode.NOT_FOUND


def test_only_a_district_admin_may_apply(stub, who):
    for role in ("community_staff", "council", "property_firm", "resident"):
        with pytest.raises(grpc.RpcError) as exc:
            apply(stub, who("hanyang", role))
        assert exc.value.code() == grpc.StatusCode.PERMISSION_DENIED


def test_requests_are_validated_naming_the_field(stub, who):
    with pytest.raises(grpc.RpcError) as exc:
        stub.ApplyConfig(pb.ApplyConfigRequest(document=DOC), metadata=who("hanyang", "district_admin"))
    assert exc.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [f for f, _ in field_violations(exc.value)] == ["request_id"]


def test_one_districts_admin_can_neither_read_nor_change_anothers_config(stub, who, versions):
    apply(stub, who("hanyang", "district_admin"))
    other = who("donghu", "district_admin")
    with pytest.raises(grpc.RpcError) as exc:
        stub.GetConfig(pb.GetConfigRequest(version=1), metadata=other)
    assert exc.value.code() == grpc.StatusCode.NOT_FOUND
    assert stub.ListConfigHistory(pb.ListConfigHistoryRequest(), metadata=other).page.total == 0
    with pytest.raises(grpc.RpcError) as exc:
        stub.GetEffectiveConfig(pb.GetEffectiveConfigRequest(compound="jinjiang"), metadata=other)
    assert exc.value.code() == grpc.StatusCode.NOT_FOUND
    # Overriding hanyang's compound from donghu is an override of a compound donghu does not have.
    assert [f for f, _ in rejected(stub, other, DOC.replace("    yangsi:", "    wanjun:"))] == [
        "document.overrides.compounds.jinjiang"
    ]
    checked = stub.ValidateConfig(pb.ValidateConfigRequest(document=DOC), metadata=other)
    assert not checked.valid and checked.current_version == 0
    assert sorted(p.path for p in checked.problems) == [
        "overrides.communities.yangsi",
        "overrides.compounds.jinjiang",
    ]
    apply(stub, other, DOC.replace("    yangsi:", "    wanjun:").replace("    jinjiang:", "    anpudun:"))
    assert stub.GetConfig(pb.GetConfigRequest(), metadata=who("hanyang", "district_admin")).document == DOC
    assert versions("hanyang") == 1 and versions("donghu") == 1


def test_the_cooperative_rules_the_hierarchy_enforces_come_from_the_version_in_force(stub, who, uow_for):
    admin = who("hanyang", "district_admin")
    apply(stub, admin, DOC + "cooperative: {min_members: 5, max_members: 8}\n")
    apply(stub, admin, DOC + "cooperative: {min_members: 5, max_members: 11}\n", request_id="r2")
    assert governance.cooperative_rules(uow_for("hanyang")).max_members == 11
    assert governance.cooperative_rules(uow_for("donghu")).max_members == 9  # no config: the seed's 7–9
