"""Use cases on points accounts."""

from __future__ import annotations

from linli_platform.auth import Principal
from linli_platform.errors import PermissionDenied

from linli_points.domain.account import Account
from linli_points.service_layer.unit_of_work import PointsUnitOfWork


def read_account(uow: PointsUnitOfWork, reader: Principal, subject: str) -> Account:
    """A person reads their own points, staff anyone's; a subject who never earned any has 0."""
    if subject != reader.subject and not reader.is_staff:
        raise PermissionDenied("only staff may read another person's points")
    with uow:
        return uow.accounts.find(subject) or Account(uow.tenant, subject)
