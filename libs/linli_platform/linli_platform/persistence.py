"""Ports of the persistence kit: tenant-scoped repositories and the unit of work (pure Python).

A repository is created for one tenant and has no method that reads or writes without it. The
unit of work hands out the repositories of one tenant, remembers the aggregates a command loaded
or added, and on `commit()` writes each changed one — its new state and its pending events in one
document write, guarded by the version it was read at. Nothing is written before `commit()`, and
an exception inside `with uow:` writes nothing.

Adapters implement the ports on MongoDB (`linli_platform.mongo_repository`); tests use the
in-memory fakes of `linli_platform.testing.fakes`, proven to behave the same by one contract test.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Generic, TypeVar

from linli_platform.aggregate import Aggregate
from linli_platform.errors import Conflict, NotFound

A = TypeVar("A", bound=Aggregate)


class AlreadyStored(Conflict):
    """An aggregate with this id is stored already (a retried create finds the first one)."""


class TenantScoped:
    """Bound to one tenant at construction; every query it can express names that tenant."""

    def __init__(self, tenant: str):
        if not tenant:
            raise ValueError(f"{type(self).__name__}: a repository is created for a tenant")
        self.tenant = tenant


class Repository(TenantScoped, ABC, Generic[A]):
    """Aggregates of one kind for one tenant. `label` names the kind in NotFound messages."""

    label = "aggregate"

    def __init__(self, tenant: str):
        super().__init__(tenant)
        self.seen: dict[str, A] = {}

    def get(self, id: str) -> A:
        found = self.find(id)
        if found is None:
            raise NotFound(f"{self.label} {id} not found")
        return found

    def find(self, id: str) -> A | None:
        found = self._load(id)
        if found is not None:
            self.seen[found.id] = found
        return found

    def add(self, aggregate: A) -> None:
        """A new aggregate, inserted at commit (AlreadyStored then if the id is taken)."""
        self._check_tenant(aggregate)
        aggregate.touch()
        self.seen[aggregate.id] = aggregate

    def save(self, aggregate: A) -> None:
        """Write one aggregate now (the unit of work calls this for each changed one)."""
        self._check_tenant(aggregate)
        if not aggregate.changed:
            return
        if aggregate.is_new:
            self._insert(aggregate)
        else:
            self._update(aggregate)
        aggregate.stored()

    def _check_tenant(self, aggregate: A) -> None:
        if aggregate.tenant_id != self.tenant:
            raise ValueError(f"{type(self).__name__} of {self.tenant} given an aggregate of another tenant")

    @abstractmethod
    def _load(self, id: str) -> A | None: ...

    @abstractmethod
    def _insert(self, aggregate: A) -> None:
        """Insert state and pending events in one write; AlreadyStored when the id exists."""

    @abstractmethod
    def _update(self, aggregate: A) -> None:
        """Write state and append pending events in one write if the stored version is still
        `aggregate.read_version`; Aborted otherwise."""


class UnitOfWork:
    """The repositories of one tenant for one command, and the commit that writes what changed."""

    def __init__(self, tenant: str, **repositories: TenantScoped):
        if not tenant:
            raise ValueError("a unit of work is created for a tenant")
        self.tenant = tenant
        for name, repository in repositories.items():
            if repository.tenant != tenant:
                raise ValueError(f"repository {name} is for another tenant")
            setattr(self, name, repository)
        self._repositories = list(repositories.values())

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self._forget()

    def commit(self) -> None:
        """Write every changed aggregate (one document write each, in the order first seen)."""
        for repository in self._repositories:
            if isinstance(repository, Repository):
                for aggregate in list(repository.seen.values()):
                    repository.save(aggregate)

    def discard(self, aggregate: Aggregate) -> None:
        """Forget one aggregate whose write lost a race, so the next commit writes only the others
        (a sweep that loaded many commits them one by one)."""
        for repository in self._repositories:
            if isinstance(repository, Repository):
                repository.seen.pop(aggregate.id, None)

    def _forget(self) -> None:
        for repository in self._repositories:
            if isinstance(repository, Repository):
                repository.seen.clear()
