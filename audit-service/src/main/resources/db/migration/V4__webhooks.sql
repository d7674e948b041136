-- Webhook subscriptions per tenant and their deliveries (the delivery log).
--
-- A subscription's secret must be readable to sign each delivery (HMAC), so it is stored as is;
-- it is shown to the admin once, at creation, and never returned by the API afterwards.
create table webhook_subscription (
    id                   uuid primary key,
    seq                  bigserial not null unique,
    tenant_id            text not null,
    url                  text not null,
    event_types          text[] not null,
    description          text,
    secret               text not null,
    status               text not null check (status in ('active', 'disabled')),
    consecutive_failures int not null default 0,
    -- While the receiver fails, every delivery of the subscription waits until then: a receiver
    -- that is down costs one attempt per back-off step, not one per queued event.
    blocked_until        timestamptz,
    disabled_reason      text,
    created_by           text,
    created_at           timestamptz not null,
    updated_at           timestamptz not null
);
create index webhook_subscription_tenant on webhook_subscription (tenant_id, seq);

create table webhook_delivery (
    id              uuid primary key,
    seq             bigserial not null unique,
    subscription_id uuid not null references webhook_subscription (id) on delete cascade,
    tenant_id       text not null,
    -- The id of the event on the bus: a replayed event makes no second delivery.
    event_id        text not null,
    event_type      text not null,
    payload         text not null,
    status          text not null check (status in ('pending', 'delivered', 'failed')),
    attempts        int not null default 0,
    next_attempt_at timestamptz not null,
    response_status int,
    last_error      text,
    created_at      timestamptz not null,
    delivered_at    timestamptz,
    unique (subscription_id, event_id)
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'pending';
create index webhook_delivery_log on webhook_delivery (subscription_id, seq);

do $$
declare
    runtime text := '${runtime_role}';
begin
    if runtime not in ('', 'none') and runtime <> current_user
       and exists (select 1 from pg_roles where rolname = runtime) then
        execute format('grant select, insert, update, delete on webhook_subscription,'
                       || ' webhook_delivery to %I', runtime);
        execute format('grant usage, select on sequence webhook_subscription_seq_seq,'
                       || ' webhook_delivery_seq_seq to %I', runtime);
    end if;
end
$$;
