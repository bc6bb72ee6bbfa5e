"""A billing run: one period for a compound or a whole district, processed batch by batch.

Households are taken shard by shard (each household's copy carries a fixed shard number), so a
batch is one indexed equality read and the run's position is one number. A run killed half way
is resumed from the shard it was in: the bills that shard already issued are found by their
unique id and not issued again. A dry run counts, totals and previews what it would issue and
writes no bill.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from linli_platform.aggregate import Aggregate
from linli_platform.errors import FailedPrecondition

SHARDS = 64
PREVIEW_BILLS = 5
RUNNING, DONE = "running", "done"


@dataclass(frozen=True)
class Preview:
    household_id: str
    household_label: str
    item_name: str
    amount_fen: int
    lines: tuple[str, ...]


@dataclass(frozen=True)
class BatchResult:
    shards: int
    households: int
    skipped: int
    created: int
    existing: int
    amount_fen: int
    preview: tuple[Preview, ...] = ()
    prepaid_applied: int = 0
    prepaid_applied_fen: int = 0


class BillingRun(Aggregate):
    SOURCE, NAME = "fees", "run"

    def __init__(
        self,
        tenant_id: str,
        run_id: str,
        compound_id: str,
        period: str,
        dry_run: bool,
        started_by: str,
        started_at: datetime,
        households_total: int,
        fingerprint: str = "",
        version: int = 0,
        **progress,
    ):
        super().__init__(tenant_id, run_id, version)
        self.compound_id = compound_id
        self.period = period
        self.dry_run = dry_run
        self.started_by = started_by
        self.started_at = started_at
        self.households_total = households_total
        self.fingerprint = fingerprint
        self.status: str = progress.get("status", RUNNING)
        self.next_shard: int = progress.get("next_shard", 0)
        self.households_done: int = progress.get("households_done", 0)
        self.households_skipped: int = progress.get("households_skipped", 0)
        self.bills_created: int = progress.get("bills_created", 0)
        self.bills_existing: int = progress.get("bills_existing", 0)
        self.amount_fen: int = progress.get("amount_fen", 0)
        self.prepaid_applied: int = progress.get("prepaid_applied", 0)
        self.prepaid_applied_fen: int = progress.get("prepaid_applied_fen", 0)
        self.preview: list[Preview] = list(progress.get("preview", ()))
        self.finished_at: datetime | None = progress.get("finished_at")

    @property
    def done(self) -> bool:
        return self.status == DONE

    @property
    def scope_key(self) -> str:
        """One unfinished real run per scope and period (the key of the 'active run' index)."""
        return f"{self.compound_id or '*'}|{self.period}"

    def progress(self) -> dict:
        return {
            "status": self.status,
            "next_shard": self.next_shard,
            "households_done": self.households_done,
            "households_skipped": self.households_skipped,
            "bills_created": self.bills_created,
            "bills_existing": self.bills_existing,
            "amount_fen": self.amount_fen,
            "prepaid_applied": self.prepaid_applied,
            "prepaid_applied_fen": self.prepaid_applied_fen,
            "preview": list(self.preview),
            "finished_at": self.finished_at,
        }

    def advanced(self, result: BatchResult, now: datetime) -> None:
        if self.done:
            raise FailedPrecondition(f"billing run {self.id} is done")
        self.next_shard = min(SHARDS, self.next_shard + result.shards)
        self.households_done += result.households
        self.households_skipped += result.skipped
        self.bills_created += result.created
        self.bills_existing += result.existing
        self.amount_fen += result.amount_fen
        self.prepaid_applied += result.prepaid_applied
        self.prepaid_applied_fen += result.prepaid_applied_fen
        room = PREVIEW_BILLS - len(self.preview)
        if room > 0:
            self.preview.extend(result.preview[:room])
        if self.next_shard >= SHARDS:
            self.status, self.finished_at = DONE, now
        self.touch()
