"""What the sync and async clients share: settings, the operations as plain requests, the
retry rules and response parsing. The clients only send (httpx.Client / httpx.AsyncClient)
and sleep (time / asyncio)."""

from __future__ import annotations

import json
import os
import random
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, TypeVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel

from . import models
from .errors import error_from_response, retry_after_seconds

T = TypeVar("T")
JSON = dict[str, Any]
FiltersArg = models.Filters | Mapping[str, Any] | None

DEFAULT_URL = "http://127.0.0.1:8080"
# Terminal states of an ingestion job (memory-service JobEntity).
JOB_DONE = frozenset({"completed", "failed"})
RETRY_STATUSES = frozenset({429, 502, 503, 504})


@dataclass(frozen=True)
class Settings:
    """Where and how the client talks to MemBank."""

    base_url: str
    token: str | None
    timeout: float
    max_retries: int
    backoff: float
    max_backoff: float

    @staticmethod
    def of(
        base_url: str | None,
        token: str | None,
        timeout: float,
        max_retries: int,
        backoff: float,
        max_backoff: float,
    ) -> Settings:
        url = base_url or os.environ.get("MEMBANK_URL") or DEFAULT_URL
        if max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        return Settings(
            base_url=url.rstrip("/"),
            token=token or os.environ.get("MEMBANK_TOKEN"),
            timeout=timeout,
            max_retries=max_retries,
            backoff=backoff,
            max_backoff=max_backoff,
        )

    def headers(self) -> dict[str, str]:
        headers = {"Accept": "application/json", "User-Agent": "membank-python"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers


@dataclass(frozen=True)
class Call(Generic[T]):
    """One operation: the request and how to read its answer. idempotent: safe to send again
    after an ambiguous failure (GET/PUT/DELETE, search, an add with its Idempotency-Key)."""

    method: str
    path: str
    parse: Callable[[httpx.Response], T]
    params: Mapping[str, Any] = field(default_factory=dict)
    body: Any = None
    headers: Mapping[str, str] = field(default_factory=dict)
    idempotent: bool = True

    def query(self) -> dict[str, Any]:
        return {k: _wire(v) for k, v in self.params.items() if v is not None}


def retry_delay(settings: Settings, attempt: int, response: httpx.Response | None) -> float:
    """Seconds before attempt+1: the server's Retry-After when it gave one, else exponential
    back-off with full jitter, capped by max_backoff."""
    if response is not None:
        after = retry_after_seconds(response)
        if after is not None:
            return after + random.uniform(0, settings.backoff)
    ceiling = min(settings.max_backoff, settings.backoff * (2**attempt))
    return random.uniform(0, ceiling)


def should_retry(
    call: Call[Any], attempt: int, settings: Settings, response: httpx.Response
) -> bool:
    if attempt >= settings.max_retries or response.status_code not in RETRY_STATUSES:
        return False
    # 429 is refused before anything happens; a 502/504 may have been processed.
    return response.status_code == 429 or call.idempotent


def should_retry_error(call: Call[Any], attempt: int, settings: Settings, error: Exception) -> bool:
    if attempt >= settings.max_retries:
        return False
    return call.idempotent or isinstance(error, httpx.ConnectError)


def result(call: Call[T], response: httpx.Response) -> T:
    if response.status_code >= 400:
        raise error_from_response(response)
    return call.parse(response)


def _wire(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, BaseModel):
        return json.dumps(value.model_dump(mode="json", by_alias=True, exclude_none=True))
    if isinstance(value, Mapping):
        return json.dumps(dict(value))
    return value


def _none(_: httpx.Response) -> None:
    return None


def _model(kind: type[T]) -> Callable[[httpx.Response], T]:
    def parse(response: httpx.Response) -> T:
        return kind.model_validate_json(response.content)  # type: ignore[attr-defined,no-any-return]

    return parse


def _body(**fields: Any) -> JSON:
    out: JSON = {}
    for key, value in fields.items():
        if value is None:
            continue
        if isinstance(value, BaseModel):
            value = value.model_dump(mode="json", by_alias=True, exclude_none=True)
        elif isinstance(value, list):
            value = [
                v.model_dump(mode="json", by_alias=True, exclude_none=True)
                if isinstance(v, BaseModel)
                else v
                for v in value
            ]
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        out[key] = value
    return out


MessageArg = models.Message | Mapping[str, Any]


class Operations:
    """Every public operation as a Call; one place for paths, parameters and result types."""

    @staticmethod
    def add(
        user_id: str,
        content: str | None,
        messages: list[MessageArg] | None,
        idempotency_key: str | None,
        **extra: Any,
    ) -> Call[models.JobAccepted]:
        body = _body(user_id=user_id, content=content, messages=messages, **extra)
        # Always a key: a retried add returns the same job instead of creating a second one.
        key = idempotency_key or str(uuid.uuid4())
        return Call(
            "POST",
            "/api/v1/memories",
            _model(models.JobAccepted),
            body=body,
            headers={"Idempotency-Key": key},
        )

    @staticmethod
    def add_batch(
        user_id: str, conversations: list[Any], options: Any
    ) -> Call[models.BatchAccepted]:
        body = _body(user_id=user_id, conversations=conversations, options=options)
        return Call(
            "POST",
            "/api/v1/memories/batch",
            _model(models.BatchAccepted),
            body=body,
            idempotent=False,
        )

    @staticmethod
    def get_batch(batch_id: str) -> Call[models.BatchView]:
        return Call("GET", f"/api/v1/batches/{_seg(batch_id)}", _model(models.BatchView))

    @staticmethod
    def get_job(job_id: str) -> Call[models.JobView]:
        return Call("GET", f"/api/v1/jobs/{_seg(job_id)}", _model(models.JobView))

    @staticmethod
    def list_page(user_id: str, params: Mapping[str, Any]) -> Call[models.MemoryPage]:
        return Call(
            "GET",
            f"/api/v1/users/{_seg(user_id)}/memories",
            _model(models.MemoryPage),
            params=params,
        )

    @staticmethod
    def get(memory_id: str) -> Call[models.MemoryView]:
        return Call("GET", f"/api/v1/memories/{_seg(memory_id)}", _model(models.MemoryView))

    @staticmethod
    def update(
        memory_id: str, content: str, metadata: Mapping[str, Any] | None
    ) -> Call[models.MemoryView]:
        body = _body(content=content, metadata=None if metadata is None else dict(metadata))
        return Call(
            "PUT", f"/api/v1/memories/{_seg(memory_id)}", _model(models.MemoryView), body=body
        )

    @staticmethod
    def delete(memory_id: str) -> Call[None]:
        return Call("DELETE", f"/api/v1/memories/{_seg(memory_id)}", _none)

    @staticmethod
    def delete_all(user_id: str) -> Call[models.DeletedCount | None]:
        return Call("DELETE", f"/api/v1/users/{_seg(user_id)}/memories", _deleted_count)

    @staticmethod
    def history(memory_id: str) -> Call[models.History]:
        return Call("GET", f"/api/v1/memories/{_seg(memory_id)}/history", _model(models.History))

    @staticmethod
    def search(
        user_id: str, query: str, filters: FiltersArg, **extra: Any
    ) -> Call[models.SearchResponse]:
        if isinstance(filters, Mapping):
            filters = dict(filters)
        body = _body(user_id=user_id, query=query, filters=filters, **extra)
        return Call("POST", "/api/v1/memories/search", _model(models.SearchResponse), body=body)

    @staticmethod
    def related(
        memory_id: str, depth: int | None, limit: int | None
    ) -> Call[models.RelatedMemories]:
        return Call(
            "GET",
            f"/api/v1/memories/{_seg(memory_id)}/related",
            _model(models.RelatedMemories),
            params={"depth": depth, "limit": limit},
        )

    @staticmethod
    def entities(user_id: str, limit: int | None) -> Call[models.EntityAnalysis]:
        return Call(
            "GET",
            f"/api/v1/users/{_seg(user_id)}/entities",
            _model(models.EntityAnalysis),
            params={"limit": limit},
        )

    @staticmethod
    def graph(user_id: str, limit: int | None) -> Call[models.UserGraph]:
        return Call(
            "GET",
            f"/api/v1/users/{_seg(user_id)}/graph",
            _model(models.UserGraph),
            params={"limit": limit},
        )

    @staticmethod
    def audit_events_page(params: Mapping[str, Any]) -> Call[models.EventPage]:
        return Call("GET", "/api/v1/audit/events", _model(models.EventPage), params=params)

    @staticmethod
    def audit_verify(
        start: str | None, end: str | None, tenant: str | None
    ) -> Call[models.VerifyView]:
        params = {"from": start, "to": end, "tenant": tenant}
        return Call("GET", "/api/v1/audit/verify", _model(models.VerifyView), params=params)

    @staticmethod
    def whoami() -> Call[models.WhoAmI]:
        return Call("GET", "/api/v1/memory/whoami", _model(models.WhoAmI))

    @staticmethod
    def usage(params: Mapping[str, Any]) -> Call[models.UsageReport]:
        return Call("GET", "/api/v1/cost/usage", _model(models.UsageReport), params=params)

    @staticmethod
    def policies() -> Call[models.PolicyResponse]:
        return Call("GET", "/api/v1/governance/policies", _model(models.PolicyResponse))


def _deleted_count(response: httpx.Response) -> models.DeletedCount | None:
    return models.DeletedCount.model_validate_json(response.content) if response.content else None


def _seg(value: str) -> str:
    """A path segment, percent-encoded (ids never carry '/', but a caller's typo must not
    change the path)."""
    return quote(str(value), safe="")


def next_cursor(page: models.MemoryPage | models.EventPage) -> str | None:
    return page.next_cursor or None


def progress_changed(previous: models.JobView | None, job: models.JobView) -> bool:
    return previous is None or previous.progress != job.progress or previous.status != job.status


def iso(value: datetime | str | None) -> str | None:
    return value.isoformat() if isinstance(value, datetime) else value


def from_alias(params: Mapping[str, Any]) -> dict[str, Any]:
    """from_ (a Python keyword) → from; datetimes → ISO-8601."""
    return {
        ("from" if k == "from_" else k): iso(v) if isinstance(v, datetime) else v
        for k, v in params.items()
    }
