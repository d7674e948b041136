-- The budget state (cost.budgets, issue 18) memory-service last saw per tenant, so a change of
-- state is audited once, not again at every restart (the topic is read from the beginning) nor by
-- every instance. The decisions themselves are held in memory.
create table budget_states (
    tenant_id  text        primary key,
    state      text        not null check (state in ('normal', 'warn', 'degrade', 'stop')),
    version    bigint      not null,
    seen_at    timestamptz not null default now()
);
