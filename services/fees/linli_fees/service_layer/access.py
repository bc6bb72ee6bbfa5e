"""Who may read what: staff of the district read every household; a resident or owner reads their
own household only (another household answers NOT_FOUND, as another district's does)."""

from __future__ import annotations

from dataclasses import dataclass

from linli_platform.errors import NotFound

from linli_fees.domain.charges import Household
from linli_fees.service_layer.unit_of_work import FeesUnitOfWork


@dataclass(frozen=True)
class Reader:
    subject: str
    is_staff: bool


STAFF = Reader("system", True)


def household(uow: FeesUnitOfWork, compound_id: str, household_id: str, reader: Reader = STAFF) -> Household:
    found = uow.households.find(compound_id, household_id)
    if found is None or (not reader.is_staff and not found.may_read(reader.subject)):
        raise NotFound(f"household {household_id} of compound {compound_id} not found")
    return found


def known_compound(uow: FeesUnitOfWork, compound_id: str) -> None:
    found = uow.compounds.find(compound_id)
    if (found is None or found.archived) and not uow.governance.names_compound(compound_id):
        raise NotFound(f"compound {compound_id} not found")
