"""Validation messages in Chinese: pydantic errors by their error `type`, and the request checks of
`linli_platform.validation`. Pure Python (no grpc, no driver): the CLI and every server use it.

`pydantic_message(error)` renders one pydantic `ErrorDetails` (its `type` and `ctx`); `translate(text)`
turns an English message that was already rendered (a governance problem kept as text, a request
check) back into its type by the templates pydantic itself publishes, and renders that. A message
with no known template is returned unchanged, so nothing is ever lost in translation.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

# pydantic error type → Chinese template ({…} are the error's ctx values).
PYDANTIC: dict[str, str] = {
    "missing": "缺少此项",
    "extra_forbidden": "不认识的字段（请检查拼写）",
    "frozen_field": "不可修改",
    "none_required": "应为空",
    "greater_than": "应大于 {gt}",
    "greater_than_equal": "应大于或等于 {ge}",
    "less_than": "应小于 {lt}",
    "less_than_equal": "应小于或等于 {le}",
    "multiple_of": "应为 {multiple_of} 的倍数",
    "finite_number": "应为有限的数",
    "too_short": "至少应有 {min_length} 项，实有 {actual_length} 项",
    "too_long": "至多可有 {max_length} 项，实有 {actual_length} 项",
    "iterable_type": "应为列表",
    "string_type": "应为文本",
    "string_unicode": "应为文本（无法按 Unicode 解析）",
    "string_too_short": "至少应有 {min_length} 个字符",
    "string_too_long": "至多可有 {max_length} 个字符",
    "string_pattern_mismatch": "格式不正确（应符合 {pattern}）",
    "string_not_ascii": "只能包含 ASCII 字符",
    "enum": "应为 {expected} 之一",
    "literal_error": "应为 {expected} 之一",
    "dict_type": "应为映射（键: 值）",
    "model_type": "应为映射（键: 值）",
    "model_attributes_type": "应为映射（键: 值）",
    "dataclass_type": "应为映射（键: 值）",
    "mapping_type": "应为映射（键: 值）",
    "list_type": "应为列表",
    "tuple_type": "应为列表",
    "set_type": "应为列表",
    "frozen_set_type": "应为列表",
    "bool_type": "应为布尔值（true 或 false）",
    "bool_parsing": "应为布尔值（true 或 false）",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_parsing_size": "整数过大",
    "int_from_float": "应为整数（不能有小数部分）",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "decimal_type": "应为数字",
    "decimal_parsing": "应为数字",
    "decimal_max_digits": "总位数不能超过 {max_digits} 位",
    "decimal_max_places": "小数不能超过 {decimal_places} 位",
    "decimal_whole_digits": "整数部分不能超过 {whole_digits} 位",
    "bytes_type": "应为字节串",
    "date_type": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "time_type": "应为时间（HH:MM）",
    "time_parsing": "应为时间（HH:MM）",
    "datetime_type": "应为日期时间",
    "datetime_parsing": "应为日期时间",
    "time_delta_type": "应为时长",
    "time_delta_parsing": "应为时长",
    "url_type": "应为网址",
    "url_parsing": "应为有效的网址",
    "url_scheme": "网址协议应为 {expected_schemes}",
    "uuid_type": "应为 UUID",
    "uuid_parsing": "应为有效的 UUID",
    "union_tag_invalid": "类型 {tag} 不在可选范围内：{expected_tags}",
    "union_tag_not_found": "缺少用于区分类型的字段 {discriminator}",
    "value_error": "{error}",
    "assertion_error": "{error}",
    "json_invalid": "不是有效的 JSON：{error}",
}


def pydantic_message(error: Any) -> str:
    """One pydantic error (`ValidationError.errors()` item) in Chinese; its English text if unknown."""
    template = PYDANTIC.get(error.get("type", ""))
    if template is None:
        return str(error.get("msg", ""))
    try:
        return template.format(**{k: _plain(v) for k, v in (error.get("ctx") or {}).items()})
    except (KeyError, IndexError, ValueError):
        return str(error.get("msg", ""))


def _plain(value: Any) -> str:
    text = str(value)
    # literal/enum `expected` reads "'a', 'b' or 'c'": list them the Chinese way
    return text.replace("' or '", "'、'").replace("', '", "'、'")


# The request checks of linli_platform.validation (English → Chinese, by the same placeholders).
CHECKS: dict[str, str] = {
    "is required": "必填",
    "has {count} items; at most {max} allowed": "有 {count} 项，至多可有 {max} 项",
    "has {count} entries; at most {max} allowed": "有 {count} 项，至多可有 {max} 项",
    "is {length} characters long; at most {max} allowed": "长度为 {length} 个字符，至多可有 {max} 个",
    "is {length} bytes long; at most {max} allowed": "长度为 {length} 字节，至多可有 {max} 字节",
    "must match {pattern}": "格式不正确（应符合 {pattern}）",
    "must not contain NUL characters": "不能包含 NUL 字符",
    "{value} is not a known {enum} value": "{value} 不是 {enum} 的已知取值",
    "is required (one of {names})": "必填（可选：{names}）",
    "must be at least {min}": "应大于或等于 {min}",
    "must be at most {max}": "应小于或等于 {max}",
    "must be a finite number": "应为有限的数",
    "is not a valid time (0001-01-01 … 9999-12-31)": "不是有效的时间（0001-01-01 … 9999-12-31）",
    "key longer than {max}": "键长度超过 {max}",
    "is invalid": "无效",
}


def check(english: str, **values: Any) -> str:
    """A request check's reason in Chinese: `check("must be at least {min}", min=1)` → 应大于或等于 1."""
    return CHECKS.get(english, english).format(**values)


@cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    """(regex of an English template, its Chinese template): pydantic's own templates, then ours."""
    import pydantic_core  # noqa: PLC0415 - only when a rendered message is translated

    found: list[tuple[re.Pattern[str], str]] = []
    for error in pydantic_core._pydantic_core.list_all_errors():
        chinese = PYDANTIC.get(error["type"])
        if chinese is not None:
            found.append((_regex(error["message_template_python"]), chinese))
    found.extend((_regex(english), chinese) for english, chinese in CHECKS.items())
    # the most literal template first: "Input should be a valid list" before "Input should be {expected}"
    return sorted(found, key=lambda item: -len(re.sub(r"\(\?P<\w+>\.\+\?\)", "", item[0].pattern)))


def _regex(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", template)
    pattern = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts))
    return re.compile(f"^{pattern}$", re.DOTALL)


def translate(message: str) -> str:
    """An already rendered English validation message in Chinese; unchanged when no template fits."""
    for pattern, chinese in _patterns():
        match = pattern.match(message)
        if match:
            values = {k: _plain(v) for k, v in match.groupdict().items()}
            try:
                return chinese.format(**values)
            except KeyError:
                continue
    return message
