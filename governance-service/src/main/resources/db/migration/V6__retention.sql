-- Retention (issue 17): policies per tenant (optionally per data class, scope and region) with a
-- maximum age, every version kept (an update is a new version, a delete retires the policy);
-- legal holds per tenant or per subject that suspend deletion until released; and the runs of
-- the enforcer with, per policy, what was erased and what a hold kept.
create table retention_policy (
    policy_id     uuid        not null,
    version       integer     not null,
    tenant_id     text        not null,
    data_class    text        check (data_class in ('PII', 'FINANCIAL', 'CREDENTIAL')),
    scope         text        check (scope in ('user', 'agent', 'session')),
    region        text,
    max_age_days  integer     not null check (max_age_days between 1 and 36500),
    retired       boolean     not null default false,
    created_by    text        not null,
    created_at    timestamptz not null,
    primary key (policy_id, version)
);
create index retention_policy_tenant on retention_policy (tenant_id, policy_id, version desc);

create table legal_hold (
    hold_id      uuid        primary key,
    tenant_id    text        not null,
    subject      text,
    reason       text        not null,
    created_by   text        not null,
    created_at   timestamptz not null,
    released_by  text,
    released_at  timestamptz
);
create index legal_hold_active on legal_hold (tenant_id) where released_at is null;

-- One run per tenant and pass; pending until the owning store confirmed (re-sent until then).
create table retention_run (
    run_id        uuid        primary key,
    tenant_id     text        not null,
    as_of         timestamptz not null,
    trigger_kind  text        not null check (trigger_kind in ('scheduled', 'manual')),
    triggered_by  text        not null,
    status        text        not null check (status in ('pending', 'completed')),
    tenant_held   boolean     not null,
    held_subjects jsonb       not null default '[]',
    attempt       integer     not null default 1,
    started_at    timestamptz not null,
    last_sent_at  timestamptz not null,
    completed_at  timestamptz
);
create index retention_run_tenant on retention_run (tenant_id, started_at desc, run_id desc);
create index retention_run_pending on retention_run (last_sent_at) where status = 'pending';

-- Per policy (or 'expires_at') of a run: the cutoff sent, and the counts once confirmed.
create table retention_run_rule (
    run_id          uuid    not null references retention_run (run_id),
    rule            text    not null,
    policy_version  integer,
    cutoff          timestamptz,
    erased          bigint,
    kept_by_hold    bigint,
    primary key (run_id, rule)
);
