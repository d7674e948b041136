-- Budgets: per tenant (tenant_id set) or global (tenant_id null: the spend of all tenants
-- together), daily or monthly, with thresholds as fractions of the limit.
create table budget (
    id             uuid          primary key,
    tenant_id      text,
    period         text          not null check (period in ('daily', 'monthly')),
    limit_usd      numeric(18,6) not null check (limit_usd > 0),
    warn_at        numeric(5,4)  not null check (warn_at > 0),
    degrade_at     numeric(5,4)  not null check (degrade_at >= warn_at),
    stop_at        numeric(5,4)  not null check (stop_at >= degrade_at),
    degrade_model  text,
    version        bigint        not null,
    updated_by     text          not null,
    updated_at     timestamptz   not null
);

-- One budget per scope and period.
create unique index budget_scope on budget (coalesce(tenant_id, ''), period);

-- The last decision published per tenant: a new one is published only when it changes.
create table budget_state (
    tenant_id      text          primary key,
    state          text          not null check (state in ('normal', 'warn', 'degrade', 'stop')),
    period         text          not null,
    period_start   timestamptz   not null,
    spent_usd      numeric(20,10) not null,
    limit_usd      numeric(18,6) not null,
    degrade_model  text,
    version        bigint        not null,
    decided_at     timestamptz   not null
);
