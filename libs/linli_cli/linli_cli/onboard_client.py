"""`linli onboard`'s calls to the communities API: the district's check, the records (one
ApplyOnboarding) and the households in batches, several in flight, each batch's answer kept only as
tallies and the rows a report shows (100 000 rows' answers are never held at once)."""

from __future__ import annotations

import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import grpc
from linli.communities.v1 import communities_pb2 as pb
from linli.communities.v1 import communities_pb2_grpc as pb_grpc

from linli_cli.onboard_files import OnboardingFile, Row
from linli_cli.onboard_request import household_row
from linli_cli.rpc import bearer

KEPT_CHANGES = 20  # household rows whose field changes a report keeps


class DistrictMissing(ValueError):
    """The file's district is not a tenant of this deployment."""


class Onboarding:
    def __init__(self, address: str, token: str, batch_size: int = 1000, parallel: int = 2):
        self.channel = grpc.insecure_channel(address, options=[("grpc.max_send_message_length", 64 << 20)])
        self.stub = pb_grpc.CommunitiesServiceStub(self.channel)
        self.metadata = bearer(token)
        self.batch_size, self.parallel = batch_size, parallel

    def close(self) -> None:
        self.channel.close()

    def _call(self, method, request):
        return method(request, metadata=self.metadata, timeout=120)

    def check_district(self, spec: OnboardingFile) -> None:
        try:
            self._call(self.stub.GetTenant, pb.GetTenantRequest(tenant_id=spec.district.id))
        except grpc.RpcError as err:
            if err.code() != grpc.StatusCode.NOT_FOUND:
                raise
            d = spec.district
            raise DistrictMissing(
                f"区 {d.id}（{d.name}）尚未创建：请平台运维人员先用平台运维令牌运行 "
                f"`linli district create {d.id} {d.name}`，再用它打印的区管理员令牌导入本文件。"
            ) from err

    def records(
        self, request: pb.ApplyOnboardingRequest, dry_run: bool, allow_removals: bool
    ) -> pb.ApplyOnboardingResponse:
        request.request_id = uuid.uuid4().hex
        request.dry_run, request.allow_removals = dry_run, allow_removals
        return self._call(self.stub.ApplyOnboarding, request)

    def households(
        self,
        rows: list[Row],
        dry_run: bool,
        allow_removals: bool,
        spec: OnboardingFile,
        progress=None,
    ) -> tuple[Counter, list[pb.RowResult], set[int]]:
        """Every row judged (dry run) or written: the tallies, the rows worth reporting (rejected,
        removing, or updated with their field changes), and the lines of the unchanged rows."""
        batches = [rows[i : i + self.batch_size] for i in range(0, len(rows), self.batch_size)]
        planned = spec.buildings() if dry_run else []
        withdrawn = spec.buildings(archived=True) if dry_run else []

        def send(batch: list[Row]) -> tuple[Counter, list[pb.RowResult], list[int]]:
            # the messages are built per batch: 100 000 of them at once would double the peak memory
            request = pb.ImportHouseholdsRequest(
                request_id=uuid.uuid4().hex,
                dry_run=dry_run,
                allow_removals=allow_removals,
                planned_buildings=planned,
                archived_buildings=withdrawn,
                rows=[household_row(r) for r in batch],
            )
            answer = self._call(self.stub.ImportHouseholds, request)
            if progress is not None:
                progress(len(batch))
            notable = [r for r in answer.results if r.outcome == pb.ROW_OUTCOME_REJECTED or r.removes]
            changed = [r for r in answer.results if r.changes and not r.removes][:KEPT_CHANGES]
            kept = notable + changed  # a batch's first changed rows are enough to show
            same = [r.line for r in answer.results if r.outcome == pb.ROW_OUTCOME_UNCHANGED]
            return Counter(r.outcome for r in answer.results), kept, same

        outcomes: Counter = Counter()
        kept: list[pb.RowResult] = []
        unchanged: set[int] = set()
        with ThreadPoolExecutor(max_workers=self.parallel) as pool:
            for counted, worth, same in pool.map(send, batches):  # tallies and notable rows only
                outcomes.update(counted)
                kept.extend(worth)
                unchanged.update(same)
        return outcomes, kept, unchanged
