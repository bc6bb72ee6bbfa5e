"""Local copies of other services' facts, as the tickets service uses them (pure values)."""

from __future__ import annotations

from dataclasses import dataclass

from linli_platform.errors import InvalidField


@dataclass(frozen=True)
class Compound:
    """A compound as communities last published it (CompoundUpserted)."""

    compound_id: str
    name: str = ""
    community: str = ""
    community_id: str = ""
    archived: bool = False


@dataclass
class MenuItem:
    """An item of a compound's service menu (点菜单, seed 002)."""

    compound_id: str
    item_id: str
    name: str
    category: str
    price_model: str
    description: str = ""
    price_fen: int = 0
    provider_kind: str = ""
    complete_within_hours: int = 0
    active: bool = True
    tenant_id: str = ""

    def check(self, categories) -> None:
        """The item's category is one of the district's; only a fixed price carries a price."""
        if self.category not in categories:
            raise InvalidField("category", f"is not a category of this district ({', '.join(categories)})")
        if self.price_model == "fixed" and self.price_fen <= 0:
            raise InvalidField("price_fen", "a fixed price must be more than 0 fen")
        if self.price_model != "fixed" and self.price_fen:
            raise InvalidField("price_fen", "only a fixed price model carries a price")


TEAM_KINDS = ("volunteer_team", "self_management_team")  # the teams that take work
