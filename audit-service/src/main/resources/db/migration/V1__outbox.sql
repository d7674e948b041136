-- Transactional outbox: events are written here in the same transaction as the state they
-- describe, then relayed to Kafka, so no event is lost when Kafka is down.
create table outbox (
    id            uuid primary key,
    topic         text        not null,
    message_key   text        not null,
    event_type    text        not null,
    payload       jsonb       not null,
    created_at    timestamptz not null default now(),
    published_at  timestamptz,
    attempts      integer     not null default 0,
    last_error    text
);

create index outbox_unpublished on outbox (created_at) where published_at is null;
