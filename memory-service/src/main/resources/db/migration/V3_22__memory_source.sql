-- The text of the message(s) a memory was extracted from (issue 22: searched as a field of its own,
-- so what the user said stays findable in their words); null for memories written before it.
alter table memories add column source_text text;
