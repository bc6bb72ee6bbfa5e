"""`linli onboard`'s file as the requests the communities API takes, and the API's paths back to the
file's own paths and lines (so every problem the server finds is shown where the file has it)."""

from __future__ import annotations

from linli.communities.v1 import communities_pb2 as pb

from linli_cli.onboard_files import OnboardingFile, Row

TENURES = {"owner": pb.TENURE_OWNER, "renter": pb.TENURE_RENTER, "": pb.TENURE_UNSPECIFIED}
KINDS = {
    "committee": pb.ORGANISATION_KIND_COMMITTEE,
    "council": pb.ORGANISATION_KIND_COUNCIL,
    "self_management_team": pb.ORGANISATION_KIND_SELF_MANAGEMENT_TEAM,
    "cooperative": pb.ORGANISATION_KIND_COOPERATIVE,
    "volunteer_team": pb.ORGANISATION_KIND_VOLUNTEER_TEAM,
}
POSITIONS = {
    "chair": pb.MEMBER_POSITION_CHAIR,
    "vice_chair": pb.MEMBER_POSITION_VICE_CHAIR,
    "member": pb.MEMBER_POSITION_MEMBER,
}


def records_request(spec: OnboardingFile) -> tuple[pb.ApplyOnboardingRequest, dict[str, str]]:
    """The file's records as one ApplyOnboarding request, and each request path → its file path."""
    request = pb.ApplyOnboardingRequest()
    where: dict[str, str] = {}

    def add(kind: str, message, at: str) -> None:
        repeated = getattr(request, kind)
        repeated.append(message)
        where[f"{kind}[{len(repeated) - 1}]"] = at

    for i, community in enumerate(spec.communities):
        at = f"communities[{i}]"
        add(
            "communities",
            pb.OnboardCommunity(community_id=community.id, **community.given("name", "street", "archived")),
            at,
        )
        for j, compound in enumerate(community.compounds):
            cat = f"{at}.compounds[{j}]"
            add(
                "compounds",
                pb.OnboardCompound(
                    compound_id=compound.id,
                    community_id=community.id,
                    **compound.given("name", "address", "archived"),
                ),
                cat,
            )
            for k, b in enumerate(compound.buildings):
                given = b.given("name", "leader_subject", "leader_name", "archived")
                building = pb.OnboardBuilding(compound_id=compound.id, building_id=b.id, **given)
                add("buildings", building, f"{cat}.buildings[{k}]")
    for i, firm in enumerate(spec.property_firms):
        at = f"property_firms[{i}]"
        add("property_firms", pb.OnboardFirm(org_id=firm.id, **firm.given("name", "contact")), at)
        for j, c in enumerate(firm.contracts):
            given = c.given("starts_on", "ends_on", "contact", "active")
            if c.archived:
                given["active"] = False
            contract = pb.OnboardContract(org_id=firm.id, compound_id=c.compound, **given)
            if "services" in c.model_fields_set:
                contract.services.values.extend(c.services or [])
            add("contracts", contract, f"{at}.contracts[{j}]")
    for i, org in enumerate(spec.organisations):
        given = org.given("name", "archived")
        if "community" in org.model_fields_set:
            given["community_id"] = org.community or ""
        message = pb.OnboardOrganisation(org_id=org.id, kind=KINDS[org.kind], **given)
        if "compounds" in org.model_fields_set:
            message.compound_ids.values.extend(org.compounds or [])
        if "specialties" in org.model_fields_set:
            message.specialties.values.extend(org.specialties or [])
        if "members" in org.model_fields_set:
            message.members.values.extend(
                pb.Member(
                    subject=m.subject,
                    name=m.name,
                    position=POSITIONS[m.position],
                    party_member=m.party_member,
                    title=m.title,
                )
                for m in org.members or []
            )
        add("organisations", message, f"organisations[{i}]")
    return request, where


def file_path(where: dict[str, str], request_path: str) -> str:
    """`buildings[3].name` → `communities[0].compounds[1].buildings[2].name` (the file's own path)."""
    head, dot, rest = request_path.partition(".")
    mapped = where.get(head)
    if mapped is None:
        return request_path
    if rest.startswith("compound_ids"):
        rest = rest.replace("compound_ids", "compounds", 1)
    elif rest == "community_id" and head.startswith("organisations"):
        rest = "community"
    elif rest == "compound_id" and head.startswith("contracts"):
        rest = "compound"
    elif rest in ("compound_id", "community_id", "org_id"):
        rest = ""  # given by the nesting: the record itself is the place
    return mapped + (f".{rest}" if rest else "")


def household_row(r: Row) -> pb.HouseholdRow:
    return pb.HouseholdRow(
        line=r.line,
        compound_id=r.compound_id,
        building_id=r.building_id,
        household_id=r.household_id,
        label=r.label,
        area_centi_m2=r.area_centi_m2,
        residents=residents(r.residents),
        archive=r.archive,
    )


def residents(people: list[tuple[str, str, str, str]]) -> list[pb.Resident]:
    """(name, phone, owner | renter | "", subject), as onboard_files reads them, as the API's residents."""
    return [pb.Resident(name=n, phone=p, tenure=TENURES.get(t, 0), subject=s) for n, p, t, s in people]


def archive_rows(spec: OnboardingFile) -> list[Row]:
    """The households the file archives, numbered -1, -2, … (their place is archive.households[i])."""
    rows = []
    for i, key in enumerate(spec.archive.households):
        compound, _, household = key.partition("/")
        rows.append(Row(-(i + 1), compound, "", household, "", 0, archive=True))
    return rows


def nearest_line(spec: OnboardingFile, path: str) -> int | None:
    """The line of `path` in the file, or of the nearest record or list that holds it."""
    while path:
        line = spec.line(path)
        if line:
            return line
        path = path.rsplit(".", 1)[0] if "." in path else path.rsplit("[", 1)[0] if "[" in path else ""
    return None
