"""The district's time zone and names for the template filters (``domain.filters``).

Names come from this service's local copies: compounds and buildings from the roster it keeps from
communities' events, ticket categories from its copy of the governance configuration. Each is read only
when a template asks for it.
"""

from __future__ import annotations

from linli_notifications.domain.filters import Lookups
from linli_notifications.service_layer.config import DistrictRules, rules_for
from linli_notifications.service_layer.unit_of_work import NotificationsUnitOfWork


def lookups_for(
    uow: NotificationsUnitOfWork, compound_id: str = "", rules: DistrictRules | None = None
) -> Lookups:
    rules = rules or rules_for(uow, compound_id)
    roster = uow.roster
    return Lookups(
        timezone=rules.timezone,
        compound=roster.compound_name,
        building=roster.building_name,
        category=rules.category_names.get,
    )
