"""What a caller may see of a district's tickets and what a list asks for (pure values).

The repositories turn them into their queries; `matches` is the same rule in Python (the fakes').
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from linli_tickets.domain.model import OPEN


@dataclass(frozen=True)
class Visibility:
    """The tickets a caller sees beyond their own rights: any ticket matching one of these.

    `compounds` (a firm's contracted compounds) is a limit of its own: None for everyone else.
    """

    reporter: str = ""
    compounds: tuple[str, ...] | None = None
    provider_ids: tuple[str, ...] = ()
    open_grabs: bool = False
    buildings: tuple[tuple[str, str], ...] = ()

    def matches(self, ticket) -> bool:
        if self.compounds is not None and ticket.compound_id in self.compounds:
            return True
        if self.reporter and ticket.reporter == self.reporter:
            return True
        if ticket.provider_id and ticket.provider_id in self.provider_ids:
            return True
        if self.open_grabs and ticket.provider_kind == OPEN:
            return True
        return (ticket.compound_id, ticket.building_id) in self.buildings


@dataclass
class TicketFilter:
    statuses: list[str] = field(default_factory=list)
    compound_id: str = ""
    provider_id: str = ""
    category: str = ""
    reporter: str = ""
    created_after: datetime | None = None
    created_before: datetime | None = None

    def matches(self, ticket) -> bool:
        equal = ("compound_id", "provider_id", "category", "reporter")
        return (
            (not self.statuses or ticket.status in self.statuses)
            and all(not getattr(self, name) or getattr(ticket, name) == getattr(self, name) for name in equal)
            and (self.created_after is None or ticket.created_at >= self.created_after)
            and (self.created_before is None or ticket.created_at < self.created_before)
        )
