"""Every public operation through the gateway, with the sync and the async client."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from conftest import ALL_ROLES, eventually, gateway_url, mint, unique
from membank import (
    AuthenticationError,
    Filters,
    JobView,
    MemBank,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
    models,
)


def remember(client: Any, user: str, text: str) -> str:
    """Stores text verbatim (infer false: no extraction) and returns the memory id."""
    job = client.add(user, text, infer=False, wait=True)
    assert job.status == "completed", job
    return str(job.result.memories.added[0])


def test_add_waits_for_the_job_and_reports_its_progress(client: Any) -> None:
    user = unique("alice")
    seen: list[JobView] = []

    job = client.add(
        user,
        messages=[{"role": "user", "content": "I moved to Lisbon last month."}],
        metadata={"source": "sdk-test"},
        wait=True,
        on_progress=seen.append,
    )

    assert isinstance(job, JobView)
    assert job.status == "completed"
    assert job.progress == 1.0
    assert seen and seen[-1].status == "completed"


def test_add_without_wait_returns_the_accepted_job_and_get_job_reads_it(client: Any) -> None:
    accepted = client.add(unique("bob"), "I like green tea.", infer=False)

    assert isinstance(accepted, models.JobAccepted)
    assert accepted.status in ("queued", "processing", "completed")
    assert accepted.duplicate is False
    job = client.get_job(str(accepted.job_id))
    assert job.id == accepted.job_id


def test_get_update_history_and_delete_a_memory(client: Any) -> None:
    user = unique("carol")
    memory_id = remember(client, user, "My dentist is Dr. Silva.")

    memory = client.get(memory_id)
    assert isinstance(memory, models.MemoryView)
    assert memory.content == "My dentist is Dr. Silva."
    assert memory.user_id == user
    assert memory.version == 1
    updated = client.update(memory_id, "My dentist is Dr. Costa.", metadata={"edited": True})
    assert isinstance(updated, models.MemoryView)
    assert str(updated.id) == memory_id
    assert updated.version == 2
    assert updated.metadata == {"edited": True}
    assert client.get(memory_id).content == "My dentist is Dr. Costa."
    history = client.history(memory_id)
    assert isinstance(history, models.History)
    assert str(history.memory_id) == memory_id
    versions = history.history or []
    assert [v.content for v in versions][-1] == "My dentist is Dr. Costa."
    assert len(versions) >= 2

    client.delete(memory_id)
    with pytest.raises(NotFoundError) as missing:
        client.get(memory_id)
    assert missing.value.status == 404
    assert missing.value.request_id


def test_list_pages_through_every_memory(client: Any) -> None:
    user = unique("dave")
    ids = {remember(client, user, f"Fact number {i} about dave.") for i in range(5)}

    listed = list(client.list(user, page_size=2))

    assert all(isinstance(m, models.MemoryView) and m.user_id == user for m in listed)
    assert sorted(str(m.id) for m in listed) == sorted(ids)


def test_search_takes_filters_as_a_model_and_as_a_dict(client: Any) -> None:
    user = unique("erin")
    memory_id = remember(client, user, "Erin plays the cello on Sundays.")
    remember(client, user, "Erin works as a nurse.")

    def hits(filters: Any) -> list[str]:
        found = client.search(user, "cello", filters=filters, mode="keyword")
        assert isinstance(found, models.SearchResponse)
        return [str(h.id) for h in found.memories or []]

    assert eventually(lambda: memory_id in hits(None))
    assert memory_id in hits(Filters(created_at=models.CreatedAt(gte="2020-01-01T00:00:00Z")))
    assert memory_id in hits({"AND": [{"content": {"icontains": "cello"}}]})
    assert hits({"content": {"icontains": "trombone"}}) == []


def test_related_entities_and_graph(client: Any) -> None:
    # graph-service builds its view from memory events asynchronously: these calls prove the
    # requests and the typed answers, not how fast the graph fills.
    user = unique("frank")
    memory_id = remember(client, user, "Frank works at Acme Corp in Berlin.")

    graph = client.graph(user, limit=50)
    assert isinstance(graph, models.UserGraph)
    assert graph.user_id == user
    entities = client.entities(user, limit=10)
    assert isinstance(entities, models.EntityAnalysis)
    assert entities.user_id == user
    try:
        related = client.related(memory_id, depth=2, limit=10)
        assert isinstance(related, models.RelatedMemories)
        assert related.memory_id == memory_id
    except NotFoundError as e:  # not in the graph yet
        assert e.status == 404
    with pytest.raises(NotFoundError):
        client.related(str(uuid.uuid4()))


def test_batch_import(client: Any) -> None:
    user = unique("gina")
    batch = client.add_batch(
        user,
        [
            {"messages": [{"role": "user", "content": "I live in Porto."}]},
            {"messages": [{"role": "user", "content": "I own a cat."}]},
        ],
    )

    assert isinstance(batch, models.BatchAccepted)
    assert batch.job_count == 2
    view = client.get_batch(str(batch.batch_id))
    assert isinstance(view, models.BatchView)
    assert view.id == batch.batch_id
    assert view.user_id == user
    assert view.job_count == 2


def test_audit_events_page_and_the_chain_verifies(make_client: Any) -> None:
    # A tenant of its own: its trail is short, so paging one record at a time stays cheap.
    client = make_client(token=mint(unique("sdk-py-audit")))
    memory_id = remember(client, unique("hana"), "Hana reads audit logs.")
    client.update(memory_id, "Hana reads audit trails.")

    def paged() -> list[models.EventView] | None:
        events = list(client.audit_events(page_size=1))
        return events if len(events) >= 2 else None

    events = eventually(paged)
    assert all(isinstance(e, models.EventView) for e in events)
    assert len({e.event_id for e in events}) == len(events)
    verified = client.audit_verify()
    assert isinstance(verified, models.VerifyView)
    assert verified.ok is True
    assert (verified.records_checked or 0) >= 2


def test_whoami_governance_and_cost(client: Any, tenant: str) -> None:
    me = client.whoami()
    assert me.tenant == tenant
    assert isinstance(client.policies(), models.PolicyResponse)
    assert isinstance(client.usage(), models.UsageReport)


def test_errors_are_typed_and_carry_the_request_id(make_client: Any, tenant: str) -> None:
    bad = make_client(token="not-a-jwt", max_retries=0)
    with pytest.raises(AuthenticationError) as unauthenticated:
        bad.get(str(uuid.uuid4()))
    assert unauthenticated.value.status == 401

    reader = make_client(token=mint(tenant, roles="reader"))
    with pytest.raises(PermissionDeniedError):
        reader.add(unique("ivan"), "Readers cannot write.")

    writer = make_client()
    with pytest.raises(ValidationError) as invalid:
        writer.add("has spaces!", "Invalid user id.")
    assert invalid.value.status == 400
    assert invalid.value.request_id
    assert any("user_id" in (e.get("field") or "") for e in invalid.value.errors), invalid.value


def test_base_url_and_token_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, token: str, tenant: str
) -> None:
    monkeypatch.setenv("MEMBANK_URL", gateway_url())
    monkeypatch.setenv("MEMBANK_TOKEN", token)
    with MemBank() as client:
        assert client.whoami().tenant == tenant
    assert ALL_ROLES
