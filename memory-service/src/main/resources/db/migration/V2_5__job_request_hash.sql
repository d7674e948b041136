-- What a job's request asked for (SHA-256 of its canonical JSON), so that an Idempotency-Key or
-- custom_id reused for a different request is refused (422) instead of silently answered with the
-- first job. Jobs accepted before this column existed have none and are matched by key alone.
alter table jobs add column request_hash text;
