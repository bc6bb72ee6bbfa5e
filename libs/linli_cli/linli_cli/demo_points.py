"""Demo points data from seed 000 (金江公寓): the volunteer pool by specialty (水电, 绿化), and some
confirmed hours of patrols, 独居老人上门服务 and a 便民服务日 recorded from paper sign-in sheets (补录)
this month, so the statement, hours report and leaderboard show something. The catalog is the
governance configuration's (deploy/demo/hanyang/governance.yaml: 日用品, 世茂物业家政优惠券).

Idempotent: every request_id is fixed per month, so `make dev` run again changes nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import grpc
from linli.points.v1 import points_pb2 as pb
from linli.points.v1 import points_pb2_grpc as pb_grpc
from linli_platform.protos import timestamp

from linli_cli.rpc import bearer

TENANT = "hanyang"
# subject, name, specialties, teams, leads, opted in to show the name, trainings
VOLUNTEERS = [
    ("volunteer@hanyang", "马建国", ["水电"], ["shuidian"], ["shuidian"], True, ["世茂物业水电维修培训"]),
    ("vol-2@hanyang", "孙志刚", ["水电", "安保巡逻"], ["shuidian"], [], False, ["世茂物业水电维修培训"]),
    ("vol-3@hanyang", "黄秀英", ["绿化", "助老"], ["lvhua"], ["lvhua"], True, ["世茂物业绿化养护培训"]),
]
# subject, activity kind, team, day of the month, start hour (local), hours
SESSIONS = [
    ("volunteer@hanyang", "patrol", "shuidian", 1, 19, 2.0),
    ("vol-2@hanyang", "patrol", "shuidian", 1, 19, 2.0),
    ("vol-3@hanyang", "elderly_visit", "lvhua", 1, 9, 1.5),
    ("volunteer@hanyang", "service_day", "shuidian", 2, 9, 3.0),
    ("vol-3@hanyang", "service_day", "lvhua", 2, 9, 3.0),
]
AVAILABILITY = [pb.AVAILABILITY_WEEKEND, pb.AVAILABILITY_WEEKDAY_EVENING]


def load(points_address: str, tenants: list[dict], now: datetime | None = None) -> int:
    """Register the volunteers and record their sessions; returns the sessions confirmed."""
    tenant = next((t for t in tenants if t["id"] == TENANT), None)
    if tenant is None:
        return 0
    staff = bearer(tenant["tokens"]["community_staff"])
    now = (now or datetime.now(UTC)).astimezone(ZoneInfo("Asia/Shanghai"))
    month = now.strftime("%Y-%m")
    confirmed = 0
    with grpc.insecure_channel(points_address) as channel:
        stub = pb_grpc.PointsServiceStub(channel)
        for subject, name, specialties, teams, leads, show, trainings in VOLUNTEERS:
            stub.RegisterVolunteer(
                pb.RegisterVolunteerRequest(
                    request_id=f"demo-volunteer-{subject}",
                    subject=subject,
                    display_name=name,
                    specialties=specialties,
                    availability=AVAILABILITY,
                    team_ids=teams,
                    leads_team_ids=leads,
                    compound_id="jinjiang",
                    show_name=show,
                    active=True,
                    trainings=trainings,
                ),
                metadata=staff,
                timeout=10,
            )
        for n, (subject, kind, team, day, hour, hours) in enumerate(SESSIONS):
            start = now.replace(day=day, hour=hour, minute=0, second=0, microsecond=0)
            end = start + timedelta(hours=hours)
            if end > now:
                continue  # early in the month: that session has not happened yet
            key = f"demo-{month}-{n}"
            entry = stub.CheckIn(
                pb.CheckInRequest(
                    request_id=key,
                    kind=kind,
                    compound_id="jinjiang",
                    team_id=team,
                    subject=subject,
                    at=timestamp(start),
                ),
                metadata=staff,
                timeout=10,
            )
            stub.CheckOut(
                pb.CheckOutRequest(request_id=f"{key}-out", activity_id=entry.id, at=timestamp(end)),
                metadata=staff,
                timeout=10,
            )
            stub.ConfirmActivity(
                pb.ConfirmActivityRequest(
                    request_id=f"{key}-ok", activity_id=entry.id, approved=True, note="纸质签到表补录"
                ),
                metadata=staff,
                timeout=10,
            )
            confirmed += 1
    return confirmed
