-- Transactional outbox (platform/outbox): events are written here in the same transaction as the
-- state they describe, then relayed to Kafka, so no event is lost when Kafka is down.
-- Version 0.1 sorts before every service's own migrations and never collides with them.
create table outbox (
    id            uuid primary key,
    topic         text        not null,
    message_key   text        not null,
    event_type    text        not null,
    payload       jsonb       not null,
    created_at    timestamptz not null default now(),
    published_at  timestamptz,
    attempts      integer     not null default 0,
    last_error    text,
    -- W3C trace context of the writing transaction: the relay publishes the record as a child span
    -- of it and carries it in the Kafka record's traceparent header.
    traceparent   text
);

create index outbox_unpublished on outbox (created_at) where published_at is null;
