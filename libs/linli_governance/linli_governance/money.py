"""Fees section (used in full by the Fees service; points are in points.py)."""

from __future__ import annotations

from pydantic import Field, model_validator

from linli_governance.base import Fen, Strict


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
