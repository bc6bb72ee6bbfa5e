"""Template use cases: store a district's template, list them with the defaults, preview."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from linli_platform.auth import Principal
from linli_platform.errors import InvalidArgument

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


def stored_for(tenant_id: str, keys: set[str]) -> dict[str, TemplateText]:
    return {doc.key: _text(doc) for doc in TemplateDoc.scoped(tenant_id).filter(key__in=list(keys))}


def set_template(principal: Principal, key: str, title: str, body: str) -> TemplateText:
    problems = []
    for field, source in (("title", title), ("body", body)):
        try:
            check_syntax(source, field)
        except RenderError as exc:
            problems.append((field, str(exc)))
    if problems:
        raise InvalidArgument(problems)
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
        raise InvalidArgument("sample_json", f"is not JSON: {exc.msg}") from exc
    if not isinstance(sample, dict):
        raise InvalidArgument("sample_json", "must be a JSON object")
    if title or body:
        if not (title and body):
            raise InvalidArgument("body" if title else "title", "is required when previewing a draft")
        template = TemplateText(key=key or "draft", title=title, body=body)
    elif key:
        template = stored_for(principal.tenant, {key}).get(key) or default_template(key)
    else:
        raise InvalidArgument("key", "name a template or give a draft title and body")
    try:
        return render(template, sample)
    except RenderError as exc:
        return str(exc)
