"""The MemBankError hierarchy, built from the API's RFC 7807 problem+json answers."""

from __future__ import annotations

from typing import Any

import httpx


class MemBankError(Exception):
    """Base of every error the SDK raises."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        problem: dict[str, Any] | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.problem: dict[str, Any] = problem or {}
        self.request_id = request_id

    @property
    def type(self) -> str | None:
        """The problem's stable type URI, when the server sent one."""
        value = self.problem.get("type")
        return value if isinstance(value, str) else None

    @property
    def errors(self) -> list[dict[str, Any]]:
        """Per-field errors (field, message) of a 400."""
        value = self.problem.get("errors")
        return [e for e in value if isinstance(e, dict)] if isinstance(value, list) else []


class APIConnectionError(MemBankError):
    """The server could not be reached, or did not answer in time, after every retry."""


class ValidationError(MemBankError):
    """400 or 422: the request was refused as invalid; `errors` names the fields."""


class AuthenticationError(MemBankError):
    """401: missing, expired or invalid credential."""


class PermissionDeniedError(MemBankError):
    """403: the credential lacks the role, or names another tenant."""


class NotFoundError(MemBankError):
    """404: no such resource in the caller's tenant."""


class ConflictError(MemBankError):
    """409: the resource's state does not allow the change."""


class RateLimitError(MemBankError):
    """429: the tenant's rate limit; `retry_after` is the server's Retry-After in seconds."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ServerError(MemBankError):
    """5xx: the server failed or is unavailable."""


def retry_after_seconds(response: httpx.Response) -> float | None:
    """Retry-After as seconds (the API sends delta-seconds), or None."""
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def error_from_response(response: httpx.Response) -> MemBankError:
    """The typed error for a non-2xx response."""
    problem: dict[str, Any] = {}
    try:
        body = response.json()
        if isinstance(body, dict):
            problem = body
    except ValueError:
        pass
    status = response.status_code
    request_id = response.headers.get("X-Request-Id") or _str(problem.get("request_id"))
    detail = _str(problem.get("detail")) or _str(problem.get("title")) or response.reason_phrase
    message = f"{status} {detail}" + (f" (request id {request_id})" if request_id else "")
    kwargs: dict[str, Any] = {"status": status, "problem": problem, "request_id": request_id}
    if status == 429:
        return RateLimitError(message, retry_after=retry_after_seconds(response), **kwargs)
    kind: type[MemBankError] = MemBankError
    if status in (400, 422):
        kind = ValidationError
    elif status == 401:
        kind = AuthenticationError
    elif status == 403:
        kind = PermissionDeniedError
    elif status == 404:
        kind = NotFoundError
    elif status == 409:
        kind = ConflictError
    elif status >= 500:
        kind = ServerError
    return kind(message, **kwargs)


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
