"""Households and residents: area bounds, phone masking, the rules a CSV row must satisfy."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_AREA_CENTI_M2 = 1_000_000  # 10 000 m²: no flat is larger; a bigger figure is a typo
HOUSEHOLD_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,39}$")
BUILDING_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,31}$")
PHONE = re.compile(r"^(1\d{10}|0\d{2,3}-?\d{7,8})$")
TENURES = ("owner", "renter")


@dataclass(frozen=True, slots=True)
class Resident:
    name: str
    phone: str = ""
    tenure: str = ""  # "owner" | "renter" | ""
    subject: str = ""


@dataclass(frozen=True, slots=True)
class HouseholdRecord:
    """A household as the import judges it: everything but care tags and bookkeeping."""

    compound_id: str
    building_id: str
    household_id: str
    label: str
    area_centi_m2: int
    residents: tuple[Resident, ...] = ()


def mask_phone(phone: str) -> str:
    """138****5678: enough to recognise, not enough to call."""
    if len(phone) <= 4:
        return "*" * len(phone)
    keep_head = 3 if len(phone) >= 11 else 0
    return phone[:keep_head] + "*" * (len(phone) - keep_head - 4) + phone[-4:]


def area_problem(area_centi_m2: int) -> str | None:
    if area_centi_m2 <= 0:
        return "面积必须大于 0"
    if area_centi_m2 > MAX_AREA_CENTI_M2:
        return f"面积 {area_centi_m2 / 100:.2f} m² 超过上限 {MAX_AREA_CENTI_M2 // 100} m²"
    return None


def resident_problem(resident: Resident) -> str | None:
    if not resident.name.strip():
        return "住户姓名为空"
    if len(resident.name) > 50:
        return "住户姓名过长（最多 50 字）"
    if resident.phone and not PHONE.fullmatch(resident.phone):
        return f"电话号码 {mask_phone(resident.phone)} 格式不正确"
    if resident.tenure not in (*TENURES, ""):
        return f"住户身份 {resident.tenure!r} 应为 owner（业主）或 renter（租户）"
    return None


def record_problem(record: HouseholdRecord, known_buildings: set[tuple[str, str]]) -> tuple[str, str] | None:
    """(field, why) this household may not be imported, or None. Pure checks first, then the building."""
    if not HOUSEHOLD_ID.fullmatch(record.household_id):
        return "household_id", f"户号 {record.household_id!r} 只能含字母、数字和连字符（最多 40 个字符）"
    if len(record.label) > 100:
        return "label", "门牌描述过长（最多 100 字）"
    problem = area_problem(record.area_centi_m2)
    if problem:
        return "area_centi_m2", problem
    for resident in record.residents:
        problem = resident_problem(resident)
        if problem:
            return "residents", problem
    if (record.compound_id, record.building_id) not in known_buildings:
        return "building_id", f"未知楼栋：小区 {record.compound_id!r} 中没有楼栋 {record.building_id!r}"
    return None
