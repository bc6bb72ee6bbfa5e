"""Worker of the fees service (nameko): keeps local copies of communities' households, compounds and
governance configurations, reminds households of overdue bills, issues the bills of interrupted
prepayments, and relays the outbox."""

from __future__ import annotations

import eventlet

eventlet.monkey_patch()

from linli_platform.config import Settings  # noqa: E402
from linli_platform.worker import RuntimeProvider, consume, run_worker, timer  # noqa: E402

from linli_fees.adapters import directory  # noqa: E402
from linli_fees.adapters.ledger_unit_of_work import mongo_ledger_unit_of_work  # noqa: E402
from linli_fees.adapters.outbox import OUTBOX_DOCUMENTS  # noqa: E402
from linli_fees.adapters.unit_of_work import mongo_unit_of_work  # noqa: E402
from linli_fees.entrypoints import fund_consumers as ledger  # noqa: E402
from linli_fees.entrypoints.consumers import handlers  # noqa: E402
from linli_fees.service_layer import prepay, reminders  # noqa: E402

HANDLERS = handlers(mongo_unit_of_work)
FUND = ledger.fund_handlers(mongo_ledger_unit_of_work)
DIRECTORY = ledger.directory_handlers(mongo_ledger_unit_of_work)
PAYMENTS = ledger.payment_handlers(mongo_ledger_unit_of_work)
REMINDER_SECONDS = 3600
FIGURES_SECONDS = 300  # the collection ratio and arrears gauges
HELD_BILLS_SECONDS = 60


class FeesWorker:
    name = "fees_worker"
    runtime = RuntimeProvider()

    @timer(interval=0.5)
    def relay_outbox(self):
        self.runtime.relay_once()

    # Copies are kept by the event's version (upsert_newer): a redelivered event writes nothing.
    @consume("communities.config.v1", group="fees-config", effects_keyed=True)
    def on_config(self, envelope):
        HANDLERS.handle(envelope)

    @consume("communities.household.v1", group="fees-households", effects_keyed=True)
    def on_household(self, envelope):
        HANDLERS.handle(envelope)

    @consume("communities.compound.v1", group="fees-compounds", effects_keyed=True)
    def on_compound(self, envelope):
        HANDLERS.handle(envelope)

    # The public ledger and the maintenance fund. Each effect is its own mark: a decision is kept once
    # per proposal and an application takes one; copies by version; entries keyed by the cause's id.
    @consume(ledger.PROPOSALS_TOPIC, group=ledger.PROPOSALS_GROUP, effects_keyed=True)
    def on_proposal(self, envelope):
        FUND.handle(envelope)

    @consume(*ledger.DIRECTORY_TOPICS, group=ledger.DIRECTORY_GROUP, effects_keyed=True)
    def on_ledger_directory(self, envelope):
        DIRECTORY.handle(envelope)

    @consume(ledger.HOUSEHOLDS_TOPIC, group=ledger.HOUSEHOLDS_GROUP, effects_keyed=True)
    def on_ledger_households(self, envelope):
        DIRECTORY.handle(envelope)

    @consume(ledger.PAYMENTS_TOPIC, group=ledger.PAYMENTS_GROUP, effects_keyed=True)
    def on_payment(self, envelope):
        PAYMENTS.handle(envelope)

    # A prepayment interrupted after its one write (a crash) left its bills on the account: issue them.
    @timer(interval=HELD_BILLS_SECONDS, eager=True)
    def issue_held_bills(self):
        prepay.sweep(mongo_unit_of_work, directory.compounds)

    # 催缴: once per bill and step of late_notice_days (the account keeps what it sent).
    @timer(interval=REMINDER_SECONDS)
    def remind(self):
        reminders.sweep(mongo_unit_of_work, directory.compounds)

    # eager: a restarted worker shows the gauges at once instead of 5 minutes without a collection ratio
    @timer(interval=FIGURES_SECONDS, eager=True)
    def refresh_figures(self):
        reminders.refresh_figures(mongo_unit_of_work, directory.compounds)


if __name__ == "__main__":
    run_worker(FeesWorker, Settings(service="fees"), OUTBOX_DOCUMENTS)
