"""MemBank: the synchronous client (httpx.Client)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import Any, Literal, TypeVar, overload

import httpx

from . import models
from ._core import (
    JOB_DONE,
    Call,
    FiltersArg,
    MessageArg,
    Operations,
    Settings,
    from_alias,
    iso,
    next_cursor,
    progress_changed,
    result,
    retry_delay,
    should_retry,
    should_retry_error,
)
from .errors import APIConnectionError

T = TypeVar("T")
ProgressCallback = Callable[[models.JobView], None]


class MemBank:
    """Synchronous MemBank client. Base URL and token from the arguments or MEMBANK_URL /
    MEMBANK_TOKEN; retries network errors, 429 (after Retry-After) and 502/503/504."""

    def __init__(
        self,
        base_url: str | None = None,
        token: str | None = None,
        *,
        timeout: float = 30.0,
        max_retries: int = 3,
        backoff: float = 0.5,
        max_backoff: float = 30.0,
        http_client: httpx.Client | None = None,
    ) -> None:
        self.settings = Settings.of(base_url, token, timeout, max_retries, backoff, max_backoff)
        self._http = http_client or httpx.Client(timeout=timeout)
        self._owns_http = http_client is None

    def __enter__(self) -> MemBank:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    # ------------------------------------------------------------------ memories

    @overload
    def add(
        self,
        user_id: str,
        content: str | None = None,
        *,
        messages: list[MessageArg] | None = None,
        wait: Literal[False] = False,
        idempotency_key: str | None = None,
        on_progress: ProgressCallback | None = None,
        wait_timeout: float = 120.0,
        **options: Any,
    ) -> models.JobAccepted: ...

    @overload
    def add(
        self,
        user_id: str,
        content: str | None = None,
        *,
        messages: list[MessageArg] | None = None,
        wait: Literal[True],
        idempotency_key: str | None = None,
        on_progress: ProgressCallback | None = None,
        wait_timeout: float = 120.0,
        **options: Any,
    ) -> models.JobView: ...

    def add(
        self,
        user_id: str,
        content: str | None = None,
        *,
        messages: list[MessageArg] | None = None,
        wait: bool = False,
        idempotency_key: str | None = None,
        on_progress: ProgressCallback | None = None,
        wait_timeout: float = 120.0,
        **options: Any,
    ) -> models.JobAccepted | models.JobView:
        """Adds memories from content or messages (options: agent_id, session_id, metadata,
        infer, timestamp, expires_at, custom_id, context). Returns the accepted job
        (models.JobAccepted); with wait=True, the finished job (models.JobView)."""
        accepted = self._run(Operations.add(user_id, content, messages, idempotency_key, **options))
        if not wait:
            return accepted
        return self.wait_for_job(
            str(accepted.job_id), on_progress=on_progress, timeout=wait_timeout
        )

    def add_batch(
        self, user_id: str, conversations: list[Any], options: Any = None
    ) -> models.BatchAccepted:
        """Imports many conversations of a user, one job each (batch_id, job_count)."""
        return self._run(Operations.add_batch(user_id, conversations, options))

    def get_batch(self, batch_id: str) -> models.BatchView:
        return self._run(Operations.get_batch(batch_id))

    def get_job(self, job_id: str) -> models.JobView:
        return self._run(Operations.get_job(job_id))

    def wait_for_job(
        self,
        job_id: str,
        *,
        on_progress: ProgressCallback | None = None,
        timeout: float = 120.0,
        poll_interval: float = 0.25,
    ) -> models.JobView:
        """Polls the job until it is completed or failed; on_progress sees every change."""
        deadline = time.monotonic() + timeout
        previous: models.JobView | None = None
        while True:
            job = self.get_job(job_id)
            if on_progress is not None and progress_changed(previous, job):
                on_progress(job)
            previous = job
            if job.status in JOB_DONE:
                return job
            if time.monotonic() >= deadline:
                raise TimeoutError(f"job {job_id} still {job.status} after {timeout}s")
            time.sleep(poll_interval)

    def list(
        self,
        user_id: str,
        *,
        page_size: int = 20,
        filters: FiltersArg = None,
        **params: Any,
    ) -> Iterator[models.MemoryView]:
        """Every memory of the user, newest first, fetched page by page (cursor paging).
        params: agent_id, session_id, include_invalidated, as_of, sort_order."""
        query: dict[str, Any] = {"limit": page_size, "filters": filters, **params}
        while True:
            page = self._run(Operations.list_page(user_id, query))
            yield from page.memories or []
            cursor = next_cursor(page)
            if cursor is None:
                return
            query["cursor"] = cursor

    def get(self, memory_id: str) -> models.MemoryView:
        return self._run(Operations.get(memory_id))

    def update(
        self, memory_id: str, content: str, metadata: Mapping[str, Any] | None = None
    ) -> models.MemoryView:
        """Edits a memory (a new version)."""
        return self._run(Operations.update(memory_id, content, metadata))

    def delete(self, memory_id: str) -> None:
        self._run(Operations.delete(memory_id))

    def delete_all(self, user_id: str) -> models.DeletedCount | None:
        """Deletes every memory of a user (admin)."""
        return self._run(Operations.delete_all(user_id))

    def history(self, memory_id: str) -> models.History:
        return self._run(Operations.history(memory_id))

    def search(
        self, user_id: str, query: str, *, filters: FiltersArg = None, **options: Any
    ) -> models.SearchResponse:
        """Hybrid search; filters as models.Filters or a dict. options: limit, top_k, threshold,
        mode, as_of, include_invalidated, sort_by, sort_order."""
        return self._run(Operations.search(user_id, query, filters, **options))

    # ------------------------------------------------------------------ graph

    def related(
        self, memory_id: str, *, depth: int | None = None, limit: int | None = None
    ) -> models.RelatedMemories:
        return self._run(Operations.related(memory_id, depth, limit))

    def entities(self, user_id: str, *, limit: int | None = None) -> models.EntityAnalysis:
        return self._run(Operations.entities(user_id, limit))

    def graph(self, user_id: str, *, limit: int | None = None) -> models.UserGraph:
        return self._run(Operations.graph(user_id, limit))

    # ------------------------------------------------------------------ audit, governance, cost

    def audit_events(self, *, page_size: int = 50, **params: Any) -> Iterator[models.EventView]:
        """The tenant's audit records, newest first, page by page. params: action, actor,
        compliance, event_type, from_, to, min_risk, outcome, resource_id, resource_type, risk."""
        query: dict[str, Any] = {"limit": page_size, **from_alias(params)}
        while True:
            page = self._run(Operations.audit_events_page(query))
            yield from page.events or []
            cursor = next_cursor(page)
            if cursor is None:
                return
            query["cursor"] = cursor

    def audit_verify(
        self,
        *,
        start: datetime | str | None = None,
        end: datetime | str | None = None,
        tenant: str | None = None,
    ) -> models.VerifyView:
        """Walks the audit chain and reports whether it holds (ok) or its first broken link."""
        return self._run(Operations.audit_verify(iso(start), iso(end), tenant))

    def whoami(self) -> models.WhoAmI:
        return self._run(Operations.whoami())

    def usage(self, **params: Any) -> models.UsageReport:
        """Model usage and cost (cost-service)."""
        return self._run(Operations.usage(from_alias(params)))

    def policies(self) -> models.PolicyResponse:
        """The tenant's privacy policy (governance-service)."""
        return self._run(Operations.policies())

    # ------------------------------------------------------------------ transport

    def _run(self, call: Call[T]) -> T:
        attempt = 0
        headers = {**self.settings.headers(), **call.headers}
        while True:
            try:
                response = self._http.request(
                    call.method,
                    self.settings.base_url + call.path,
                    params=call.query(),
                    json=call.body,
                    headers=headers,
                    timeout=self.settings.timeout,
                )
            except httpx.TransportError as e:
                if not should_retry_error(call, attempt, self.settings, e):
                    raise APIConnectionError(f"{call.method} {call.path}: {e}") from e
                time.sleep(retry_delay(self.settings, attempt, None))
                attempt += 1
                continue
            if should_retry(call, attempt, self.settings, response):
                time.sleep(retry_delay(self.settings, attempt, response))
                attempt += 1
                continue
            return result(call, response)
