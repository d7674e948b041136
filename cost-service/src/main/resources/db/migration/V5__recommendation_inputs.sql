-- What LLM recommendations need beyond tokens and cost (llm.usage's optional fields):
--   user_key     SHA-256 of tenant and user id (the user is pseudonymous here): batching looks
--                for many small calls of one user in a short window
--   prompt_hash  SHA-256 of the exact prompt sent (never the prompt): caching measures how many
--                calls repeat a prompt within a window
-- Both are null for usage recorded before, and for records that do not carry them (embeddings).
alter table usage_event add column user_key text;
alter table usage_event add column prompt_hash text;

create index usage_event_user_time on usage_event (tenant_id, user_key, occurred_at)
    where user_key is not null;
create index usage_event_prompt_time on usage_event (tenant_id, prompt_hash, occurred_at)
    where prompt_hash is not null;
