"""Parsing, validating, merging and diffing governance documents.

Errors name the path and the problem (`tickets.categories.lighting.accept_within_minutes:
Input should be greater than 0`); a document with any error is rejected whole.
"""

from __future__ import annotations

import difflib
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass

import yaml
from pydantic import ValidationError

from linli_governance.model import GovernanceConfig, Sections


class ConfigError(ValueError):
    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("; ".join(f"{path}: {msg}" for path, msg in problems))


@dataclass(frozen=True)
class Scope:
    """Where the effective config applies: the district, one community, or one compound in it."""

    community: str = ""
    compound: str = ""


def _path(prefix: str, loc: Iterable) -> str:
    parts = [prefix] if prefix else []
    parts += [str(p) for p in loc]
    return ".".join(parts) or "(document)"


def _problems(err: ValidationError, prefix: str = "") -> list[tuple[str, str]]:
    return [(_path(prefix, e["loc"]), e["msg"]) for e in err.errors()]


def parse_yaml(text: str | bytes, **known) -> GovernanceConfig:
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ConfigError([("(document)", "is not UTF-8 text")]) from exc
    try:
        _refuse_aliases(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(document)"
        raise ConfigError([(where, f"not valid YAML: {getattr(exc, 'problem', exc)}")]) from exc
    if not isinstance(data, dict):
        raise ConfigError([("(document)", "must be a mapping with at least a `district` section")])
    return parse_document(data, **known)


def _refuse_aliases(text: str) -> None:
    """Aliases (*name) can expand a small document into a huge one; a config never needs them."""
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            mark = event.start_mark
            raise ConfigError(
                [(f"line {mark.line + 1}, column {mark.column + 1}", "YAML aliases (*name) are not allowed")]
            )


def parse_document(
    data: dict, known_communities: Iterable[str] | None = None, known_compounds: Iterable[str] | None = None
) -> GovernanceConfig:
    """Validate a whole document, including every override merged over the district's sections.

    Every problem is reported at once: schema errors, overrides of communities or compounds that do
    not exist in the district, and overrides that make the merged sections invalid.
    """
    problems: list[tuple[str, str]] = []
    try:
        config = GovernanceConfig.model_validate(data)
    except ValidationError as err:
        config, problems = None, _problems(err)
    overrides = data.get("overrides") if isinstance(data, dict) else None
    for kind, known in (("communities", known_communities), ("compounds", known_compounds)):
        entries = overrides.get(kind) if isinstance(overrides, dict) else None
        known_set = set(known) if known is not None else None
        for key, partial in entries.items() if isinstance(entries, dict) else ():
            prefix = f"overrides.{kind}.{key}"
            if known_set is not None and key not in known_set:
                problems.append((prefix, f"no such {kind[:-1]} in this district"))
            elif config is not None:
                try:
                    Sections.model_validate(_deep_merge(_sections_dict(config), partial))
                except ValidationError as err:
                    problems += _problems(err, prefix)
    if problems:
        raise ConfigError(problems)
    return config


def readable(document_json: str, tenant: str, version: int, log: logging.Logger) -> bool:
    """Whether a service can read a document it was sent (GovernanceConfigChanged): one it cannot
    is logged on the service's `log` ("ignoring unreadable governance document", with the tenant,
    version and error) and is not kept, so the copy before stays in force."""
    try:
        parse_document(json.loads(document_json))
    except (ConfigError, ValueError) as exc:
        log.error(
            "ignoring unreadable governance document",
            extra={"fields": {"tenant_id": tenant, "version": version, "error": str(exc)[:500]}},
        )
        return False
    return True


def effective_config(
    config: GovernanceConfig, scope: Scope = Scope(), compound_community: str = ""
) -> Sections:
    """The district's sections with the community's and then the compound's overrides merged in."""
    merged = _sections_dict(config)
    community = scope.community or compound_community
    if community and community in config.overrides.communities:
        merged = _deep_merge(merged, config.overrides.communities[community])
    if scope.compound and scope.compound in config.overrides.compounds:
        merged = _deep_merge(merged, config.overrides.compounds[scope.compound])
    return Sections.model_validate(merged)


def to_yaml(config: GovernanceConfig) -> str:
    return yaml.safe_dump(config.model_dump(mode="json"), allow_unicode=True, sort_keys=False)


def to_json(config: GovernanceConfig) -> str:
    return json.dumps(config.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)


def diff_documents(old: GovernanceConfig | None, new: GovernanceConfig) -> str:
    before = to_yaml(old).splitlines(keepends=True) if old else []
    after = to_yaml(new).splitlines(keepends=True)
    return "".join(difflib.unified_diff(before, after, "current", "proposed"))


def json_schema() -> dict:
    schema = GovernanceConfig.model_json_schema()
    schema["$id"] = "https://linli.dev/schemas/governance-v1.json"
    schema["title"] = "linli governance configuration (one district)"
    return schema


def _sections_dict(config: GovernanceConfig) -> dict:
    return config.model_dump(mode="json", exclude={"schema_version", "district", "overrides"})


def _deep_merge(base: dict, partial: dict) -> dict:
    out = dict(base)
    for key, value in (partial or {}).items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out
