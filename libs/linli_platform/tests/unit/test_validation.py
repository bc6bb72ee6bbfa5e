"""Contract-driven validation: the (linli.common.v1.rules) options of the probe contract."""

from __future__ import annotations

import pytest
from linli_platform.errors import InvalidField
from linli_platform.validation import DEFAULT_MAX_LEN, validate, violations_of


def fields(message) -> list[str]:
    return [field for field, _ in violations_of(message)]


def test_a_valid_request_passes(make_request):
    validate(make_request())


def test_missing_required_fields_are_named(probe):
    assert fields(probe.ProbeRequest()) == ["request_id", "name", "required_colour", "required_item"]


def test_validate_raises_invalid_argument_listing_every_violation(probe):
    with pytest.raises(InvalidField) as caught:
        validate(probe.ProbeRequest(name="x" * 21))
    assert ("name", "长度为 21 个字符，至多可有 20 个") in caught.value.violations
    assert "request_id" in [f for f, _ in caught.value.violations]


def test_pattern_is_checked_on_the_whole_string(make_request):
    assert fields(make_request(code="abc")) == []
    assert fields(make_request(code="abc1")) == ["code"]
    assert fields(make_request(code="ABC")) == ["code"]


def test_a_100000_character_string_is_refused_without_a_rule(make_request):
    found = violations_of(make_request(note="长" * 100_000))
    assert found == [("note", f"长度为 100000 个字符，至多可有 {DEFAULT_MAX_LEN} 个")]


def test_the_default_limit_is_inclusive(make_request):
    assert fields(make_request(note="a" * DEFAULT_MAX_LEN)) == []


def test_nul_characters_are_refused(make_request):
    assert fields(make_request(code="", note="a\x00b")) == ["note"]


def test_unknown_enum_number_is_refused(make_request):
    found = violations_of(make_request(colour=77))
    assert found == [("colour", "77 不是 Colour 的已知取值")]


def test_required_enum_must_not_be_unspecified(probe, make_request):
    assert fields(make_request(required_colour=probe.COLOUR_UNSPECIFIED)) == ["required_colour"]


def test_nested_message_fields_are_named_by_path(probe, make_request):
    request = make_request()
    request.main.CopyFrom(probe.Item(sku="bad", qty=100, colour=9))
    assert fields(request) == ["main.sku", "main.qty", "main.colour"]


def test_required_nested_message_is_checked_inside(probe, make_request):
    request = make_request()
    request.required_item.CopyFrom(probe.Item(qty=0))
    assert fields(request) == ["required_item.sku", "required_item.qty"]


def test_repeated_messages_are_named_by_index(probe, make_request):
    request = make_request()
    request.items.extend([probe.Item(sku="ABC-12", qty=1), probe.Item(sku="nope", qty=1)])
    assert fields(request) == ["items[1].sku"]


def test_repeated_fields_have_an_item_limit(probe, make_request):
    request = make_request()
    request.items.extend([probe.Item(sku="ABC-12", qty=1)] * 4)
    assert violations_of(request) == [("items", "有 4 项，至多可有 3 项")]


def test_repeated_strings_are_checked_one_by_one(make_request):
    request = make_request()
    request.tags.extend(["ok", "too-long"])
    assert fields(request) == ["tags[1]"]


def test_maps_have_an_entry_limit_and_value_limit(make_request):
    request = make_request()
    request.labels.update({"a": "x" * (DEFAULT_MAX_LEN + 1)})
    assert fields(request) == ["labels[a]"]
    request.labels.update({"b": "1", "c": "2"})
    assert fields(request) == ["labels"]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_numbers_are_refused(make_request, value):
    assert fields(make_request(ratio=value)) == ["ratio"]


def test_timestamps_out_of_range_are_refused():
    from linli.common.v1.events_pb2 import EventEnvelope  # noqa: PLC0415 - any message with a Timestamp

    assert violations_of(EventEnvelope(occurred_at={"seconds": 1_700_000_000})) == []
    for bad in ({"seconds": 253_402_300_800}, {"seconds": -62_135_596_801}, {"seconds": 1, "nanos": -1}):
        assert fields(EventEnvelope(occurred_at=bad)) == ["occurred_at"]
