-- Subject exports (issue 17, "what do you hold about this person?"): one row per export of a data
-- subject of a tenant. The bundle itself is a zip file under the service's data dir; the row keeps
-- its state, per-source progress, and the manifest's SHA-256 once done.
create table subject_export (
    id               uuid        primary key,
    tenant_id        text        not null,
    subject          text        not null,
    status           text        not null check (status in ('running', 'done', 'failed')),
    status_reason    text,
    requested_by     text        not null,
    requested_at     timestamptz not null,
    progress         jsonb       not null default '{}'::jsonb,
    claimed_until    timestamptz,
    completed_at     timestamptz,
    bundle_bytes     bigint,
    manifest_sha256  text
);

-- At most one running export per subject: asking again returns it (idempotent).
create unique index subject_export_running on subject_export (tenant_id, subject)
    where status = 'running';
