"""The one mapping of domain errors (and infrastructure failures) to gRPC status, with
google.rpc.BadRequest field violations for invalid input."""

from __future__ import annotations

import grpc
from google.protobuf import any_pb2
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status
from pymongo.errors import ConnectionFailure

from linli_platform.errors import (
    Aborted,
    Conflict,
    DomainError,
    FailedPrecondition,
    InvalidField,
    NotFound,
    PermissionDenied,
    Unauthenticated,
    Unavailable,
)

CODES: dict[type[DomainError], grpc.StatusCode] = {
    NotFound: grpc.StatusCode.NOT_FOUND,
    InvalidField: grpc.StatusCode.INVALID_ARGUMENT,
    Conflict: grpc.StatusCode.ALREADY_EXISTS,
    FailedPrecondition: grpc.StatusCode.FAILED_PRECONDITION,
    Aborted: grpc.StatusCode.ABORTED,
    PermissionDenied: grpc.StatusCode.PERMISSION_DENIED,
    Unauthenticated: grpc.StatusCode.UNAUTHENTICATED,
    Unavailable: grpc.StatusCode.UNAVAILABLE,
}


def code_of(error: DomainError) -> grpc.StatusCode:
    """The status code of a domain error (a subclass takes its nearest mapped base's)."""
    for cls in type(error).__mro__:
        code = CODES.get(cls)
        if code is not None:
            return code
    return grpc.StatusCode.FAILED_PRECONDITION  # a bare DomainError: refused, not a bug


def translated(exc: Exception) -> DomainError | None:
    """The domain error an infrastructure failure stands for; None for anything else (a bug)."""
    if isinstance(exc, ConnectionFailure):  # AutoReconnect, NetworkTimeout, ServerSelectionTimeoutError
        return Unavailable(f"database unreachable ({type(exc).__name__}); retry later")
    return None


def to_status(error: DomainError) -> grpc.Status:
    """The grpc.Status (with rich details) for a domain error."""
    status = status_pb2.Status(code=code_of(error).value[0], message=error.message)
    if isinstance(error, InvalidField):
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
