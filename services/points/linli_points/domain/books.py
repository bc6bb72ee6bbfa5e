"""The points books on the ledger kernel (libs/linli_ledger): which accounts exist and how they are
named. Every module of the points service (credits, transfers, orders, deposits) opens and names
accounts through this one place, so one account is never defined two ways.

- ``person:<subject>``: a person's points; never below zero (DEBITS_MUST_NOT_EXCEED_CREDITS).
- ``issuer``: the district's issuer; every credit comes from it (its balance is minus all points issued).
- ``sink``: where redeemed points go (goods, services); a reversal of a redemption comes back from it.
- ``org:<org_id>``: a firm's or merchant's account for its coupons.
"""

from __future__ import annotations

from linli_ledger import Account, AccountFlags, Transfer, reversal_of

LEDGER = "points"
ISSUER_ID, SINK_ID = "issuer", "sink"
ISSUER = Account(ISSUER_ID, LEDGER, code="issuer")
SINK = Account(SINK_ID, LEDGER, code="sink")


def person_id(subject: str) -> str:
    return f"person:{subject}"


def person(subject: str) -> Account:
    return Account(
        person_id(subject), LEDGER, code="person", flags=AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS
    )


def org(org_id: str) -> Account:
    return Account(f"org:{org_id}", LEDGER, code="org")


def subject_of(account_id: str) -> str:
    """The person of a person's account id ("" for issuer, sink and organisations)."""
    return account_id.removeprefix("person:") if account_id.startswith("person:") else ""


# Codes of transfers (the rule or reason), ≤ 64 characters. Credits by rule: "ticket.<role>",
# "activity.<kind>", "award.<award>"; the others:
GRANT, TRANSFER, REVERSAL = "grant", "transfer", "reversal"
EARN_PREFIXES = ("ticket.", "activity.", "award.", GRANT)


def reversal(original: Transfer, cause: str, user_data: dict[str, str]) -> Transfer:
    """The points transfer correcting `original` (id ``reversal:<original id>``, so one original is
    reversed by one transfer however often it is asked for)."""
    return reversal_of(original, f"reversal:{original.id}"[:128], REVERSAL, cause, user_data)
