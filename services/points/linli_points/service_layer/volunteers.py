"""Use cases on volunteer profiles: register (or update) one, read one, search for staff."""

from __future__ import annotations

from datetime import UTC, datetime

from linli_platform.auth import Principal, Role
from linli_platform.errors import PermissionDenied

from linli_points.domain.volunteer import Profile, Volunteer
from linli_points.service_layer.rules_in_force import rules_at
from linli_points.service_layer.unit_of_work import PointsUnitOfWork

STAFF = frozenset({Role.DISTRICT_ADMIN, Role.COMMUNITY_STAFF, Role.GRID_WORKER})


def register_volunteer(uow: PointsUnitOfWork, caller: Principal, subject: str, profile: Profile) -> Volunteer:
    """A person registers themself; staff register anyone and alone set whom a volunteer leads."""
    subject = subject or caller.subject
    staff = caller.role in STAFF
    if subject != caller.subject and not staff:
        raise PermissionDenied("only staff register someone else as a volunteer")
    with uow:
        volunteer = uow.volunteers.find(subject)
        if not staff:
            held = volunteer.profile.leads_team_ids if volunteer else ()
            if tuple(profile.leads_team_ids) != tuple(held):
                raise PermissionDenied("only staff set which teams a volunteer leads")
        vocabulary = rules_at(uow, datetime.now(UTC), profile.compound_id).points.specialties
        if volunteer is None:
            volunteer = Volunteer.register(uow.tenant, subject, profile, vocabulary)
            uow.volunteers.add(volunteer)
        else:
            volunteer.update(profile, vocabulary)
        uow.commit()
        return volunteer


def read_volunteer(uow: PointsUnitOfWork, caller: Principal, subject: str) -> Volunteer:
    if subject != caller.subject and caller.role not in STAFF:
        raise PermissionDenied("only staff read another person's volunteer profile")
    with uow:
        return uow.volunteers.get(subject)


def search_volunteers(
    uow: PointsUnitOfWork,
    caller: Principal,
    specialty: str = "",
    availability: str = "",
    team_id: str = "",
    compound_id: str = "",
    offset: int = 0,
    limit: int = 50,
) -> tuple[list[Volunteer], int]:
    if caller.role not in STAFF:
        raise PermissionDenied("only staff search the volunteer pool")
    with uow:
        return uow.volunteers.search(specialty, availability, team_id, compound_id, offset, limit)
