"""Upsert by natural key: create, change (new version + event), or leave alone when nothing differs."""

from __future__ import annotations

from collections.abc import Callable

from linli_platform.errors import Aborted
from linli_platform.events import OutgoingEvent
from mongoengine.errors import NotUniqueError, SaveConditionError

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


def upsert(
    existing, make: Callable[[], object], values: dict, event_for: Callable[[object], OutgoingEvent]
) -> tuple[object, str]:
    """`existing` is the stored document or None; `make()` builds a new one from `values`.

    The state change and its event are one document write (outbox). A concurrent writer that got
    there first turns into ABORTED, which the caller may retry (it will then see `unchanged`).
    """
    if existing is None:
        doc = make()
        for field, value in values.items():
            setattr(doc, field, value)
        doc.version = 1
        doc.record(event_for(doc))
        save_versioned(doc, True, 0)
        return doc, CREATED
    if all(_same(getattr(existing, field), value) for field, value in values.items()):
        return existing, UNCHANGED
    previous = existing.version
    for field, value in values.items():
        setattr(existing, field, value)
    existing.version = previous + 1
    existing.record(event_for(existing))
    save_versioned(existing, False, previous)
    return existing, UPDATED


def save_versioned(doc, new: bool, previous: int) -> None:
    """Insert, or update only if nobody changed the stored version meanwhile (→ ABORTED, retryable)."""
    try:
        if new:
            doc.save(force_insert=True)
        else:
            doc.save(save_condition={"version": previous})
    except NotUniqueError as exc:
        raise Aborted("a concurrent request created the same record; retry") from exc
    except SaveConditionError as exc:
        raise Aborted("the record changed concurrently; retry") from exc


def _same(stored, wanted) -> bool:
    if isinstance(wanted, list):
        return [_plain(v) for v in stored or []] == [_plain(v) for v in wanted]
    return stored == wanted


def _plain(value):
    to_mongo = getattr(value, "to_mongo", None)
    return dict(to_mongo()) if to_mongo else value
