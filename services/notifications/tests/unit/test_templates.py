"""Templates render Chinese defaults, fall back when a district's template fails, and stay in the sandbox."""

import pytest
from linli_notifications.domain.templates import (
    RenderError,
    TemplateText,
    check_syntax,
    default_template,
    render,
    render_with_fallback,
)

ESCAPES = [
    "{% include '/etc/passwd' %}",
    "{% import '/etc/passwd' as p %}{{ p }}",
    "{% extends '/etc/hostname' %}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__['os'].listdir('/') }}",
    "{{ self.__init__.__globals__ }}",
    "{{ [].append(1) }}",
]


@pytest.mark.parametrize("source", ESCAPES)
def test_a_template_reaching_outside_its_sandbox_renders_an_error_not_the_file(source):
    template = TemplateText(key="evil", title="通知", body=source)
    with pytest.raises(RenderError) as caught:
        render(template, {"ticket_id": "tk1"})
    assert "root:" not in str(caught.value)


def test_an_escape_attempt_falls_back_to_the_shipped_default():
    evil = TemplateText(
        key="ticket_created", title="x", body="{% include '/etc/passwd' %}", source="district"
    )
    rendered = render_with_fallback(evil, "ticket_created", {"ticket_id": "tk1", "description": "水管漏水"})
    assert rendered.title == "报修已受理"
    assert "水管漏水" in rendered.body and "root:" not in rendered.body


def test_default_dispatch_template_is_simplified_chinese_with_the_ticket_facts():
    rendered = render(
        default_template("ticket_dispatched"),
        {"ticket_id": "tk9", "description": "路灯不亮", "category": "lighting", "compound_id": "c1"},
    )
    assert rendered.title == "新工单待接单"
    assert "路灯不亮" in rendered.body and "tk9" in rendered.body


def test_a_district_template_wins_over_the_default():
    mine = TemplateText(
        key="ticket_created", title="金江社区：已收到", body="工单 {{ ticket_id }}", source="district"
    )
    assert render_with_fallback(mine, "ticket_created", {"ticket_id": "t7"}).body == "工单 t7"


def test_an_unknown_key_without_a_template_gets_the_generic_fallback():
    rendered = render_with_fallback(None, "meter_read", {"event_type": "linli.utilities.v1.MeterRead"})
    assert rendered.title == "新消息" and "linli.utilities.v1.MeterRead" in rendered.body


def test_missing_data_renders_empty_but_strict_mode_reports_it():
    template = TemplateText(key="k", title="t", body="你好{{ name }}")
    assert render(template, {}).body == "你好"
    with pytest.raises(RenderError):
        render(template, {}, strict=True)


def test_syntax_errors_name_the_field():
    with pytest.raises(RenderError, match="body"):
        check_syntax("{% if %}", "body")


def test_every_shipped_route_has_a_chinese_default_that_renders_without_data():
    from linli_governance.notifications import DEFAULT_ROUTES

    for route in DEFAULT_ROUTES:
        template = default_template(route.template)
        assert template.title != "新消息", f"{route.template} has no shipped default"
        rendered = render(template, {})
        assert rendered.title and any("\u4e00" <= ch <= "\u9fff" for ch in rendered.body)
