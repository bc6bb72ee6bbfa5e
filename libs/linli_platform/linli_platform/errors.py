"""Domain errors and their one mapping to gRPC status (with google.rpc.BadRequest details)."""

from __future__ import annotations

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status
from pymongo.errors import ConnectionFailure


class DomainError(Exception):
    code: grpc.StatusCode = grpc.StatusCode.FAILED_PRECONDITION

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotFound(DomainError):
    code = grpc.StatusCode.NOT_FOUND


class AlreadyExists(DomainError):
    code = grpc.StatusCode.ALREADY_EXISTS


class FailedPrecondition(DomainError):
    code = grpc.StatusCode.FAILED_PRECONDITION


class Aborted(DomainError):
    """A concurrent change won; the caller may retry."""

    code = grpc.StatusCode.ABORTED


class PermissionDenied(DomainError):
    code = grpc.StatusCode.PERMISSION_DENIED


class Unauthenticated(DomainError):
    code = grpc.StatusCode.UNAUTHENTICATED


class InvalidArgument(DomainError):
    code = grpc.StatusCode.INVALID_ARGUMENT

    def __init__(self, violations: list[tuple[str, str]] | str, description: str | None = None):
        if isinstance(violations, str):
            violations = [(violations, description or "is invalid")]
        self.violations = violations
        summary = "; ".join(f"{field}: {desc}" for field, desc in violations)
        super().__init__(f"invalid argument: {summary}")


class Unavailable(DomainError):
    """The service cannot reach what it depends on (its database); the caller may retry (with the
    same request_id, so a write that did land is not made twice)."""

    code = grpc.StatusCode.UNAVAILABLE


def translated(exc: Exception) -> DomainError | None:
    """The domain error an infrastructure failure stands for; None for anything else (a bug)."""
    if isinstance(exc, ConnectionFailure):  # AutoReconnect, NetworkTimeout, ServerSelectionTimeoutError
        return Unavailable(f"database unreachable ({type(exc).__name__}); retry later")
    return None


def to_status(error: DomainError) -> grpc.Status:
    """The grpc.Status (with rich details) for a domain error."""
    status = status_pb2.Status(code=_CODES[error.code], message=error.message)
    if isinstance(error, InvalidArgument):
        details = error_details_pb2.BadRequest(
            field_violations=[
                error_details_pb2.BadRequest.FieldViolation(field=f, description=d)
                for f, d in error.violations
            ]
        )
        packed = any_pb2.Any()
        packed.Pack(details)
        status.details.append(packed)
    return rpc_status.to_status(status)


def field_violations(exc: grpc.RpcError) -> list[tuple[str, str]]:
    """Client side: the BadRequest field violations carried by an RpcError."""
    status = rpc_status.from_call(exc)
    found: list[tuple[str, str]] = []
    for detail in status.details if status else ():
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            found.extend((v.field, v.description) for v in bad.field_violations)
    return found


_CODES = {
    grpc.StatusCode.NOT_FOUND: code_pb2.NOT_FOUND,
    grpc.StatusCode.ALREADY_EXISTS: code_pb2.ALREADY_EXISTS,
    grpc.StatusCode.FAILED_PRECONDITION: code_pb2.FAILED_PRECONDITION,
    grpc.StatusCode.ABORTED: code_pb2.ABORTED,
    grpc.StatusCode.PERMISSION_DENIED: code_pb2.PERMISSION_DENIED,
    grpc.StatusCode.UNAUTHENTICATED: code_pb2.UNAUTHENTICATED,
    grpc.StatusCode.INVALID_ARGUMENT: code_pb2.INVALID_ARGUMENT,
    grpc.StatusCode.UNAVAILABLE: code_pb2.UNAVAILABLE,
}
