"""Rendering notification templates in a Jinja2 sandbox: no file access, no code, no attribute tricks.

The environment has no loader (``include``/``import``/``extends`` cannot reach a file), is immutable
(no mutating calls) and sandboxed (no ``__class__``/``__globals__`` walks). Any failure becomes a
RenderError carrying a message, never the content of something outside the sandbox.

Every template (shipped defaults, a district's own, and those of services added later: points, fees)
can use the filters of ``domain.filters``: ``local_time`` (the district's time zone, ``12月3日 16:11``),
``compound_name``, ``building_name``, ``category_name`` and ``yuan``. Callers pass the district's
``Lookups`` to ``render``; without them times are shown in Asia/Shanghai and names fall back to ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from jinja2 import StrictUndefined, Template, TemplateSyntaxError, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from linli_notifications.domain.default_templates import DEFAULT_TEMPLATES, GENERIC_TEMPLATE
from linli_notifications.domain.filters import FILTERS, LOOKUPS, Lookups

MAX_OUTPUT = 4000


class RenderError(ValueError):
    """The template cannot be rendered (syntax, sandbox violation, missing data in strict mode)."""


@dataclass(frozen=True)
class TemplateText:
    key: str
    title: str
    body: str
    source: str = "default"  # "district" or "default"
    version: int = 0


@dataclass(frozen=True)
class Rendered:
    title: str
    body: str


_lenient = ImmutableSandboxedEnvironment(loader=None, autoescape=False, undefined=Undefined)
_strict = ImmutableSandboxedEnvironment(loader=None, autoescape=False, undefined=StrictUndefined)
for _environment in (_lenient, _strict):
    _environment.filters.update(FILTERS)


@lru_cache(maxsize=1024)
def _compiled(source: str, strict: bool) -> Template:
    """Templates are compiled once per text (compiling costs far more than rendering)."""
    return (_strict if strict else _lenient).from_string(source)


def _render_one(source: str, data: dict, strict: bool, lookups: Lookups | None) -> str:
    try:
        text = _compiled(source, strict).render({**data, LOOKUPS: lookups or Lookups()})
    except TemplateSyntaxError as exc:
        raise RenderError(f"模板语法错误（第 {exc.lineno} 行）：{exc.message}") from exc
    except Exception as exc:  # SecurityError, missing loader, undefined data ...: all mean "cannot render"
        raise RenderError(f"模板无法渲染：{type(exc).__name__}: {exc}") from exc
    return text.strip()[:MAX_OUTPUT]


def render(
    template: TemplateText, data: dict, strict: bool = False, lookups: Lookups | None = None
) -> Rendered:
    return Rendered(
        title=_render_one(template.title, data, strict, lookups)[:200],
        body=_render_one(template.body, data, strict, lookups),
    )


def check_syntax(source: str, field: str) -> None:
    """Raise RenderError naming the field when the text is not a valid template."""
    try:
        _strict.parse(source)
    except TemplateSyntaxError as exc:
        raise RenderError(f"{field}: 第 {exc.lineno} 行：{exc.message}") from exc


def default_template(key: str) -> TemplateText:
    title, body = DEFAULT_TEMPLATES.get(key, GENERIC_TEMPLATE)
    return TemplateText(key=key, title=title, body=body, source="default")


def render_with_fallback(
    stored: TemplateText | None, key: str, data: dict, lookups: Lookups | None = None
) -> Rendered:
    """The district's template, or the shipped default when it has none or it fails to render."""
    if stored is not None:
        try:
            return render(stored, data, lookups=lookups)
        except RenderError:
            pass
    try:
        return render(default_template(key), data, lookups=lookups)
    except RenderError:
        generic = TemplateText(key=key, title=GENERIC_TEMPLATE[0], body=GENERIC_TEMPLATE[1])
        return render(generic, data, lookups=lookups)
