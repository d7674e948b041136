-- The W3C trace context of the transaction that wrote the event: the relay publishes the
-- record as a child span of it and carries it in the Kafka record's `traceparent` header,
-- so one request yields one trace across the services that consume the event.
alter table outbox add column traceparent text;
