-- Raw signals at collection resolution (10 s by default), kept for a day and then downsampled
-- into metric_rollup; both are bounded (see SampleStore.compact).
create table metric_sample (
    component  text             not null,
    metric     text             not null,
    at         timestamptz      not null,
    value      double precision not null
);
create index metric_sample_series on metric_sample (component, metric, at);
create index metric_sample_at on metric_sample (at);

create table metric_rollup (
    component  text             not null,
    metric     text             not null,
    bucket     timestamptz      not null,
    avg_value  double precision not null,
    min_value  double precision not null,
    max_value  double precision not null,
    samples    integer          not null,
    primary key (component, metric, bucket)
);
create index metric_rollup_bucket on metric_rollup (bucket);

-- One row per diagnosed known issue while it lasts: a recurring diagnosis updates its row
-- (last_seen_at, symptoms) instead of piling up copies; resolved_at closes it.
create table diagnosis (
    id              uuid primary key,
    tenant_id       text        not null,
    issue_id        text        not null,
    title           text        not null,
    root_cause      text        not null,
    severity        text        not null,
    confidence      double precision not null,
    rank            integer     not null,
    components      jsonb       not null,
    symptoms        jsonb       not null,
    solutions       jsonb       not null,
    status          text        not null,
    first_seen_at   timestamptz not null,
    last_seen_at    timestamptz not null,
    resolved_at     timestamptz,
    paged_at        timestamptz,
    page_error      text
);
create index diagnosis_open on diagnosis (tenant_id, issue_id) where status = 'open';
create index diagnosis_recent on diagnosis (tenant_id, first_seen_at desc, id);

-- Healing actions: planned, refused (with the safeguard's reason), awaiting approval, executed,
-- verified or rolled back. The history is never rewritten, only advanced.
create table healing_action (
    id              uuid primary key,
    tenant_id       text        not null,
    diagnosis_id    uuid        not null references diagnosis (id),
    action_type     text        not null,
    target          text        not null,
    parameters      jsonb       not null,
    risk            text        not null,
    status          text        not null,
    reason          text,
    dry_run         boolean     not null,
    previous_state  jsonb,
    created_at      timestamptz not null,
    executed_at     timestamptz,
    verify_at       timestamptz,
    finished_at     timestamptz,
    approved_by     text
);
create index healing_action_recent on healing_action (tenant_id, created_at desc, id);
create index healing_action_rate on healing_action (action_type, target, created_at);
create index healing_action_pending on healing_action (verify_at) where status = 'executed';
