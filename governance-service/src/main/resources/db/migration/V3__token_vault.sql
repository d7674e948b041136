-- The token vault: token -> value sealed with AES-GCM under the tenant's derived key (the key id
-- is inside the ciphertext). Tokens are derived from the value, so a repeated record is a no-op.
create table token_vault (
    tenant_id   text        not null,
    token       text        not null,
    data_type   text        not null,
    ciphertext  text        not null,
    service     text        not null,
    created_at  timestamptz not null default now(),
    primary key (tenant_id, token)
);
