"""Domain errors by meaning. Pure Python: no grpc, no driver — domain code raises these, and the
chassis alone (linli_platform.status) maps them to gRPC status codes and google.rpc.BadRequest."""

from __future__ import annotations


class DomainError(Exception):
    """A refusal the caller can understand and act on (never a bug)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotFound(DomainError):
    """No such thing for this caller (another tenant's id answers this too, never 'forbidden')."""


class InvalidField(DomainError):
    """Input that breaks a rule, naming each field by its path and the reason."""

    def __init__(self, violations: list[tuple[str, str]] | str, reason: str | None = None):
        if isinstance(violations, str):
            violations = [(violations, reason or "is invalid")]
        self.violations = violations
        summary = "; ".join(f"{path}: {why}" for path, why in violations)
        super().__init__(f"invalid argument: {summary}")


class Conflict(DomainError):
    """The thing exists already in another form: a taken key, or a request_id used for other content."""


class FailedPrecondition(DomainError):
    """Not possible in the current state (the message names it)."""


class Aborted(DomainError):
    """A concurrent change won; the caller may retry (with the same request_id)."""


class PermissionDenied(DomainError):
    """The caller's role or organisation may not do this."""


class Unauthenticated(DomainError):
    """No valid token."""


class Unavailable(DomainError):
    """A dependency (the database) is unreachable; the caller may retry with the same request_id,
    so a write that did land is not made twice."""
