"""Prometheus figures of the fees service, per district and compound (docs/metrics.md is the
catalogue). A compound is a label only here: the district onboarded it, so its values are bounded."""

from __future__ import annotations

from linli_platform.metrics import counter, gauge
from linli_platform.metrics import tenant as tenant_label

BILLS_ISSUED = counter(
    "linli_fees_bills_issued_total", "Bills issued by billing runs and prepayments.", ["tenant", "compound"]
)
BILLED_FEN = counter(
    "linli_fees_billed_fen_total", "Amount of the bills issued, in fen.", ["tenant", "compound"]
)
RECEIVED_FEN = counter("linli_fees_received_fen_total", "Payments received, in fen.", ["tenant", "compound"])
COLLECTION_RATIO = gauge(
    "linli_fees_collection_ratio",
    "收缴率: received ÷ billed for the current period, 0–1.",
    ["tenant", "compound"],
)
ARREARS_FEN = gauge(
    "linli_fees_arrears_fen", "Unpaid amount of bills past due, in fen.", ["tenant", "compound"]
)


def issued(tenant: str, compound: str, bills: int, fen: int) -> None:
    if bills:
        BILLS_ISSUED.labels(tenant_label(tenant), compound).inc(bills)
        BILLED_FEN.labels(tenant_label(tenant), compound).inc(fen)


def received(tenant: str, compound: str, fen: int) -> None:
    RECEIVED_FEN.labels(tenant_label(tenant), compound).inc(fen)


def collection(tenant: str, compound: str, received_fen: int, receivable_fen: int, arrears_fen: int) -> None:
    ratio = received_fen / receivable_fen if receivable_fen else 0.0
    COLLECTION_RATIO.labels(tenant_label(tenant), compound).set(ratio)
    ARREARS_FEN.labels(tenant_label(tenant), compound).set(arrears_fen)
