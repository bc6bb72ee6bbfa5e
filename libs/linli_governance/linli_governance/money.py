"""Fees and points sections (used in full by the Fees and Points services)."""

from __future__ import annotations

from pydantic import Field, model_validator

from linli_governance.base import Fen, Key, Strict


class Prepay(Strict):
    months: int = Field(12, gt=0)
    discount: float = Field(0.0, ge=0, lt=1, description="share off when prepaying `months`")
    free_months: int = Field(0, ge=0, description="months waived when prepaying, e.g. 交全年减免两个月 = 2")
    gift: str = Field("", max_length=60, description="a small gift, e.g. 小礼物")

    @model_validator(mode="after")
    def _fewer_free_than_paid(self):
        if self.free_months >= self.months:
            raise ValueError("free_months must be fewer than months")
        return self


class FeesConfig(Strict):
    price_fen_per_m2_month: Fen = Field(40, description="物业费, fen per m² per month (0.4 元 = 40)")
    due_day: int = Field(15, ge=1, le=28)
    prepay: list[Prepay] = []
    late_notice_days: list[int] = [7, 30]


class EarnRule(Strict):
    activity: Key
    name: str
    points: int = Field(gt=0)
    daily_cap: int | None = Field(None, gt=0)


class CatalogItem(Strict):
    item: Key
    name: str
    cost: int = Field(gt=0)
    stock: int | None = Field(None, ge=0)


class PointsConfig(Strict):
    name: str = Field("服务积分", description="what residents call the points, e.g. 湾郡币")
    earn: list[EarnRule] = [
        EarnRule(activity="patrol", name="巡逻", points=5),
        EarnRule(activity="repair", name="维修服务", points=10),
        EarnRule(activity="ticket_done", name="完成工单", points=10),
    ]
    catalog: list[CatalogItem] = [CatalogItem(item="daily_goods", name="日用品", cost=50)]
