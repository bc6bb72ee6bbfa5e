"""Template use cases: store a district's template, list them with the defaults, preview."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime

from cachetools import TTLCache, cached
from cachetools.keys import hashkey
from linli_platform.auth import Principal
from linli_platform.errors import InvalidField
from linli_platform.mongo import on_connect

from linli_notifications.adapters.documents import TemplateDoc
from linli_notifications.domain.default_templates import DEFAULT_TEMPLATES
from linli_notifications.domain.templates import (
    Rendered,
    RenderError,
    TemplateText,
    check_syntax,
    default_template,
    render,
)


def _text(doc: TemplateDoc) -> TemplateText:
    return TemplateText(key=doc.key, title=doc.title, body=doc.body, source="district", version=doc.version)


TTL_SECONDS = 2.0  # a changed template is used by every process within this
_district_templates: TTLCache = TTLCache(maxsize=1024, ttl=TTL_SECONDS)
_lock = threading.Lock()
on_connect(_district_templates.clear)


@cached(_district_templates, lock=_lock)
def _district(tenant_id: str) -> dict[str, TemplateText]:
    """All of a district's own templates (a few dozen at most), read at most once per TTL."""
    return {doc.key: _text(doc) for doc in TemplateDoc.scoped(tenant_id)}


def stored_for(tenant_id: str, keys: set[str]) -> dict[str, TemplateText]:
    district = _district(tenant_id)
    return {key: district[key] for key in keys if key in district}


def set_template(principal: Principal, key: str, title: str, body: str) -> TemplateText:
    problems = []
    for field, source in (("title", title), ("body", body)):
        try:
            check_syntax(source, field)
        except RenderError as exc:
            problems.append((field, str(exc)))
    if problems:
        raise InvalidField(problems)
    TemplateDoc._get_collection().update_one(
        {"tenant_id": principal.tenant, "key": key},
        {
            "$set": {
                "title": title,
                "body": body,
                "updated_by": principal.subject,
                "updated_at": datetime.now(UTC),
            },
            "$inc": {"version": 1},
        },
        upsert=True,
    )
    with _lock:
        _district_templates.pop(hashkey(principal.tenant), None)
    return _text(TemplateDoc.scoped(principal.tenant).filter(key=key).first())


def list_templates(principal: Principal) -> list[TemplateText]:
    stored = {doc.key: _text(doc) for doc in TemplateDoc.scoped(principal.tenant)}
    keys = sorted(set(DEFAULT_TEMPLATES) | set(stored))
    return [stored.get(key) or default_template(key) for key in keys]


def preview(principal: Principal, key: str, title: str, body: str, sample_json: str) -> Rendered | str:
    """The rendering, or the error text (a sandbox violation renders an error, never a file)."""
    try:
        sample = json.loads(sample_json) if sample_json else {}
    except json.JSONDecodeError as exc:
        raise InvalidField("sample_json", f"is not JSON: {exc.msg}") from exc
    if not isinstance(sample, dict):
        raise InvalidField("sample_json", "must be a JSON object")
    if title or body:
        if not (title and body):
            raise InvalidField("body" if title else "title", "is required when previewing a draft")
        template = TemplateText(key=key or "draft", title=title, body=body)
    elif key:
        template = stored_for(principal.tenant, {key}).get(key) or default_template(key)
    else:
        raise InvalidField("key", "name a template or give a draft title and body")
    try:
        return render(template, sample)
    except RenderError as exc:
        return str(exc)
