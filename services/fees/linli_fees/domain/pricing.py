"""The price per compound that a district's governance configuration sets (一区一策 overrides merged)."""

from __future__ import annotations

from collections.abc import Mapping

from linli_governance import GovernanceConfig, Scope, effective_config


def prices(config: GovernanceConfig, compound_communities: Mapping[str, str]) -> dict[str, int]:
    """compound_id → fen per m² per month, for every compound of the district."""
    overrides = config.overrides
    found = {}
    for compound, community in compound_communities.items():
        if compound in overrides.compounds or community in overrides.communities:
            found[compound] = effective_config(
                config, Scope(compound=compound), community
            ).fees.price_fen_per_m2_month
        else:  # no override on the way: the district's price, without a merge
            found[compound] = config.fees.price_fen_per_m2_month
    return found
