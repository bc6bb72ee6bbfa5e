"""A small district on the fakes: a governance copy, compounds and households with areas."""

from __future__ import annotations

from datetime import UTC, datetime

from linli_fees.adapters.fakes import FeesStore, fake_unit_of_work
from linli_fees.domain.charges import Household
from linli_fees.service_layer.unit_of_work import KnownCompound
from linli_governance import parse_document
from linli_governance.document import to_json

NOW = datetime(2026, 2, 20, 4, 0, tzinfo=UTC)  # 12:00 in Shanghai
CONFIG = {
    "district": {"name": "杏山区"},
    "fees": {
        "price_fen_per_m2_month": 30,
        "due_day": 15,
        "prepay": [{"months": 12, "free_months": 2, "gift": "小礼物"}],
        "late_notice_days": [7, 30],
    },
    "overrides": {"compounds": {"wanjun": {"fees": {"price_fen_per_m2_month": 40}}}},
}


def household(
    hid: str, area: int, compound: str = "yuying-1", residents=("res-1",), building: str = "1"
) -> Household:
    return Household(compound, hid, building, f"{building}栋{hid}室", area, tuple(residents), ())


def district(config: dict | None = None, households: list[Household] | None = None, tenant: str = "xingshan"):
    store = FeesStore()
    uows = fake_unit_of_work(store)
    document = to_json(parse_document(config or CONFIG))
    with uows(tenant) as uow:
        uow.governance.keep(1, document, {"yuying-1": "yuying", "wanjun": "yuying"})
        for compound in ("yuying-1", "wanjun"):
            uow.compounds.keep(
                KnownCompound(compound, {"yuying-1": "育英一小区", "wanjun": "湾郡"}[compound], "yuying"), 1
            )
        for h in households if households is not None else [household("101", 6397), household("102", 13133)]:
            uow.households.keep(h, 1)
    return store, uows
