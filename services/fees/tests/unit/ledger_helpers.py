"""A district with two compounds (and their buildings and residents) on the in-memory fakes."""

from __future__ import annotations

from linli_fees.adapters.ledger_fakes import fake_ledger_unit_of_work
from linli_fees.domain.public_ledger import EntryDraft, Material
from linli_fees.service_layer.ledger_ports import CompoundCopy
from linli_platform.auth import Principal
from linli_platform.testing.fakes import FakeStore

STAFF = Principal("xingshan", "community_staff", "staff-he")
RESIDENT = Principal("xingshan", "resident", "res-chen")  # lives in yuying-1
NEIGHBOUR = Principal("xingshan", "resident", "res-li")  # lives in yuying-2
OUTSIDER = Principal("donghu", "district_admin", "admin@donghu")


def seeded(store: FakeStore | None = None):
    store = store or FakeStore()
    uows = fake_ledger_unit_of_work(store)
    for tenant, compounds in {"xingshan": ("yuying-1", "yuying-2"), "donghu": ("anpudun",)}.items():
        directory = uows(tenant).directory
        directory.keep_timezone("Asia/Shanghai", 1)
        for compound in compounds:
            directory.keep_compound(
                CompoundCopy(compound, {"yuying-1": "育英一小区"}.get(compound, compound)), 1
            )
            for b in range(1, 6):
                directory.keep_building(compound, str(b), f"{b}栋", False, 1)
    uows("xingshan").directory.keep_household("yuying-1", "1-101", ["res-chen"], False, 1)
    uows("xingshan").directory.keep_household("yuying-2", "1-101", ["res-li"], False, 1)
    return store, uows


def draft(**overrides) -> EntryDraft:
    fields = dict(
        compound_id="yuying-1",
        kind="expense",
        category="labour",
        amount_fen=68_000,
        description="保洁与维修人工",
        occurred_on="2026-01-15",
        evidence_urls=("https://evidence.example/payroll-2026-01.pdf",),
    )
    fields.update(overrides)
    return EntryDraft(**fields)


def materials_draft(**overrides) -> EntryDraft:
    fields = dict(
        category="materials",
        amount_fen=22_000,
        description="楼道灯更换",
        materials=(Material("公牛", "GN-B3 LED", 4000, "个", 5_500),),
        ticket_id="t-0001",
    )
    return draft(**{**fields, **overrides})
