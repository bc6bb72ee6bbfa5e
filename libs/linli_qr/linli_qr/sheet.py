"""Printable sheets, QR codes as inline SVG: a compound's building codes (one card per building) and its
public ledger's notice (收支公示, one large code for the notice board)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import qrcode
import qrcode.image.svg
from jinja2 import Environment, FileSystemLoader, select_autoescape

from linli_qr.tokens import BuildingCode, CompoundCode, ledger_url, report_url

TEMPLATES = Path(__file__).with_name("templates")
_templates = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))


@dataclass(frozen=True)
class Card:
    building_id: str
    label: str
    url: str
    svg: str


def qr_svg(url: str) -> str:
    """The code as an <svg> element (no XML declaration), medium error correction for worn paper."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=10, border=2)
    code.add_data(url)
    code.make(fit=True)
    image = code.make_image(image_factory=qrcode.image.svg.SvgPathImage)
    return image.to_string(encoding="unicode").split("?>", 1)[-1].strip()


def render_sheet(
    secret: str, base_url: str, tenant_name: str, compound_name: str, codes: list[BuildingCode]
) -> str:
    cards = []
    for code in codes:
        url = report_url(base_url, secret, code)
        cards.append(Card(building_id=code.building_id, label=code.label, url=url, svg=qr_svg(url)))
    return _templates.get_template("sheet.html").render(
        tenant_name=tenant_name, compound_name=compound_name, cards=cards
    )


def render_ledger_sheet(
    secret: str, base_url: str, tenant_name: str, compound_name: str, code: CompoundCode
) -> str:
    """The notice-board sheet of a compound's public ledger page: one code, its URL written out."""
    url = ledger_url(base_url, secret, code)
    return _templates.get_template("ledger_sheet.html").render(
        tenant_name=tenant_name, compound_name=compound_name, url=url, svg=qr_svg(url)
    )
