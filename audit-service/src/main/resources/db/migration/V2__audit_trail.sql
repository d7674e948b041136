-- The audit trail: one hash chain per tenant, append-only, with signed checkpoints; alerts and
-- their deliveries; compliance reports with their content hashes.
--
-- Append-only is enforced twice:
--   1. triggers that refuse UPDATE, DELETE and TRUNCATE for every role, superusers included
--      (ENABLE ALWAYS: they fire even under session_replication_role = replica), and the
--      owner's own UPDATE/DELETE/TRUNCATE privileges on the chain revoked;
--   2. grants: when Flyway runs as a separate owner role (quarkus.flyway.username), the
--      service's runtime role gets SELECT and INSERT only, so it can neither change rows nor
--      drop the triggers. With a single role (the local devstack), (1) still holds for the
--      service's connection.
-- Tampering by a superuser is not prevented but detected: hash chain + HMAC-signed checkpoints.

create table audit_record (
    tenant_id         text        not null,
    seq               bigint      not null,
    event_id          text        not null,
    event_type        text        not null,
    occurred_at       timestamptz not null,
    recorded_at       timestamptz not null,
    service           text        not null,
    actor_type        text        not null,
    actor_id          text,
    action            text        not null,
    resource_type     text        not null,
    resource_id       text,
    resource_owner_id text,
    outcome           text        not null,
    risk              text        not null,
    risk_rank         smallint    not null,
    compliance        text[]      not null,
    -- Canonical JSON of the whole record (the columns above are its searchable copy).
    body              text        not null,
    -- hash = sha256(prev_hash || body), hex; the first record of a tenant chains to 64 zeros.
    prev_hash         text        not null,
    hash              text        not null,
    primary key (tenant_id, seq),
    -- Idempotent intake: the CloudEvent id is stored once per tenant.
    unique (tenant_id, event_id)
);

create index audit_record_occurred on audit_record (tenant_id, occurred_at);
create index audit_record_actor on audit_record (tenant_id, actor_id, seq);
create index audit_record_resource on audit_record (tenant_id, resource_type, resource_id, seq);
create index audit_record_risky on audit_record (tenant_id, seq) where risk_rank >= 2;

-- HMAC-SHA256 over (tenant, seq, head hash): removing the tail of a chain (or rewriting it)
-- no longer matches the last signed head.
create table chain_checkpoint (
    tenant_id  text        not null,
    seq        bigint      not null,
    head_hash  text        not null,
    signed_at  timestamptz not null,
    key_id     text        not null,
    signature  text        not null,
    primary key (tenant_id, seq)
);

-- One per risky record (deduplicated by dedup_key within a window).
create table alert (
    id          uuid        primary key,
    tenant_id   text        not null,
    dedup_key   text        not null,
    severity    text        not null,
    risk        text        not null,
    summary     text        not null,
    record_seq  bigint      not null,
    event_id    text        not null,
    reasons     text        not null,
    created_at  timestamptz not null
);

create index alert_dedup on alert (dedup_key, created_at);

create table report (
    id            uuid        primary key,
    tenant_id     text        not null,
    template      text        not null,
    title         text        not null,
    period_from   timestamptz not null,
    period_to     timestamptz not null,
    trigger       text        not null,
    schedule      text,
    requested_by  text        not null,
    created_at    timestamptz not null,
    record_count  bigint      not null,
    recipients    text        not null,
    -- A scheduled report exists once per period (several instances may run the scheduler).
    unique (tenant_id, schedule, period_from)
);

create index report_tenant on report (tenant_id, created_at);

create table report_content (
    report_id   uuid    not null references report (id),
    format      text    not null,
    media_type  text    not null,
    content     bytea   not null,
    sha256      text    not null,
    size_bytes  integer not null,
    primary key (report_id, format)
);

-- Work for the delivery worker: PagerDuty and Kafka alerts, report e-mails; retried with
-- back-off so intake never waits for a receiver.
create table delivery (
    id               uuid        primary key,
    channel          text        not null,
    target           text,
    payload          jsonb       not null,
    alert_id         uuid        references alert (id),
    report_id        uuid        references report (id),
    status           text        not null,
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz not null,
    last_error       text,
    created_at       timestamptz not null,
    delivered_at     timestamptz
);

create index delivery_due on delivery (next_attempt_at) where status = 'pending';

create function audit_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: % refused', tg_table_name, tg_op
        using errcode = 'insufficient_privilege';
end
$$;

do $$
declare
    t text;
begin
    foreach t in array array['audit_record', 'chain_checkpoint', 'report', 'report_content'] loop
        execute format('create trigger %I before update or delete on %I'
                       || ' for each row execute function audit_refuse_change()',
                       t || '_append_only', t);
        execute format('create trigger %I before truncate on %I'
                       || ' for each statement execute function audit_refuse_change()',
                       t || '_no_truncate', t);
        execute format('alter table %I enable always trigger %I', t, t || '_append_only');
        execute format('alter table %I enable always trigger %I', t, t || '_no_truncate');
        execute format('revoke update, delete, truncate on %I from public', t);
    end loop;
    -- The chain's owner too: it could grant itself back, but plain DML through its connection
    -- fails. (Not for report: foreign keys to it lock its rows as its owner, which needs UPDATE.)
    execute format('revoke update, delete, truncate on audit_record, chain_checkpoint from %I',
                   current_user);
end
$$;

-- The runtime role (placeholder runtime_role, the datasource user) when it is not the owner.
-- A later migration that adds a table grants it there too.
do $$
declare
    runtime text := '${runtime_role}';
begin
    if runtime not in ('', 'none') and runtime <> current_user
       and exists (select 1 from pg_roles where rolname = runtime) then
        execute format('grant select, insert on audit_record, chain_checkpoint, report,'
                       || ' report_content to %I', runtime);
        execute format('grant select, insert, update, delete on alert, delivery, outbox to %I',
                       runtime);
    end if;
end
$$;
