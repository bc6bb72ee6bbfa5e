"""Who may read what: staff of the district read every household; a resident or owner reads their
own household only (another household answers NOT_FOUND, as another district's does)."""

from __future__ import annotations

from dataclasses import dataclass

from linli_platform.errors import InvalidField, NotFound

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


def named_household(uow: FeesUnitOfWork, compound_id: str, household_id: str) -> Household:
    """The household a command names (staff only): an unknown one is bad input, INVALID_ARGUMENT on
    `household_id` (another district's household is unknown here too, so nothing is revealed)."""
    found = uow.households.find(compound_id, household_id)
    if found is None or found.archived:
        raise InvalidField("household_id", f"no household {household_id} in compound {compound_id}")
    return found
