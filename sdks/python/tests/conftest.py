"""Fixtures: the running stack through the gateway (MEMBANK_URL, or the slot's
MEMBANK_GATEWAY_PORT), credentials minted by bin/membank token, and every test run with both
clients: MemBank, and AsyncMemBank driven through a small blocking adapter."""

from __future__ import annotations

import asyncio
import inspect
import os
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from membank import AsyncMemBank, MemBank

ROOT = Path(__file__).resolve().parents[3]
ALL_ROLES = "reader,writer,admin,auditor"
T = TypeVar("T")


def gateway_url() -> str:
    url = os.environ.get("MEMBANK_URL")
    if url:
        return url
    return f"http://127.0.0.1:{os.environ.get('MEMBANK_GATEWAY_PORT', '8080')}"


def mint(tenant: str, subject: str = "sdk-test", roles: str = ALL_ROLES) -> str:
    """A dev JWT from bin/membank token (the stack trusts .membank/keys)."""
    out = subprocess.run(
        [
            str(ROOT / "bin" / "membank"),
            "token",
            "--tenant",
            tenant,
            "--subject",
            subject,
            "--roles",
            roles,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return out.strip().splitlines()[-1]


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


class BlockingAsync:
    """Calls AsyncMemBank's coroutines on one event loop and returns their results, so one test
    body proves both clients; async iterators come back as lists."""

    def __init__(self, client: AsyncMemBank, loop: asyncio.AbstractEventLoop) -> None:
        self._client = client
        self._loop = loop

    def __getattr__(self, name: str) -> Any:
        target = getattr(self._client, name)
        if not callable(target):
            return target

        def call(*args: Any, **kwargs: Any) -> Any:
            out = target(*args, **kwargs)
            if inspect.isasyncgen(out):
                return iter(self._loop.run_until_complete(_collect(out)))
            if inspect.isawaitable(out):
                return self._loop.run_until_complete(out)
            return out

        return call


async def _collect(gen: Any) -> list[Any]:
    return [item async for item in gen]


@pytest.fixture(scope="session")
def tenant() -> str:
    return unique("sdk-py")


@pytest.fixture(scope="session")
def token(tenant: str) -> str:
    return mint(tenant)


@pytest.fixture(params=["sync", "async"])
def make_client(request: pytest.FixtureRequest, token: str) -> Iterator[Callable[..., Any]]:
    """make_client(**kwargs): a client of the kind under test (closed after the test)."""
    loop = asyncio.new_event_loop()
    made: list[Any] = []

    def make(**kwargs: Any) -> Any:
        kwargs.setdefault("base_url", gateway_url())
        kwargs.setdefault("token", token)
        if request.param == "sync":
            client: Any = MemBank(**kwargs)
            made.append(client)
            return client
        async_client = AsyncMemBank(**kwargs)
        made.append(async_client)
        return BlockingAsync(async_client, loop)

    yield make
    for c in made:
        if isinstance(c, MemBank):
            c.close()
        else:
            loop.run_until_complete(c.close())
    loop.close()


@pytest.fixture
def client(make_client: Callable[..., Any]) -> Any:
    return make_client()


def eventually(check: Callable[[], T | None], timeout: float = 60.0, interval: float = 0.5) -> T:
    """Retries check until it returns a truthy value without raising (the read models are
    eventually consistent: search, graph and audit consume Kafka)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = check()
            if value:
                return value
        except Exception:
            if time.monotonic() >= deadline:
                raise
        if time.monotonic() >= deadline:
            raise AssertionError(f"not true within {timeout}s: last value {value!r}")
        time.sleep(interval)
