-- Ingestion jobs: one per accepted POST /memories (or per conversation of a batch).
create table batches (
    id          uuid primary key,
    tenant_id   text        not null,
    user_id     text        not null,
    job_count   integer     not null,
    options     jsonb       not null,
    created_at  timestamptz not null default now()
);

create table jobs (
    id               uuid primary key,
    tenant_id        text        not null,
    user_id          text        not null,
    agent_id         text,
    session_id       text,
    batch_id         uuid references batches (id),
    idempotency_key  text,
    status           text        not null check (status in ('queued', 'processing', 'completed', 'failed')),
    progress         double precision not null default 0,
    priority         integer     not null default 5,
    request          jsonb       not null,
    result           jsonb,
    error            text,
    attempts         integer     not null default 0,
    lease_until      timestamptz,
    created_at       timestamptz not null default now(),
    started_at       timestamptz,
    completed_at     timestamptz,
    updated_at       timestamptz not null default now()
);

-- A retried POST with the same Idempotency-Key returns the same job, never a second one.
create unique index jobs_idempotency on jobs (tenant_id, idempotency_key) where idempotency_key is not null;
create index jobs_tenant_batch on jobs (tenant_id, batch_id) where batch_id is not null;
-- The sweeper looks for jobs that were never picked up or whose worker died.
create index jobs_unfinished on jobs (created_at) where status in ('queued', 'processing');

-- Memories: the current state of each fact. Contradicted ones are closed (valid_to), not erased.
create table memories (
    id                  uuid primary key,
    tenant_id           text        not null,
    user_id             text        not null,
    agent_id            text,
    session_id          text,
    content             text        not null,
    normalized_content  text        not null,
    slot                text,
    slot_value          text,
    type                text        not null,
    importance          double precision not null,
    entities            jsonb       not null default '[]',
    metadata            jsonb       not null default '{}',
    provenance          jsonb       not null default '{}',
    version             integer     not null,
    valid_from          timestamptz not null,
    valid_to            timestamptz,
    deleted_at          timestamptz,
    created_at          timestamptz not null,
    updated_at          timestamptz not null
);

create index memories_user on memories (tenant_id, user_id, created_at desc) where deleted_at is null;
create index memories_user_slot on memories (tenant_id, user_id, slot) where deleted_at is null and valid_to is null;

-- Every version of every memory, with what changed and why.
create table memory_history (
    id              bigserial primary key,
    memory_id       uuid        not null references memories (id) on delete cascade,
    tenant_id       text        not null,
    version         integer     not null,
    reason          text        not null check (reason in ('extracted', 'merged', 'contradicted', 'edited', 'deleted')),
    previous_content text,
    content         text        not null,
    metadata        jsonb       not null default '{}',
    job_id          uuid,
    actor           text        not null,
    changed_at      timestamptz not null default now(),
    unique (memory_id, version)
);
