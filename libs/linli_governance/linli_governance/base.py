"""Shared pieces of the schema: strict models, role names, fractions."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Role = Literal[
    "district_admin",
    "community_staff",
    "grid_worker",
    "council",
    "property_firm",
    "volunteer",
    "resident",
]
Fraction = Annotated[float, Field(ge=0, le=1)]
Fen = Annotated[int, Field(ge=0, description="money in fen (分)")]
Key = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")]


class Strict(BaseModel):
    """Every section rejects unknown keys, so a typo is an error, not a silent default."""

    model_config = ConfigDict(extra="forbid", frozen=True)
