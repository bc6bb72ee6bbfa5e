"""Onboarding a district file's records, all or nothing: judge every entry, then write them all.

Every entry is judged against the others of the file and the stored state first — duplicates,
references (a compound's community, a building's compound, a contract's firm and compound, an
organisation's community and compounds), required fields of new records, the domain's rules, and
removals (refused unless allowed). Any problem raises InvalidField naming every one by its path and
nothing is written. Otherwise the records are written in dependency order (communities, compounds,
buildings, organisations, contracts), each an idempotent upsert keyed by the file's ids: a run cut
off half way writes some of them, and running the same file again writes the rest and reaches the
same end state; a second run of a finished file changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from linli_governance.deliberation import CooperativeRules
from linli_platform.auth import Principal
from linli_platform.errors import DomainError, InvalidField
from linli_platform.persistence import UnitOfWork

from linli_communities.domain.onboarding import KIND_NAMES, Entry, Judged, judge
from linli_communities.domain.organisations import PropertyFirm
from linli_communities.domain.records import (
    CREATED,
    Building,
    Community,
    Compound,
    Contract,
    Organisation,
    Record,
)
from linli_communities.service_layer import governance
from linli_communities.service_layer.upsert import commit

ORDER = ("community", "compound", "building", "property_firm", "contract", "organisation")
REQUIRED_NEW = {
    "community": ("name",),
    "compound": ("name",),
    "property_firm": ("name",),
    "contract": ("starts_on",),
    "organisation": ("name", "community_id"),
}


class Problem(Exception):
    """A problem of one entry's field (the path is relative to the entry)."""

    def __init__(self, field: str, reason: str):
        super().__init__(reason)
        self.field, self.reason = field, reason


class Onboarding:
    """One judging of a file's entries against one district's unit of work."""

    def __init__(self, uow: UnitOfWork, principal: Principal, rules: CooperativeRules):
        self.uow, self.principal, self.rules = uow, principal, rules
        self.communities: dict[str, Community | None] = {}
        self.compounds: dict[str, Compound | None] = {}
        self.firms: dict[str, PropertyFirm | None] = {}
        self.new_firms: list[PropertyFirm] = []

    # -- what the file and the district hold -------------------------------------------------------
    def community(self, community_id: str) -> Community | None:
        if community_id not in self.communities:
            self.communities[community_id] = self.uow.communities.find_by(community_id)
        return self.communities[community_id]

    def compound(self, compound_id: str) -> Compound | None:
        if compound_id not in self.compounds:
            self.compounds[compound_id] = self.uow.compounds.find_by(compound_id)
        return self.compounds[compound_id]

    def firm(self, org_id: str) -> PropertyFirm | None:
        if org_id not in self.firms:
            self.firms[org_id] = self.uow.firms.find(org_id)
        return self.firms[org_id]

    # -- one entry ---------------------------------------------------------------------------------
    def judge(self, entry: Entry) -> Judged:
        return JUDGES[entry.kind](self, entry)

    def _values(self, entry: Entry, record: Record, fields: tuple[str, ...]) -> dict[str, Any]:
        """The fields the record will hold: the file's where given, else the stored (or default) ones."""
        if record.is_new:
            for name in REQUIRED_NEW.get(entry.kind, ()):
                if not entry.given.get(name):
                    raise Problem(name, f"新建{KIND_NAMES[entry.kind]} {entry.key} 时必须填写")
        return {f: entry.given[f] if f in entry.given else getattr(record, f) for f in fields}

    def _take(self, record: Record, found: Record | None, repository, change: Callable[[], str]) -> None:
        change()
        if found is None:
            repository.add(record)

    def community_entry(self, entry: Entry) -> Judged:
        (community_id,) = entry.keys
        found = self.uow.communities.find_by(community_id)
        record = found or Community(self.uow.tenant, community_id=community_id)
        values = self._values(entry, record, ("name", "street", "archived"))
        values["name"], values["street"] = values["name"].strip(), values["street"].strip()
        judged = judge(entry, record, values)
        self._take(record, found, self.uow.communities, lambda: record.upsert(**values))
        self.communities[community_id] = record
        return judged

    def compound_entry(self, entry: Entry) -> Judged:
        (compound_id,) = entry.keys
        community_id = entry.given["community_id"]
        community = self.community(community_id)
        if community is None:
            raise Problem("community_id", f"社区 {community_id} 不存在（文件与系统中都没有）")
        found = self.uow.compounds.find_by(compound_id)
        record = found or Compound(self.uow.tenant, compound_id=compound_id, created_at=datetime.now(UTC))
        values = self._values(entry, record, ("name", "community_id", "address", "archived"))
        values["community"] = community.name
        judged = judge(entry, record, {k: v for k, v in values.items() if k != "community"})
        self._take(record, found, self.uow.compounds, lambda: record.upsert(**values))
        self.compounds[compound_id] = record
        return judged

    def building_entry(self, entry: Entry) -> Judged:
        compound_id, building_id = entry.keys
        compound = self.compound(compound_id)
        if compound is None:
            raise Problem("compound_id", f"小区 {compound_id} 不存在（文件与系统中都没有）")
        found = self.uow.buildings.find_by(compound_id, building_id)
        if found is None and compound.archived:
            raise Problem("compound_id", f"小区 {compound_id} 已归档，不能新建楼栋")
        record = found or Building(
            self.uow.tenant, compound_id=compound_id, building_id=building_id, name=f"{building_id}栋"
        )
        values = self._values(entry, record, ("name", "leader_subject", "leader_name", "archived"))
        values["name"] = values["name"].strip() or f"{building_id}栋"
        judged = judge(entry, record, values)
        self._take(record, found, self.uow.buildings, lambda: record.upsert(**values))
        return judged

    def firm_entry(self, entry: Entry) -> Judged:
        """Firms are global: a new one is registered; a registered one is left as the platform keeps it."""
        (org_id,) = entry.keys
        judged = Judged(entry)
        if self.firm(org_id) is None:
            name = (entry.given.get("name") or "").strip()
            if not name:
                raise Problem("name", f"新登记物业企业 {org_id} 时必须填写")
            firm = PropertyFirm(
                org_id, name, entry.given.get("contact") or "", self.principal.subject, datetime.now(UTC)
            )
            self.firms[org_id] = firm
            self.new_firms.append(firm)
            judged.change = CREATED
            judged.fields = [("name", "", name)]
        return judged

    def contract_entry(self, entry: Entry) -> Judged:
        org_id, compound_id = entry.keys
        firm = self.firm(org_id)
        if firm is None:
            raise Problem("org_id", f"物业企业 {org_id} 未登记（文件与系统中都没有）")
        if self.compound(compound_id) is None:
            raise Problem("compound_id", f"小区 {compound_id} 不存在（文件与系统中都没有）")
        found = self.uow.contracts.find_by(org_id, compound_id)
        record = found or Contract(self.uow.tenant, org_id=org_id, compound_id=compound_id)
        fields = ("services", "starts_on", "ends_on", "contact", "active")
        values = self._values(entry, record, fields)
        if record.is_new and "contact" not in entry.given:
            values["contact"] = firm.contact
        judged = judge(entry, record, values)
        values["org_name"] = firm.name
        self._take(record, found, self.uow.contracts, lambda: record.change(**values))
        return judged

    def organisation_entry(self, entry: Entry) -> Judged:
        (org_id,) = entry.keys
        found = self.uow.organisations.find_by(org_id)
        record = found or Organisation(self.uow.tenant, org_id=org_id)
        fields = ("kind", "name", "community_id", "compound_ids", "specialties", "members", "archived")
        values = self._values(entry, record, fields)
        if self.community(values["community_id"]) is None:
            raise Problem("community_id", f"社区 {values['community_id']} 不存在（文件与系统中都没有）")
        for i, compound_id in enumerate(values["compound_ids"]):
            if self.compound(compound_id) is None:
                raise Problem(f"compounds[{i}]", f"小区 {compound_id} 不存在（文件与系统中都没有）")
        judged = judge(entry, record, values)
        self._take(record, found, self.uow.organisations, lambda: record.change(self.rules, **values))
        return judged


