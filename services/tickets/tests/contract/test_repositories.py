"""One contract, two implementations: the tickets service's in-memory fakes behave as its MongoDB
repositories do. Every test runs on the fakes, on the MongoDB adapters over mongomock (quick, in
the unit run) and over the real Mongo-wire server (integration)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from linli.common.v1.events_pb2 import EventEnvelope
from linli_governance.model import District, GovernanceConfig
from linli_platform.errors import Aborted, NotFound
from linli_platform.persistence import AlreadyStored
from linli_tickets.adapters.fakes import TicketsStore, fake_unit_of_work
from linli_tickets.adapters.tenants import known_tenants
from linli_tickets.adapters.unit_of_work import mongo_unit_of_work
from linli_tickets.domain.copies import Compound, MenuItem
from linli_tickets.domain.model import OPEN, PROPERTY_FIRM, Provider
from linli_tickets.domain.queries import TicketFilter, Visibility
from linli_tickets.domain.ticket import Ticket
from linli_tickets.entrypoints.mapping import ticket_pb
from linli_tickets.service_layer.unit_of_work import TicketsUnitOfWork, UnitOfWorkFactory

T1, T2 = "hanyang", "xingshan"
NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@dataclass
class Actor:
    subject: str
    role: str
    org: str = ""


RESIDENT = Actor("res-chen", "resident")
STAFF = Actor("staff-yang", "community_staff")
FIRM = Actor("shimao-duty", "property_firm", "shimao")


@dataclass
class Backend:
    uows: UnitOfWorkFactory
    tenants: object
    events: object  # ticket id → event types written with it, if the backend can tell

    def uow(self, tenant: str = T1) -> TicketsUnitOfWork:
        return self.uows(tenant)


def fake_backend() -> Backend:
    store = TicketsStore()

    def events(ticket_id: str) -> list[str]:
        envelopes = [EventEnvelope.FromString(e.value) for e in store.outbox]
        return [e.type for e in envelopes if e.aggregate_id == ticket_id]

    return Backend(fake_unit_of_work(store), store.tenants, events)


def mongo_backend() -> Backend:
    from linli_tickets.adapters.documents import TicketDoc  # noqa: PLC0415 - the adapter under test

    def events(ticket_id: str) -> list[str]:
        stored = TicketDoc._get_collection().find_one({"ticket_id": ticket_id}) or {}
        return [e["type"] for e in stored.get("outbox", [])]

    return Backend(mongo_unit_of_work, known_tenants, events)


@pytest.fixture(params=["fake", "mongomock", pytest.param("mongo", marks=pytest.mark.integration)])
def backend(request) -> Backend:
    if request.param == "fake":
        return fake_backend()
    request.getfixturevalue("mongo_mock" if request.param == "mongomock" else "mongo_db")
    return mongo_backend()


def new_ticket(id: str = "t1", tenant: str = T1, actor=RESIDENT, at: datetime = NOW, **kw) -> Ticket:
    fields = {
        "compound_id": "jinjiang",
        "community_id": "yangsi",
        "category": "lighting",
        "description": "3栋2单元楼道灯坏了",
        "building_id": "b3",
        **kw,
    }
    return Ticket.report(
        tenant_id=tenant, id=id, actor=actor, reporter=actor.subject, now=at, fingerprint="fp-" + id, **fields
    )


def stored(backend: Backend, *tickets: Ticket, tenant: str = T1) -> None:
    with backend.uow(tenant) as uow:
        for ticket in tickets:
            uow.tickets.add(ticket)
        uow.commit()


def config(backend: Backend, tenant: str = T1):
    with backend.uow(tenant) as uow:
        return uow.governance.tickets("jinjiang")


def dispatched(backend: Backend, ticket_id: str, provider: Provider, at: datetime = NOW) -> Ticket:
    settings = config(backend)
    with backend.uow() as uow:
        ticket = uow.tickets.get(ticket_id)
        ticket.dispatch(STAFF, settings.transitions, provider, settings.categories["lighting"], at)
        uow.commit()
    return ticket


# -- tickets ---------------------------------------------------------------------------------------
def test_a_reported_ticket_is_stored_at_commit_with_its_event_and_read_back_whole(backend):
    ticket = new_ticket(location=(30.55, 114.25), photo_urls=["https://img.example/1.jpg"], priority=2)
    with backend.uow() as uow:
        uow.tickets.add(ticket)
        assert backend.uow().tickets.find("t1") is None  # nothing written before commit
        uow.commit()
    again = backend.uow().tickets.get("t1")
    assert ticket_pb(again) == ticket_pb(ticket)
    assert (again.version, again.request_fingerprint, again.lat) == (1, "fp-t1", 30.55)
    assert backend.events("t1") == ["linli.tickets.v1.TicketCreated"]


def test_the_light_view_answers_exactly_what_the_aggregate_answers(backend):
    stored(backend, new_ticket(location=(30.55, 114.25)))
    dispatched(backend, "t1", Provider(PROPERTY_FIRM, "shimao"))
    with backend.uow() as uow:
        assert ticket_pb(uow.tickets.view("t1")) == ticket_pb(uow.tickets.get("t1"))
        assert uow.tickets.view("t1").request_fingerprint == "fp-t1"
        assert uow.tickets.view("nope") is None


def test_a_second_report_with_the_same_id_is_already_stored_and_keeps_the_first(backend):
    stored(backend, new_ticket())
    with pytest.raises(AlreadyStored), backend.uow() as uow:
        uow.tickets.add(new_ticket(description="另一回事"))
        uow.commit()
    assert backend.uow().tickets.get("t1").description == "3栋2单元楼道灯坏了"


def test_a_move_writes_its_step_and_event_and_a_stale_version_is_aborted(backend):
    stored(backend, new_ticket())
    moved = dispatched(backend, "t1", Provider(PROPERTY_FIRM, "shimao"))
    again = backend.uow().tickets.get("t1")
    assert (again.status, again.version, again.provider_id) == ("dispatched", 2, "shimao")
    assert again.next_sla_at == moved.next_sla_at and [s.action for s in again.timeline] == [
        "reported",
        "dispatched",
    ]
    settings = config(backend)
    first, second = backend.uow(), backend.uow()
    mine, theirs = first.tickets.get("t1"), second.tickets.get("t1")
    mine.cancel(RESIDENT, settings.transitions, NOW)
    first.commit()
    theirs.urge(RESIDENT, settings.transitions, NOW)
    with pytest.raises(Aborted):
        second.commit()
    final = backend.uow().tickets.get("t1")
    assert (final.status, final.urge_count, final.next_sla_at) == ("cancelled", 0, None)  # the clock stopped
    assert len(backend.events("t1")) == 3


def test_another_tenant_never_sees_a_ticket(backend):
    stored(backend, new_ticket())
    other = backend.uow(T2)
    assert other.tickets.find("t1") is None and other.tickets.view("t1") is None
    assert other.tickets.page(None, TicketFilter(), 0, 50, False) == ([], 0)
    assert other.tickets.on_board("jinjiang", None, None) == []


def test_pages_keep_to_what_a_caller_sees_newest_first(backend):
    stored(
        backend,
        new_ticket("a", at=NOW),
        new_ticket("b", actor=Actor("res-li", "resident"), at=NOW + timedelta(minutes=1), building_id="b4"),
        new_ticket("c", at=NOW + timedelta(minutes=2), compound_id="heyue", category="plumbing"),
        new_ticket("d", actor=Actor("res-he", "resident"), at=NOW + timedelta(minutes=2)),
    )
    dispatched(backend, "b", Provider(OPEN, ""))
    tickets = backend.uow().tickets

    def ids(scope=None, **flt) -> list[str]:
        return [t.ticket_id for t in tickets.page(scope, TicketFilter(**flt), 0, 50, False)[0]]

    assert ids() == ["c", "d", "b", "a"]
    assert ids(Visibility(compounds=("heyue",))) == ["c"]
    assert ids(Visibility(compounds=())) == []
    assert ids(Visibility(reporter="res-chen")) == ["c", "a"]
    assert ids(Visibility(reporter="res-he", open_grabs=True)) == ["d", "b"]
    assert ids(Visibility(reporter="nobody", buildings=(("jinjiang", "b4"),))) == ["b"]
    assert ids(Visibility(compounds=("jinjiang",)), compound_id="jinjiang", statuses=["reported"]) == [
        "d",
        "a",
    ]
    assert ids(category="plumbing") == ["c"] and ids(provider_id="nobody") == []
    assert ids(created_after=NOW + timedelta(minutes=1), created_before=NOW + timedelta(minutes=2)) == ["b"]
    page, total = tickets.page(None, TicketFilter(), 1, 2, True)
    assert [t.ticket_id for t in page] == ["d", "b"] and total == 4 and page[0].timeline
    page, bound = tickets.page(None, TicketFilter(), 2, 2, False, skip_total=True)
    assert [t.ticket_id for t in page] == ["b", "a"] and bound == 4


def test_the_board_reads_a_compounds_tickets_but_not_the_cancelled(backend):
    stored(backend, new_ticket("a"), new_ticket("b"), new_ticket("c", compound_id="heyue"))
    settings = config(backend)
    with backend.uow() as uow:
        uow.tickets.get("b").cancel(RESIDENT, settings.transitions, NOW)
        uow.commit()
    rows = backend.uow().tickets.on_board("jinjiang", NOW, NOW + timedelta(seconds=1))
    assert [(r.status, r.created_at) for r in rows] == [("reported", NOW)]
    assert backend.uow().tickets.on_board("jinjiang", NOW + timedelta(seconds=1), None) == []


def test_the_sweeps_find_due_and_rated_tickets_and_commit_them_one_by_one(backend):
    stored(backend, new_ticket("a"), new_ticket("b"), new_ticket("c"))
    dispatched(backend, "a", Provider(PROPERTY_FIRM, "shimao"), NOW)
    dispatched(backend, "b", Provider(PROPERTY_FIRM, "shimao"), NOW + timedelta(minutes=1))
    category = config(backend).categories["lighting"]
    later = NOW + timedelta(hours=1)
    with backend.uow() as uow:
        due = uow.tickets.due_for_sla(later, 10)
        assert [t.ticket_id for t in due] == ["a", "b"]
        with backend.uow() as meanwhile:  # someone changes "a" after the sweep read it
            meanwhile.tickets.get("a").urge(RESIDENT, config(backend).transitions, later)
            meanwhile.commit()
        due[0].escalate(category, later, lambda t: Provider(OPEN, ""))
        with pytest.raises(Aborted):
            uow.commit()
        uow.discard(due[0])
        assert [a.flag for a in due[1].escalate(category, later, lambda t: Provider(OPEN, ""))] == [
            "accept:breach"
        ]
        uow.commit()
    assert backend.uow().tickets.get("b").sla_fired == ["accept:breach"]
    assert backend.uow().tickets.get("a").sla_fired == []
    assert backend.uow().tickets.due_for_sla(later, 10)[0].ticket_id == "a"
    assert backend.uow().tickets.rated_until(later, 10) == []


# -- local copies ---------------------------------------------------------------------------------
def test_copies_keep_the_newest_version_and_a_replay_changes_nothing(backend):
    with backend.uow() as uow:
        uow.compounds.keep(Compound("jinjiang", "金江公寓", "杨泗社区", "yangsi"), 2)
        uow.compounds.keep(Compound("jinjiang", "旧名", "", ""), 1)
        uow.households.keep("jinjiang", "h-301", 3, ["yellow"], ["res-chen"])
        uow.households.keep("jinjiang", "h-301", 2, [], [])
        uow.households.keep("heyue", "h-301", 5, [], [])
        assert uow.compounds.get("jinjiang") == Compound("jinjiang", "金江公寓", "杨泗社区", "yangsi")
        assert uow.households.care_tags("jinjiang", "h-301") == ["yellow"]
        assert uow.households.care_tags("heyue", "h-301") == []
        assert uow.households.care_tags("jinjiang", "") == []
        uow.compounds.keep(Compound("jinjiang", "金江公寓", archived=True), 3)
        with pytest.raises(NotFound):
            uow.compounds.get("jinjiang")
        with pytest.raises(NotFound):
            uow.compounds.get("nowhere")
    with pytest.raises(NotFound):
        backend.uow(T2).compounds.get("jinjiang")
    assert backend.tenants() == [T1]


def test_contracts_teams_and_buildings(backend):
    with backend.uow() as uow:
        fields = {"org_name": "", "services": [], "active": True, "starts_on": "", "ends_on": ""}
        uow.contracts.keep("shimao", "jinjiang", 1, **fields)
        uow.contracts.keep("zhongjian", "jinjiang", 1, **{**fields, "services": ["plumbing"]})
        uow.contracts.keep("old", "jinjiang", 1, **{**fields, "ends_on": "2021-12-31"})
        uow.contracts.keep("gone", "jinjiang", 1, **{**fields, "active": False})
        uow.contracts.keep("shimao", "heyue", 1, **{**fields, "starts_on": "2999-01-01"})
        team = {"name": "", "specialties": ["水电"], "members": ["vol-li"], "compound_ids": ["jinjiang"]}
        uow.teams.keep("red-repair", 1, kind="volunteer_team", community_id="", archived=False, **team)
        uow.teams.keep("council", 1, kind="council", community_id="", archived=False, **team)
        uow.teams.keep("old-team", 1, kind="volunteer_team", community_id="", archived=True, **team)
        uow.buildings.keep("jinjiang", "b3", 1, "leader-chen", False)
        uow.buildings.keep("jinjiang", "b4", 1, "leader-chen", True)
        assert sorted(c.org_id for c in uow.contracts.in_force("jinjiang")) == ["shimao", "zhongjian"]
        assert [c.services for c in uow.contracts.in_force("jinjiang") if c.org_id == "zhongjian"] == [
            ("plumbing",)
        ]
        assert uow.contracts.compounds_of("shimao") == ["jinjiang"]
        assert [(t.team_id, t.specialties, t.members) for t in uow.teams.serving()] == [
            ("red-repair", ("水电",), ("vol-li",))
        ]
        assert sorted(uow.teams.of_member("vol-li")) == ["council", "red-repair"]
        assert uow.buildings.led_by("leader-chen") == [("jinjiang", "b3")]
    other = backend.uow(T2)
    assert other.contracts.in_force("jinjiang") == [] and other.teams.of_member("vol-li") == []


def test_the_governance_copy_cursors_and_the_menu(backend):
    document = GovernanceConfig(district=District(name="汉阳区")).model_dump(mode="json")
    document["tickets"]["auto_close_after_days"] = 3
    import json  # noqa: PLC0415

    with backend.uow() as uow:
        assert uow.governance.tickets().auto_close_after_days == 7  # no copy yet: the defaults
        uow.governance.keep(2, json.dumps(document), {"jinjiang": "yangsi"})
        uow.governance.keep(1, json.dumps({"nonsense": True}), {})  # older: ignored
        assert uow.governance.tickets("jinjiang").auto_close_after_days == 3
        assert uow.governance.community_of("jinjiang") == "yangsi"
        assert uow.governance.timezone() == "Asia/Shanghai"
        assert [uow.cursors.next_turn("jinjiang:lighting") for _ in range(3)] == [0, 1, 2]
        assert uow.cursors.next_turn("heyue:lighting") == 0
        item = MenuItem("jinjiang", "pipe", "管道疏通", "plumbing", "free", provider_kind="volunteer_team")
        uow.menu.put(item)
        uow.menu.put(MenuItem("jinjiang", "old", "旧", "other", "free", active=False))
        assert uow.menu.find("jinjiang", "pipe") == MenuItem(**{**vars(item), "tenant_id": T1})
        assert uow.menu.find("jinjiang", "old", active_only=True) is None
        assert uow.menu.find("jinjiang", "old").active is False
        assert [i.item_id for i in uow.menu.page("jinjiang", False, 0, 50)[0]] == ["pipe"]
        assert uow.menu.page("jinjiang", True, 1, 50)[1] == 2
    assert backend.uow(T2).governance.tickets().auto_close_after_days == 7
    assert backend.uow(T2).cursors.next_turn("jinjiang:lighting") == 0
    assert backend.uow(T2).menu.find("jinjiang", "pipe") is None
