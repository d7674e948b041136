-- Crypto-shredding (issue 17): one data key per (tenant, subject), wrapped (AES-256-GCM) under the
-- service's master key. Personal fields of audit records are sealed under these keys before they
-- are hashed; erasing a subject deletes its row, which leaves the chain verifiable and the
-- subject's fields unreadable. The only table of the trail whose rows are deleted.
create table subject_key (
    tenant_id   text        not null,
    subject     text        not null,
    -- Stored with what it sealed: names no one, and finds no key once the row is gone.
    key_id      uuid        not null unique,
    wrapped     bytea       not null,
    created_at  timestamptz not null,
    primary key (tenant_id, subject)
);

-- Transactional outbox for the erasure confirmations (governance.results). The DDL is
-- platform/outbox's db/outbox/V0_1__outbox.sql: that location cannot be used here, because V3
-- of this service drops a table named outbox, which would drop it again on a fresh database.
create table outbox (
    id            uuid primary key,
    topic         text        not null,
    message_key   text        not null,
    event_type    text        not null,
    payload       jsonb       not null,
    created_at    timestamptz not null default now(),
    published_at  timestamptz,
    attempts      integer     not null default 0,
    last_error    text,
    traceparent   text
);

create index outbox_unpublished on outbox (created_at) where published_at is null;

do $$
declare
    runtime text := '${runtime_role}';
begin
    if runtime not in ('', 'none') and runtime <> current_user
       and exists (select 1 from pg_roles where rolname = runtime) then
        execute format('grant select, insert, delete on subject_key to %I', runtime);
        execute format('grant select, insert, update, delete on outbox to %I', runtime);
    end if;
end
$$;
