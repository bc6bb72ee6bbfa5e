"""The public ledger's and the fund's repositories on MongoDB (tenant-scoped by the kit)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from datetime import UTC

from linli_platform.dates import in_force
from linli_platform.mongo import upsert_newer
from linli_platform.mongo_repository import MongoRepository, MongoScoped

from linli_fees.adapters.ledger_documents import (
    FundApplicationDoc,
    FundDecisionDoc,
    LedgerDirectoryDoc,
    LedgerEntryDetailsDoc,
    LedgerStatementDoc,
)
from linli_fees.domain.fund_application import Decision, FundApplication, Quote
from linli_fees.domain.public_ledger import EntryDetails, Material
from linli_fees.domain.statement import StatementContent
from linli_fees.domain.statement_record import PublishedStatement
from linli_fees.service_layer.ledger_ports import (
    DEFAULT_TIMEZONE,
    Applications,
    CompoundCopy,
    Decisions,
    Directory,
    EntryDetailsStore,
    Statements,
)


class MongoEntryDetails(MongoScoped, EntryDetailsStore):
    document = LedgerEntryDetailsDoc

    def put(self, details: EntryDetails) -> None:
        self._insert_stored(  # a retry finds the first (a taken key is fine: details never change)
            {
                "entry_id": details.entry_id,
                "compound_id": details.compound_id,
                "evidence_urls": list(details.evidence_urls),
                "materials": [asdict(m) for m in details.materials],
            }
        )

    def get_many(self, entry_ids: Iterable[str]) -> dict[str, EntryDetails]:
        ids = list(entry_ids)
        if not ids:
            return {}
        return {
            d["entry_id"]: EntryDetails(
                d["entry_id"],
                d["compound_id"],
                tuple(d.get("evidence_urls", ())),
                tuple(Material(**m) for m in d.get("materials", ())),
            )
            for d in self._find({"entry_id": {"$in": ids}})
        }


def content_to_stored(c: StatementContent) -> dict:
    return {
        "compound_id": c.compound_id,
        "period": c.period,
        "sequence": c.sequence,
        "opening_balance_fen": c.opening_balance_fen,
        "income": dict(c.income),
        "expenses": dict(c.expenses),
        "closing_balance_fen": c.closing_balance_fen,
        "entries": [list(e) for e in c.entries],
        "previous_hash": c.previous_hash,
    }


def content_from_stored(tenant_id: str, d: dict) -> StatementContent:
    return StatementContent(
        tenant_id=tenant_id,
        compound_id=d["compound_id"],
        period=d["period"],
        sequence=d["sequence"],
        opening_balance_fen=d["opening_balance_fen"],
        income=dict(d["income"]),
        expenses=dict(d["expenses"]),
        closing_balance_fen=d["closing_balance_fen"],
        entries=tuple((e[0], e[1], e[2], e[3]) for e in d["entries"]),
        previous_hash=d["previous_hash"],
    )


class MongoStatements(MongoRepository[PublishedStatement], Statements):
    document, key, label = LedgerStatementDoc, "statement_id", Statements.label

    def to_stored(self, s: PublishedStatement) -> dict:
        return {
            "compound_id": s.compound_id,
            "sequence": s.content.sequence,
            "content": content_to_stored(s.content),
            "hash": s.hash,
            "published_by": s.published_by,
            "published_at": s.published_at,
        }

    def from_stored(self, d: dict) -> PublishedStatement:
        return PublishedStatement(
            d["tenant_id"],
            d["statement_id"],
            d["version"],
            content=content_from_stored(d["tenant_id"], d["content"]),
            hash=d["hash"],
            published_by=d["published_by"],
            published_at=d["published_at"].replace(tzinfo=UTC),
        )

    def chain(self, compound_id: str) -> list[PublishedStatement]:
        return [
            self._loaded(d)
            for d in self._find({"compound_id": compound_id}, {"outbox": 0}, sort=[("sequence", 1)])
        ]

    def latest(self, compound_id: str) -> PublishedStatement | None:
        found = self._find({"compound_id": compound_id}, {"outbox": 0}, sort=[("sequence", -1)], limit=1)
        return self._loaded(found[0]) if found else None


class MongoApplications(MongoRepository[FundApplication], Applications):
    document, key, label = FundApplicationDoc, "application_id", Applications.label

    def to_stored(self, a: FundApplication) -> dict:
        return {
            "compound_id": a.compound_id,
            "title": a.title,
            "description": a.description,
            "applicant_kind": a.applicant_kind,
            "applicant_name": a.applicant_name,
            "contractor": a.contractor,
            "amount_fen": a.amount_fen,
            "quotes": [asdict(q) for q in a.quotes],
            "building_ids": list(a.building_ids),
            "proposal_id": a.proposal_id,
            "created_by": a.created_by,
            "created_at": a.created_at,
            "fingerprint": a.fingerprint,
            "status": a.status,
            "approved_fen": a.approved_fen,
            "decision_summary": a.decision_summary,
            "decision_event": a.decision_event,
            "decision_note": a.decision_note,
        }

    def from_stored(self, d: dict) -> FundApplication:
        return FundApplication(
            d["tenant_id"],
            d["application_id"],
            d["version"],
            compound_id=d["compound_id"],
            title=d["title"],
            description=d["description"],
            applicant_kind=d["applicant_kind"],
            applicant_name=d["applicant_name"],
            contractor=d["contractor"],
            amount_fen=d["amount_fen"],
            quotes=tuple(Quote(**q) for q in d["quotes"]),
            building_ids=tuple(d["building_ids"]),
            proposal_id=d["proposal_id"],
            created_by=d["created_by"],
            created_at=d["created_at"].replace(tzinfo=UTC),
            fingerprint=d["fingerprint"],
            status=d["status"],
            approved_fen=d["approved_fen"],
            decision_summary=d["decision_summary"],
            decision_event=d["decision_event"],
            decision_note=d["decision_note"],
        )

    def of_proposal(self, proposal_id: str) -> list[FundApplication]:
        return [self._loaded(d) for d in self._find({"proposal_id": proposal_id}, {"outbox": 0})]

    def page(self, compound_id: str, offset: int, limit: int) -> tuple[list[FundApplication], int]:
        found = self._find(
            {"compound_id": compound_id},
            {"outbox": 0},
            sort=[("created_at", -1), ("application_id", -1)],
            skip=offset,
            limit=limit,
        )
        return [self._loaded(d) for d in found], self._count({"compound_id": compound_id})


class MongoDecisions(MongoScoped, Decisions):
    document = FundDecisionDoc

    def keep(self, decision: Decision) -> bool:
        return self._insert_stored(asdict(decision))

    def find(self, proposal_id: str) -> Decision | None:
        found = self._find_one({"proposal_id": proposal_id}, {"_id": 0, "tenant_id": 0})
        if not found:
            return None
        # Kept before votes had a scope: no building_ids (a compound-wide decision).
        return Decision(**found | {"building_ids": tuple(found.get("building_ids") or ())})


class MongoDirectory(MongoScoped, Directory):
    document = LedgerDirectoryDoc

    def _keep(self, key: str, kind: str, version: int, **fields) -> None:
        upsert_newer(self._collection(), self._scope({"key": key}), version, {"kind": kind, **fields})

    def compound(self, compound_id: str) -> CompoundCopy | None:
        d = self._find_one({"key": f"compound/{compound_id}"})
        if d is None or d.get("archived"):
            return None
        return CompoundCopy(compound_id, d.get("name", ""), d.get("community_id", ""), False)

    def buildings(self, compound_id: str) -> dict[str, str]:
        found = self._find({"kind": "building", "compound_id": compound_id, "archived": False})
        return {d["building_id"]: d.get("name", "") for d in found}

    def is_resident(self, subject: str, compound_id: str) -> bool:
        return (
            self._find_one(
                {"kind": "household", "compound_id": compound_id, "subjects": subject, "archived": False}
            )
            is not None
        )

    def serving_firm(self, org_id: str, compound_id: str, today: str) -> str | None:
        d = self._find_one({"key": f"contract/{compound_id}/{org_id}"})
        if (
            d is None
            or not d.get("active")
            or not in_force(d.get("starts_on", ""), d.get("ends_on", ""), today)
        ):
            return None
        return d.get("org_name") or org_id

    def keep_contract(
        self, org_id: str, org_name: str, compound_id: str, in_force: tuple[bool, str, str], version: int
    ) -> None:
        active, starts_on, ends_on = in_force
        self._keep(
            f"contract/{compound_id}/{org_id}",
            "contract",
            version,
            compound_id=compound_id,
            org_id=org_id,
            org_name=org_name,
            active=active,
            starts_on=starts_on,
            ends_on=ends_on,
        )

    def timezone(self) -> str:
        d = self._find_one({"key": "timezone"})
        return d.get("timezone") if d and d.get("timezone") else DEFAULT_TIMEZONE

    def keep_compound(self, compound: CompoundCopy, version: int) -> None:
        self._keep(
            f"compound/{compound.compound_id}",
            "compound",
            version,
            compound_id=compound.compound_id,
            name=compound.name,
            community_id=compound.community_id,
            archived=compound.archived,
        )

    def keep_building(
        self, compound_id: str, building_id: str, name: str, archived: bool, version: int
    ) -> None:
        self._keep(
            f"building/{compound_id}/{building_id}",
            "building",
            version,
            compound_id=compound_id,
            building_id=building_id,
            name=name,
            archived=archived,
        )

    def keep_household(
        self, compound_id: str, household_id: str, subjects: list[str], archived: bool, version: int
    ) -> None:
        key = f"household/{compound_id}/{household_id}"
        if not subjects:  # nobody to know: only a household copied before loses its people (no insert)
            newer = {"version": {"$lt": version}} if version else {}
            self._update_one(
                {"key": key, **newer}, {"$set": {"subjects": [], "archived": archived, "version": version}}
            )
            return
        self._keep(
            key,
            "household",
            version,
            compound_id=compound_id,
            subjects=sorted(set(subjects)),
            archived=archived,
        )

    def keep_timezone(self, timezone: str, version: int) -> None:
        self._keep("timezone", "timezone", version, timezone=timezone)

    def keep_config(self, version: int, document_json: str, compound_communities: dict[str, str]) -> None:
        self._keep(
            "config",
            "config",
            version,
            document_json=document_json,
            compound_communities=dict(compound_communities),
        )

    def config(self) -> tuple[str, dict[str, str]] | None:
        d = self._find_one({"key": "config"})
        return (d["document_json"], dict(d.get("compound_communities") or {})) if d else None
