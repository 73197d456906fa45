"""Errors the hub answers with: each becomes an OperationOutcome with its HTTP status and a sentence for people."""

from __future__ import annotations

from typing import Any

from socialrx_desk.fhir.common import operation_outcome


class HubError(Exception):
    status = 500
    code = "exception"

    def __init__(
        self, diagnostics: str, *, expression: str | None = None, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(diagnostics)
        self.diagnostics = diagnostics
        self.expression = expression
        self.headers = headers or {}

    def outcome(self) -> dict[str, Any]:
        return operation_outcome(self.diagnostics, code=self.code, expression=self.expression)


class BadRequest(HubError):
    status = 400
    code = "invalid"


class Unauthorized(HubError):
    status = 401
    code = "login"

    def __init__(self, diagnostics: str) -> None:
        super().__init__(diagnostics, headers={"WWW-Authenticate": 'Bearer realm="socialrx-hub"'})


class Forbidden(HubError):
    status = 403
    code = "forbidden"


class NotFound(HubError):
    status = 404
    code = "not-found"


class MethodNotAllowed(HubError):
    status = 405
    code = "not-supported"


class NotAcceptable(HubError):
    status = 406
    code = "not-supported"


class Conflict(HubError):
    status = 409
    code = "conflict"


class Gone(HubError):
    status = 410
    code = "deleted"


class PreconditionFailed(HubError):
    status = 412
    code = "conflict"


class PayloadTooLarge(HubError):
    status = 413
    code = "too-costly"


class UnsupportedMediaType(HubError):
    status = 415
    code = "not-supported"


class Unprocessable(HubError):
    status = 422
    code = "business-rule"


class Unavailable(HubError):
    status = 503
    code = "transient"
