"""The one shape of `linli <kind> list | show | edit`, built from a kind's declaration (daily_places,
daily_firms, daily_grants), and `command()`, which registers a typer command from a parameter table.

- list: pages through the kind's List RPC with the filters given, then prints the records as JSON or
  as a table (compound ids shown by their names).
- show: fetches one record by its keys (the command's arguments) and prints it as JSON or as a table
  of its fields and version.
- edit: fetches the record, sends the kind's Upsert with every option not given kept at its stored
  value, refuses what would remove data without --allow-removals, and says whether anything changed.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import typer

from linli_cli import output
from linli_cli.daily_client import (
    ADDRESS,
    JSON,
    LIMIT,
    REMOVALS,
    TOKEN,
    Client,
    print_details,
    print_record,
    print_records,
    print_saved,
    print_table,
    refuse_removal,
    request_id,
    yes,
)

Names = dict[str, str]  # compound id → name
Value = str | Callable[[Any, Names], object]  # a record's attribute, or (record, names) → what is shown
Param = type | tuple[type, Any]  # an argument's type, or an option's (type, typer.Option(...))
CALLER: dict[str, Param] = {"token": (str, TOKEN), "address": (str, ADDRESS)}  # who calls, and where
COMMON: dict[str, Param] = {"as_json": (bool, JSON), **CALLER}  # the last options of every command


def command(app: typer.Typer, name: str, help: str, params: dict[str, Param], run: Callable) -> None:
    """Register `run(**values)` as the command `name` of `app`, its parameters in the order given."""
    parameters = [
        inspect.Parameter(
            pname,
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
            annotation=spec[0] if isinstance(spec, tuple) else spec,
            default=spec[1] if isinstance(spec, tuple) else inspect.Parameter.empty,
        )
        for pname, spec in params.items()
    ]

    def callback(**values) -> None:
        run(**values)

    callback.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    callback.__annotations__ = {p.name: p.annotation for p in parameters}
    app.command(name, help=help)(callback)


COMPOUND: Param = (str, typer.Option("", "--compound", help="小区 ID"))


def text_option(help: str, *names: str) -> Param:
    """An edit's text option: None when not given (the stored value stays)."""
    return (str | None, typer.Option(None, *names, help=help))


def archived_column(record, names: Names) -> str:
    return yes(record.archived)


def compound_name(record, names: Names) -> str:
    return names.get(record.compound_id, record.compound_id)


def compound_with_id(record, names: Names) -> str:
    return f"{compound_name(record, names)}（{record.compound_id}）"


@dataclass(frozen=True)
class Listing:
    """A List RPC: its name, its request type and the field of its answer that holds the records."""

    rpc: str
    request: type
    field: str


@dataclass(frozen=True)
class Kind:
    app: typer.Typer
    what: str  # 楼栋: the list's title
    listing: Listing
    columns: tuple[tuple[str, Value], ...]  # the list's table
    details: tuple[tuple[str, Value], ...] = ()  # show's fields before the version (default: columns)
    names: bool = True  # the rows show compound names (one more call)
    keys: dict[str, str] = field(default_factory=dict)  # show/edit argument → request field
    fetch: Callable[..., Any] | None = None  # (client, **keys) → the one record

    @property
    def titles(self) -> tuple[str, ...]:
        return tuple(title for title, _ in self.columns)

    def row(self, record, names: Names, columns=None) -> tuple:
        return tuple(
            getattr(record, value) if isinstance(value, str) else value(record, names)
            for _, value in (columns or self.columns)
        )

    def rows(self, records, names: Names) -> list[tuple]:
        return [self.row(r, names) for r in records]

    def fields_of(self, keys: dict[str, str]) -> dict[str, str]:
        """The command's key arguments as request fields."""
        return {self.keys[k]: v for k, v in keys.items()}

    def list(self, client: Client, limit: int, **filters) -> list:
        listing = self.listing
        return client.pages(listing.rpc, lambda p: listing.request(page=p, **filters), listing.field, limit)


def getter(rpc: str, request: type) -> Callable[..., Any]:
    """A fetch by a Get RPC whose request fields are the kind's keys."""
    return lambda client, **fields: client.call(rpc, request(**fields))


def list_command(kind: Kind, help: str, filters: dict[str, Param]) -> None:
    """`list`, its filters (parameter = request field) before --limit, --json, --token, --address."""

    def run(limit: int, as_json: bool, token: str, address: str, **given) -> None:
        with Client(address, token) as c:
            found = kind.list(c, limit, **given)
            if as_json:
                return print_records(found)
            names = c.compound_names() if kind.names else {}
        print_table(f"{kind.what}（{len(found)}）", kind.titles, kind.rows(found, names))

    command(kind.app, "list", help, {**filters, "limit": (int, LIMIT), **COMMON}, run)


def show_command(kind: Kind, help: str, title: Callable[[Any, str], str]) -> None:
    """`show KEYS…`: the record's fields and version; `title(record, compound name)` heads them."""

    def run(as_json: bool, token: str, address: str, **keys) -> None:
        with Client(address, token) as c:
            record = kind.fetch(c, **kind.fields_of(keys))
            if as_json:
                return print_record(record)
            names = c.compound_names()
        columns = kind.details or kind.columns
        fields = zip((t for t, _ in columns), kind.row(record, names, columns), strict=True)
        print_details(title(record, compound_name(record, names)), [*fields, ("版本", record.version)])

    command(kind.app, "show", help, {**dict.fromkeys(kind.keys, str), **COMMON}, run)


@dataclass(frozen=True)
class Edit:
    """How a kind is changed: its Upsert RPC and the options that set its fields."""

    rpc: str
    request: type
    options: dict[str, Param]  # parameter = request field; None (not given) keeps the stored value
    what: str  # `楼栋 {compound}/{building}`, formatted with the keys: the messages' name of it
    failed: str  # what the failure message says was not done: 楼栋未修改
    removes: Callable[..., list[str]]  # (stored record, given fields, **keys) → what the edit removes
    parse: dict[str, Callable[[Any], Any]] = field(default_factory=dict)  # option text → field value
    kept: tuple[str, ...] = ()  # fields sent as stored, with no option
    check: Callable[[Any], None] | None = None  # refuses a record that may not be edited


def edit_command(kind: Kind, help: str, edit: Edit) -> None:
    """`edit KEYS… [options]`: only the options given change; removals need --allow-removals."""

    def run(allow_removals: bool, as_json: bool, token: str, address: str, **values) -> None:
        keys = {k: values.pop(k) for k in kind.keys}
        try:
            given = {f: v if v is None else edit.parse.get(f, _same)(v) for f, v in values.items()}
        except ValueError as exc:
            output.fail(str(exc), output.USAGE)
        with Client(address, token) as c:
            stored = kind.fetch(c, **kind.fields_of(keys))
            if edit.check is not None:
                edit.check(stored)
            refuse_removal(edit.removes(stored, given, **keys), allow_removals)
            fields = {f: getattr(stored, f) if v is None else v for f, v in given.items()}
            fields.update({f: getattr(stored, f) for f in edit.kept})
            fields.update(kind.fields_of(keys))
            saved = c.call(edit.rpc, edit.request(request_id=request_id(), **fields), edit.failed)
        print_saved(saved, stored.version, as_json, edit.what.format(**keys))

    params = {**dict.fromkeys(kind.keys, str), **edit.options, "allow_removals": (bool, REMOVALS)}
    command(kind.app, "edit", help, {**params, **COMMON}, run)


def _same(value):
    return value
