"""Upsert by natural key through the unit of work: create, change (new version and event), or
leave alone when nothing differs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from linli_platform.errors import Aborted
from linli_platform.persistence import AlreadyStored, Repository, UnitOfWork

from linli_communities.domain.records import CREATED, UNCHANGED, UPDATED, Record

R = TypeVar("R", bound=Record)
__all__ = ["CREATED", "UNCHANGED", "UPDATED", "commit", "upsert"]


def upsert(repository: Repository[R], found: R | None, new: Callable[[], R], **values: Any) -> tuple[R, str]:
    """`found`: the stored record or None; `new()` makes one. Nothing is written before commit."""
    record = found or new()
    outcome = record.upsert(**values)
    if found is None:
        repository.add(record)
    return record, outcome


def commit(uow: UnitOfWork) -> None:
    """Commit; a concurrent writer that created the same record first is a lost race (ABORTED,
    retryable: the retry then finds the record)."""
    try:
        uow.commit()
    except AlreadyStored as exc:
        raise Aborted("a concurrent request created the same record; retry") from exc
