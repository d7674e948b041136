-- Erasure sagas (issue 17): one row per request to erase a data subject of a tenant everywhere,
-- and one confirmation per service (the last attempt's counts, per store). The subject id stays
-- as the proof that it was erased (accountability); nothing else of the subject is kept here.
create table erasure_request (
    id             uuid        primary key,
    tenant_id      text        not null,
    subject        text        not null,
    reason         text        not null check (reason in ('request', 'retention')),
    status         text        not null check (status in ('pending', 'incomplete', 'completed')),
    status_reason  text,
    requested_by   text        not null,
    requested_at   timestamptz not null,
    deadline_at    timestamptz not null,
    attempt        integer     not null default 1,
    last_sent_at   timestamptz not null,
    completed_at   timestamptz
);

-- At most one open erasure per subject: asking again returns it (idempotent).
create unique index erasure_request_open on erasure_request (tenant_id, subject)
    where status <> 'completed';
create index erasure_request_due on erasure_request (last_sent_at) where status <> 'completed';

create table erasure_confirmation (
    erasure_id    uuid        not null references erasure_request (id),
    service       text        not null,
    attempt       integer     not null,
    stores        jsonb       not null,
    clean         boolean     not null,
    confirmed_at  timestamptz not null,
    primary key (erasure_id, service)
);