JUDGES: dict[str, Callable[[Onboarding, Entry], Judged]] = {
    "community": Onboarding.community_entry,
    "compound": Onboarding.compound_entry,
    "building": Onboarding.building_entry,
    "property_firm": Onboarding.firm_entry,
    "contract": Onboarding.contract_entry,
    "organisation": Onboarding.organisation_entry,
}


def duplicates(entries: list[Entry]) -> list[tuple[str, str]]:
    first: dict[tuple[str, tuple[str, ...]], str] = {}
    found = []
    for entry in entries:
        key = (entry.kind, entry.keys)
        if key in first:
            found.append((entry.path, f"与 {first[key]} 重复（{KIND_NAMES[entry.kind]} {entry.key}）"))
        else:
            first[key] = entry.path
    return found


def onboard(
    uow: UnitOfWork, principal: Principal, entries: list[Entry], dry_run: bool, allow_removals: bool
) -> list[Judged]:
    """Judge every entry (in ORDER of kinds); unless `dry_run`, write them all when none has a problem."""
    entries = sorted(entries, key=lambda e: ORDER.index(e.kind))
    rules = governance.cooperative_rules(uow)
    with uow:
        uow.districts.get(uow.tenant)
        problems = duplicates(entries)
        onboarding = Onboarding(uow, principal, rules)
        judged: list[Judged] = []
        for entry in entries:
            try:
                outcome = onboarding.judge(entry)
            except Problem as problem:
                problems.append((f"{entry.path}.{problem.field}", problem.reason))
                continue
            except InvalidField as err:
                problems.extend((f"{entry.path}.{path}", why) for path, why in err.violations)
                continue
            except DomainError as err:
                problems.append((entry.path, err.message))
                continue
            judged.append(outcome)
            if outcome.removes and not allow_removals:
                problems.append((entry.path, f"将删除：{outcome.removes}（确认删除请加 --allow-removals）"))
        if problems:
            raise InvalidField(problems)
        if not dry_run:
            for firm in onboarding.new_firms:
                uow.firms.put(firm)
            commit(uow)
    return judged
