-- Event time (when what a memory tells happened, from the write's timestamp) and expiry (after
-- expires_at a memory is no longer returned; governance's retention deletes it later).
alter table memories add column occurred_at timestamptz;
alter table memories add column expires_at  timestamptz;

-- Listing filters and sorts by event time; keyset pagination walks (created_at, id).
create index memories_user_occurred on memories (tenant_id, user_id, occurred_at desc) where deleted_at is null;
create index memories_user_created_id on memories (tenant_id, user_id, created_at, id) where deleted_at is null;
