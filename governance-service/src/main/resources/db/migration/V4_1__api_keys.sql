-- API keys of each tenant (issue 15). Only argon2id hashes of the secrets are kept (PHC strings);
-- the key itself is shown once, when it is created or rotated. After a rotation the previous
-- secret still verifies until previous_valid_until. A revoked key is kept (revoked_at), so its id
-- is never reused and the listing shows who revoked it. version counts the changes of a key: it is
-- the version of the ApiKeyRecord published on identity.keys.
create table api_key (
    key_id               text        primary key,
    tenant_id            text        not null,
    name                 text        not null,
    roles                text[]      not null check (cardinality(roles) > 0),
    user_id              text,
    agent_id             text,
    expires_at           timestamptz,
    created_at           timestamptz not null,
    created_by           text        not null,
    version              bigint      not null check (version > 0),
    secret_hash          text        not null,
    previous_secret_hash text,
    previous_valid_until timestamptz,
    rotated_at           timestamptz,
    revoked_at           timestamptz,
    revoked_by           text
);

-- The listing: a tenant's keys, newest first, by keyset (created_at, key_id).
create index api_key_by_tenant on api_key (tenant_id, created_at desc, key_id desc);
