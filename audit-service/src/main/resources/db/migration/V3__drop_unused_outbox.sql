-- audit-service never published through an outbox (it appends to its own trail and delivers
-- alerts from its delivery queue): the table V1 created is dropped. The transactional outbox now
-- lives in platform/outbox, which services that publish through it opt into.
drop table if exists outbox;
