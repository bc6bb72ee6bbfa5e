"""Open311 bodies in JSON and XML: lists of flat records, nested lists named by their element."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

from fastapi import Response

FORMATS = ("json", "xml")


def format_of(path: str) -> str:
    """The response format a request path asks for (`….xml` or JSON)."""
    return "xml" if path.endswith(".xml") else "json"


JSON_TYPE = "application/json; charset=utf-8"
XML_TYPE = "text/xml; charset=utf-8"
# The element of one item inside a nested list (the spec's XML names).
ITEM_TAGS = {
    "attributes": "attribute",
    "values": "value",
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _append(parent: ET.Element, tag: str, value) -> None:
    element = ET.SubElement(parent, tag)
    if isinstance(value, dict):
        for key, inner in value.items():
            _append(element, key, inner)
    elif isinstance(value, list):
        item_tag = ITEM_TAGS.get(tag, "item")
        for inner in value:
            _append(element, item_tag, inner)
    else:
        element.text = _text(value)


def to_xml(root: str, items: list[dict] | dict) -> bytes:
    """`root` holds one element per item (its tag from ITEM_TAGS), or is the single record itself."""
    if isinstance(items, dict):
        holder = ET.Element("holder")
        _append(holder, root, items)
        element = holder[0]
    else:
        element = ET.Element(root)
        for item in items:
            _append(element, ITEM_TAGS.get(root, "item"), item)
    return ET.tostring(element, encoding="utf-8", xml_declaration=True)


def render(
    fmt: str, root: str, items: list[dict] | dict, status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    if fmt == "xml":
        return Response(to_xml(root, items), status_code=status, media_type=XML_TYPE, headers=headers)
    body = json.dumps(items, ensure_ascii=False, separators=(",", ":"))
    return Response(body.encode("utf-8"), status_code=status, media_type=JSON_TYPE, headers=headers)


def render_errors(
    fmt: str, status: int, descriptions: list[str], headers: dict[str, str] | None = None
) -> Response:
    """The spec's error array: one {code, description} per problem."""
    errors = [{"code": status, "description": d} for d in descriptions]
    return render(fmt if fmt in FORMATS else "json", "errors", errors, status, headers)
