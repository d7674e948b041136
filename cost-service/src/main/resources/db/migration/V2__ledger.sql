-- Price table: one row per provider / model / token kind and the instant it takes effect. A
-- price is never edited in place: a change is a new row with a later effective_from, so any
-- usage can be priced with the price that was in force at its time. model '*' prices every model
-- of a provider that has no row of its own (local ONNX embeddings, the built-in extractor).
create table price (
    id              bigserial primary key,
    provider        text          not null,
    model           text          not null,
    token_kind      text          not null check (token_kind in ('input', 'cached_input', 'output')),
    usd_per_million numeric(18,6) not null check (usd_per_million >= 0),
    effective_from  timestamptz   not null,
    source          text          not null,
    created_by      text          not null,
    created_at      timestamptz   not null default now(),
    unique (provider, model, token_kind, effective_from)
);

-- One row per llm.usage event, idempotent by the event id.
create table usage_event (
    event_id          text          primary key,
    tenant_id         text          not null,
    occurred_at       timestamptz   not null,
    service           text          not null,
    provider          text          not null,
    model             text          not null,
    operation         text          not null,
    tokens_in         bigint        not null,
    tokens_cached_in  bigint        not null default 0,
    tokens_out        bigint        not null,
    latency_ms        bigint        not null,
    cached            boolean       not null,
    success           boolean       not null,
    cost_usd          numeric(20,10) not null,
    priced            boolean       not null,
    priced_at         timestamptz   not null
);

create index usage_event_tenant_time on usage_event (tenant_id, occurred_at);
create index usage_event_time on usage_event (occurred_at);

-- Aggregates, kept in the transaction that records the usage. Reports read these, never the
-- event rows: a month of one tenant is at most 31 daily rows per service/operation/model.
create table usage_hourly (
    tenant_id   text           not null,
    bucket      timestamptz    not null,
    service     text           not null,
    operation   text           not null,
    provider    text           not null,
    model       text           not null,
    calls       bigint         not null,
    tokens_in   bigint         not null,
    tokens_out  bigint         not null,
    cost_usd    numeric(20,10) not null,
    primary key (tenant_id, bucket, service, operation, provider, model)
);

create table usage_daily (like usage_hourly including all);

create index usage_hourly_bucket on usage_hourly (bucket);
create index usage_daily_bucket on usage_daily (bucket);

-- The price in force for a provider / model / token kind at an instant: the model's own row when
-- it has one, else the provider's '*' row; null when there is none.
create function price_at(p_provider text, p_model text, p_kind text, p_at timestamptz)
returns numeric stable language sql as $$
    select usd_per_million from price
    where provider = p_provider and model in (p_model, '*') and token_kind = p_kind
      and effective_from <= p_at
    order by (model = p_model) desc, effective_from desc
    limit 1
$$;

-- The cost of one call in USD at the prices in force at its time; null when the model has no
-- input or no output price (the call is then recorded unpriced, at 0, until a re-pricing). The
-- ledger and re-pricing both use this function, so they can never disagree.
create function usage_cost(p_provider text, p_model text, p_at timestamptz,
                           p_in bigint, p_cached_in bigint, p_out bigint)
returns numeric stable language sql as $$
    select case when i is null or o is null then null
                else ((p_in - p_cached_in) * i + p_cached_in * coalesce(c, i) + p_out * o)
                     / 1000000.0 end
    from (select price_at(p_provider, p_model, 'input', p_at) as i,
                 price_at(p_provider, p_model, 'cached_input', p_at) as c,
                 price_at(p_provider, p_model, 'output', p_at) as o) p
$$;
