"""Errors of the Open311 edge and their one mapping from gRPC status to HTTP status + error array."""

from __future__ import annotations

import logging

import grpc
from linli_platform.status import field_violations

log = logging.getLogger("linli.gateway.backends")


class Open311Error(Exception):
    """Answered as the spec's error array with this HTTP status."""

    def __init__(self, status: int, *descriptions: str, headers: dict[str, str] | None = None):
        super().__init__("; ".join(descriptions))
        self.status = status
        self.descriptions = list(descriptions) or ["请求无效"]
        self.headers = headers or {}


def bad_request(*descriptions: str) -> Open311Error:
    return Open311Error(400, *descriptions)


def not_found(description: str) -> Open311Error:
    return Open311Error(404, description)


def forbidden(description: str) -> Open311Error:
    return Open311Error(403, description)


_HTTP = {
    grpc.StatusCode.INVALID_ARGUMENT: 400,
    grpc.StatusCode.OUT_OF_RANGE: 400,
    grpc.StatusCode.FAILED_PRECONDITION: 400,
    grpc.StatusCode.ALREADY_EXISTS: 400,
    grpc.StatusCode.NOT_FOUND: 404,
    grpc.StatusCode.PERMISSION_DENIED: 403,
    grpc.StatusCode.UNAUTHENTICATED: 403,
    grpc.StatusCode.UNAVAILABLE: 503,
    grpc.StatusCode.DEADLINE_EXCEEDED: 503,
    grpc.StatusCode.RESOURCE_EXHAUSTED: 503,
    grpc.StatusCode.ABORTED: 503,
}
# Field paths of the tickets contract as Open311 names them.
FIELD_NAMES = {
    "description": "description",
    "compound_id": "address_id",
    "building_id": "address_id",
    "photo_urls": "media_url",
    "category": "service_code",
    "menu_item_id": "service_code",
}


def from_rpc(err: grpc.RpcError) -> Open311Error:
    code = err.code() if hasattr(err, "code") else grpc.StatusCode.UNKNOWN
    status = _HTTP.get(code, 502)
    if status == 400:
        violations = field_violations(err)
        if violations:
            return bad_request(*(f"{FIELD_NAMES.get(f.split('[')[0], f)}: {d}" for f, d in violations))
        return bad_request(err.details() or "请求无效")
    if status == 404:
        return not_found(err.details() or "未找到")
    if status == 403:
        return forbidden("无权访问")
    log.warning("backend call failed: %s %s", code.name, err.details() if hasattr(err, "details") else "")
    return Open311Error(status, "服务暂时不可用，请稍后重试")
