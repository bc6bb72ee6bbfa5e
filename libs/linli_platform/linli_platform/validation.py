"""Request validation driven by the contract: the (linli.common.v1.rules) field options.

Every request is checked before any handler runs: strings have a length limit (the field's
max_len, else DEFAULT_MAX_LEN), enums must name a known value, required fields must be set,
repeated fields have an item limit. Violations name the field path (google.rpc.BadRequest), the
reason in Chinese (linli_platform.messages_zh).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import Message
from linli.common.v1 import validate_pb2

from linli_platform import messages_zh as zh
from linli_platform.errors import InvalidField

DEFAULT_MAX_LEN = 1000
DEFAULT_MAX_ITEMS = 1000
MAX_DEPTH = 8
_STRING = FieldDescriptor.TYPE_STRING
_BYTES = FieldDescriptor.TYPE_BYTES
_ENUM = FieldDescriptor.TYPE_ENUM
_MESSAGE = FieldDescriptor.TYPE_MESSAGE
_INTS = {
    FieldDescriptor.TYPE_INT32,
    FieldDescriptor.TYPE_INT64,
    FieldDescriptor.TYPE_UINT32,
    FieldDescriptor.TYPE_UINT64,
    FieldDescriptor.TYPE_SINT32,
    FieldDescriptor.TYPE_SINT64,
    FieldDescriptor.TYPE_FIXED32,
    FieldDescriptor.TYPE_FIXED64,
    FieldDescriptor.TYPE_SFIXED32,
    FieldDescriptor.TYPE_SFIXED64,
}

Check = Callable[[Message, str, list], None]


def validate(message: Message) -> None:
    """Raise InvalidField listing every violation in `message`."""
    violations: list[tuple[str, str]] = []
    _checker(message.DESCRIPTOR)(message, "", violations)
    if violations:
        raise InvalidField(violations)


def violations_of(message: Message) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    _checker(message.DESCRIPTOR)(message, "", found)
    return found


@cache
def _checker(descriptor: Descriptor, depth: int = 0) -> Check:
    checks = [_field_check(field, depth) for field in descriptor.fields]
    checks = [c for c in checks if c is not None]

    def check(message: Message, prefix: str, out: list) -> None:
        for c in checks:
            c(message, prefix, out)

    return check


def _rules(field: FieldDescriptor) -> validate_pb2.FieldRules:
    options = field.GetOptions()
    if options.HasExtension(validate_pb2.rules):
        return options.Extensions[validate_pb2.rules]
    return validate_pb2.FieldRules()


def _field_check(field: FieldDescriptor, depth: int) -> Check | None:  # noqa: C901 - one branch per kind
    rules = _rules(field)
    name = field.name
    repeated = field.is_repeated if hasattr(field, "is_repeated") else field.label == field.LABEL_REPEATED
    if field.message_type is not None and field.message_type.GetOptions().map_entry:
        return _map_check(field, rules)
    scalar = _scalar_check(field, rules, depth)

    if repeated:
        max_items = rules.max_items or DEFAULT_MAX_ITEMS

        def check_repeated(message: Message, prefix: str, out: list) -> None:
            values = getattr(message, name)
            path = prefix + name
            if rules.required and len(values) == 0:
                out.append((path, zh.check("is required")))
            if len(values) > max_items:
                out.append(
                    (
                        path,
                        zh.check(
                            "has {count} items; at most {max} allowed", count=len(values), max=max_items
                        ),
                    )
                )
                return
            if scalar is not None:
                for i, value in enumerate(values):
                    scalar(value, f"{path}[{i}]", out, True)

        return check_repeated

    if field.type == _MESSAGE:

        def check_message(message: Message, prefix: str, out: list) -> None:
            path = prefix + name
            if not message.HasField(name):
                if rules.required:
                    out.append((path, zh.check("is required")))
                return
            if scalar is not None:
                scalar(getattr(message, name), path, out, True)

        return check_message

    def check_scalar(message: Message, prefix: str, out: list) -> None:
        scalar(getattr(message, name), prefix + name, out, False)

    return check_scalar if scalar is not None else None


def _scalar_check(field: FieldDescriptor, rules: validate_pb2.FieldRules, depth: int):
    if field.type == _STRING:
        max_len = rules.max_len or DEFAULT_MAX_LEN
        pattern = re.compile(rules.pattern) if rules.pattern else None

        def check_string(value: str, path: str, out: list, _item: bool) -> None:
            if not value:
                if rules.required:
                    out.append((path, zh.check("is required")))
                return
            if len(value) > max_len:
                out.append(
                    (
                        path,
                        zh.check(
                            "is {length} characters long; at most {max} allowed",
                            length=len(value),
                            max=max_len,
                        ),
                    )
                )
            elif pattern is not None and not pattern.fullmatch(value):
                out.append((path, zh.check("must match {pattern}", pattern=rules.pattern)))
            elif "\x00" in value:
                out.append((path, zh.check("must not contain NUL characters")))

        return check_string
    if field.type == _BYTES:
        max_len = rules.max_len or DEFAULT_MAX_LEN * 4

        def check_bytes(value: bytes, path: str, out: list, _item: bool) -> None:
            if rules.required and not value:
                out.append((path, zh.check("is required")))
            elif len(value) > max_len:
                out.append(
                    (
                        path,
                        zh.check(
                            "is {length} bytes long; at most {max} allowed", length=len(value), max=max_len
                        ),
                    )
                )

        return check_bytes
    if field.type == _ENUM:
        enum = field.enum_type
        known = frozenset(v.number for v in enum.values)

        def check_enum(value: int, path: str, out: list, _item: bool) -> None:
            if value not in known:
                out.append(
                    (path, zh.check("{value} is not a known {enum} value", value=value, enum=enum.name))
                )
            elif rules.required and value == 0:
                names = ", ".join(v.name for v in enum.values[1:])
                out.append((path, zh.check("is required (one of {names})", names=names)))

        return check_enum
    if field.type in _INTS:

        def check_int(value: int, path: str, out: list, _item: bool) -> None:
            if rules.required and value == 0:
                out.append((path, zh.check("is required")))
            if rules.has_min and value < rules.min:
                out.append((path, zh.check("must be at least {min}", min=rules.min)))
            if rules.has_max and value > rules.max:
                out.append((path, zh.check("must be at most {max}", max=rules.max)))

        return check_int
    if field.type == _MESSAGE:
        if field.message_type.full_name == "google.protobuf.Timestamp":
            return _check_timestamp
        if depth >= MAX_DEPTH:
            return None
        nested = _checker(field.message_type, depth + 1)

        def check_nested(value: Message, path: str, out: list, _item: bool) -> None:
            nested(value, path + ".", out)

        return check_nested
    if field.type in (FieldDescriptor.TYPE_DOUBLE, FieldDescriptor.TYPE_FLOAT):

        def check_float(value: float, path: str, out: list, _item: bool) -> None:
            if value != value or value in (float("inf"), float("-inf")):
                out.append((path, zh.check("must be a finite number")))
            elif rules.required and value == 0:
                out.append((path, zh.check("is required")))

        return check_float
    if rules.required:

        def check_required(value, path: str, out: list, _item: bool) -> None:
            if not value:
                out.append((path, zh.check("is required")))

        return check_required
    return None


# The range a Timestamp may hold (0001-01-01 … 9999-12-31): beyond it, converting to a datetime fails.
_MIN_SECONDS, _MAX_SECONDS = -62_135_596_800, 253_402_300_799


def _check_timestamp(value: Message, path: str, out: list, _item: bool) -> None:
    if not _MIN_SECONDS <= value.seconds <= _MAX_SECONDS or not 0 <= value.nanos < 1_000_000_000:
        out.append((path, zh.check("is not a valid time (0001-01-01 … 9999-12-31)")))


def _map_check(field: FieldDescriptor, rules: validate_pb2.FieldRules) -> Check:
    max_items = rules.max_items or DEFAULT_MAX_ITEMS
    max_len = rules.max_len or DEFAULT_MAX_LEN
    name = field.name

    def check_map(message: Message, prefix: str, out: list) -> None:
        values = getattr(message, name)
        path = prefix + name
        if len(values) > max_items:
            out.append(
                (
                    path,
                    zh.check("has {count} entries; at most {max} allowed", count=len(values), max=max_items),
                )
            )
            return
        for key, value in values.items():
            if isinstance(key, str) and len(key) > max_len:
                out.append((f"{path}[{key[:20]}…]", zh.check("key longer than {max}", max=max_len)))
            if isinstance(value, str) and len(value) > max_len:
                out.append(
                    (
                        f"{path}[{key}]",
                        zh.check(
                            "is {length} characters long; at most {max} allowed",
                            length=len(value),
                            max=max_len,
                        ),
                    )
                )

    return check_map
