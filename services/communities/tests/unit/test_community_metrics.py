"""Communities' figures per district: households created by an import are counted once (a repeated
import creates nothing), under the district's tenant and no household id."""

from __future__ import annotations

from linli_communities.adapters.fakes import fake_unit_of_work
from linli_communities.domain.households import HouseholdRecord, Resident
from linli_communities.domain.records import Building
from linli_communities.service_layer.households import import_rows
from linli_platform.testing.fakes import FakeStore
from prometheus_client import REGISTRY


def created(tenant: str) -> float:
    return (
        REGISTRY.get_sample_value(
            "linli_communities_onboarded_total", {"tenant": tenant, "kind": "household"}
        )
        or 0
    )


def row(household: str) -> HouseholdRecord:
    return HouseholdRecord("c", "1", household, "", 8000, (Resident("张三", "13812345678", "owner"),))


def test_households_created_by_an_import_are_counted_once_for_their_district():
    uow_for = fake_unit_of_work(FakeStore())
    uow = uow_for("m1")
    building = Building("m1", compound_id="c", building_id="1")
    building.upsert(name="1栋")
    uow.buildings.add(building)
    uow.commit()
    before, elsewhere = created("m1"), created("m2")
    rows = [(2, row("h1")), (3, row("h2"))]
    import_rows(uow_for("m1"), rows, dry_run=True)  # a dry run writes nothing
    import_rows(uow_for("m1"), rows, dry_run=False)
    import_rows(uow_for("m1"), rows, dry_run=False)  # unchanged
    assert created("m1") == before + 2
    assert created("m2") == elsewhere


def test_every_metric_of_the_service_is_labelled_by_tenant_first_with_allowed_labels():
    from linli_communities.adapters import metrics as service_metrics  # noqa: PLC0415
    from linli_platform.metrics import LABELS  # noqa: PLC0415
    from prometheus_client.metrics import MetricWrapperBase  # noqa: PLC0415

    defined = [m for m in vars(service_metrics).values() if isinstance(m, MetricWrapperBase)]
    assert defined
    for metric in defined:
        assert metric._labelnames[0] == "tenant" and set(metric._labelnames) <= LABELS, metric._name
