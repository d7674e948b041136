-- Every version of every tenant's privacy policy (never updated in place): the latest row per
-- tenant is in force, the older ones are its history. document is the PolicySnapshot JSON that
-- was also published on governance.policies.
create table privacy_policy (
    tenant_id   text        not null,
    version     bigint      not null check (version > 0),
    document    jsonb       not null,
    updated_at  timestamptz not null,
    updated_by  text        not null,
    primary key (tenant_id, version)
);
