"""Template use cases: store a district's template, list them with the defaults, preview."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from linli_platform.auth import Principal
from linli_platform.errors import InvalidField

from linli_notifications.domain.default_templates import DEFAULT_TEMPLATES
from linli_notifications.domain.district_templates import DistrictTemplate
from linli_notifications.domain.templates import Rendered, RenderError, TemplateText, default_template, render
from linli_notifications.service_layer.lookups import lookups_for
from linli_notifications.service_layer.unit_of_work import NotificationsUnitOfWork


def stored_for(uow: NotificationsUnitOfWork, keys: set[str]) -> dict[str, TemplateText]:
    """The district's own templates of these keys (read at most once per TTL per district)."""
    district = uow.reads.templates(uow.tenant)
    return {key: district[key] for key in keys if key in district}


def set_template(
    uow: NotificationsUnitOfWork, principal: Principal, key: str, title: str, body: str
) -> TemplateText:
    with uow:
        template = uow.templates.find(key)
        if template is None:
            template = DistrictTemplate(uow.tenant, key)
            uow.templates.add(template)
        template.write(title, body, principal.subject, datetime.now(UTC))
        uow.commit()
    uow.reads.forget_templates(uow.tenant)
    return template.text()


def list_templates(uow: NotificationsUnitOfWork) -> list[TemplateText]:
    stored = uow.templates.texts()
    return [stored.get(key) or default_template(key) for key in sorted(set(DEFAULT_TEMPLATES) | set(stored))]


def preview(
    uow: NotificationsUnitOfWork, key: str, title: str, body: str, sample_json: str
) -> Rendered | str:
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
        template = stored_for(uow, {key}).get(key) or default_template(key)
    else:
        raise InvalidField("key", "name a template or give a draft title and body")
    try:
        compound_id = sample.get("compound_id") if isinstance(sample.get("compound_id"), str) else ""
        return render(template, sample, lookups=lookups_for(uow, compound_id))
    except RenderError as exc:
        return str(exc)
