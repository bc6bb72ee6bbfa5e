"""Dates kept as ISO text (YYYY-MM-DD), as the events carry them."""

from __future__ import annotations


def in_force(starts_on: str, ends_on: str, today: str) -> bool:
    """A span's dates hold `today` (ISO dates compare as text; empty: open-ended)."""
    return (not starts_on or starts_on <= today) and (not ends_on or today <= ends_on)
