"""Retries against the real server: the tenant's write rate limit (429 + Retry-After), and an
add whose first response is lost on the way back (a local proxy drops it)."""

from __future__ import annotations

import asyncio
import http.server
import threading
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from conftest import gateway_url, mint, unique
from membank import AsyncMemBank, MemBank, RateLimitError, models

# memory-service's default write limit (membank.rate-limit.write-per-minute) is 1200 per
# tenant and minute; the burst below sends writes until the server answers 429.
BURST_LIMIT = 5000


async def exhaust_write_limit(token: str) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    limited = asyncio.Event()
    sent = 0

    async def worker(http: httpx.AsyncClient) -> None:
        nonlocal sent
        while not limited.is_set() and sent < BURST_LIMIT:
            sent += 1
            # A write of a memory that does not exist: counted by the limiter, changes nothing.
            r = await http.delete(f"/api/v1/memories/{uuid.uuid4()}", headers=headers)
            if r.status_code == 429:
                limited.set()

    async with httpx.AsyncClient(base_url=gateway_url(), timeout=30) as http:
        await asyncio.gather(*(worker(http) for _ in range(16)))
    assert limited.is_set(), f"no 429 after {sent} writes"


def test_a_rate_limited_add_is_retried_after_retry_after_by_both_clients() -> None:
    tenant = unique("sdk-py-429")
    token = mint(tenant)
    asyncio.run(exhaust_write_limit(token))

    with MemBank(gateway_url(), token, max_retries=0) as impatient:
        with pytest.raises(RateLimitError) as refused:
            impatient.add(unique("kim"), "Refused while limited.", infer=False)
    retry_after = refused.value.retry_after
    assert retry_after is not None and 0 < retry_after <= 60

    async def both() -> tuple[models.JobAccepted, models.JobAccepted]:
        def sync_add() -> models.JobAccepted:
            with MemBank(gateway_url(), token, max_retries=3) as client:
                return client.add(unique("kim"), "Accepted after the window.", infer=False)

        async with AsyncMemBank(gateway_url(), token, max_retries=3) as client:
            return await asyncio.gather(
                asyncio.to_thread(sync_add),
                client.add(unique("lee"), "Accepted after the window, async.", infer=False),
            )

    from_sync, from_async = asyncio.run(both())
    assert from_sync.job_id and from_async.job_id


class DropFirstAdd(http.server.BaseHTTPRequestHandler):
    """Forwards to the gateway; for the first POST /api/v1/memories it forwards the request
    (the server accepts it) and then closes the connection without answering."""

    dropped: list[dict[str, Any]]
    forwarded: list[str]

    def do_GET(self) -> None:
        self._forward()

    def do_POST(self) -> None:
        self._forward()

    def _forward(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
        upstream = httpx.request(
            self.command, gateway_url() + self.path, content=body, headers=headers, timeout=30
        )
        self.forwarded.append(f"{self.command} {self.path}")
        if self.command == "POST" and self.path == "/api/v1/memories" and not self.dropped:
            self.dropped.append(upstream.json())
            self.close_connection = True
            return  # no response at all: the client sees the connection close
        self.send_response(upstream.status_code)
        for k, v in upstream.headers.items():
            if k.lower() not in (
                "transfer-encoding",
                "connection",
                "content-encoding",
                "content-length",
            ):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(upstream.content)))
        self.end_headers()
        self.wfile.write(upstream.content)

    def log_message(self, *_: Any) -> None:
        pass


@pytest.fixture
def proxy() -> Iterator[tuple[str, type[DropFirstAdd]]]:
    handler = type("Handler", (DropFirstAdd,), {"dropped": [], "forwarded": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", handler
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_retried_add_yields_exactly_one_job_and_one_memory(
    kind: str, proxy: tuple[str, type[DropFirstAdd]]
) -> None:
    url, handler = proxy
    token = mint(unique("sdk-py-idem"))
    user = unique("max")

    if kind == "sync":
        with MemBank(url, token, backoff=0.1) as client:
            accepted = client.add(user, "Max keeps bees.", infer=False)
            job = client.wait_for_job(str(accepted.job_id))
            memories = list(client.list(user))
    else:

        async def run() -> tuple[models.JobAccepted, Any, list[models.MemoryView]]:
            async with AsyncMemBank(url, token, backoff=0.1) as client:
                accepted = await client.add(user, "Max keeps bees.", infer=False)
                job = await client.wait_for_job(str(accepted.job_id))
                return accepted, job, [m async for m in client.list(user)]

        accepted, job, memories = asyncio.run(run())

    assert handler.forwarded.count("POST /api/v1/memories") == 2, handler.forwarded
    first = handler.dropped[0]
    assert str(accepted.job_id) == first["job_id"]
    assert accepted.duplicate is True
    assert job.status == "completed"
    assert [m.content for m in memories] == ["Max keeps bees."]
