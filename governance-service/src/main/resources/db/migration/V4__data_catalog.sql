-- The data catalog: every dataset of every service's stores, loaded from the checked-in
-- descriptors (catalog/*.yaml) at start. A dataset whose descriptor changed gets version n+1; the
-- versions are kept. Datasets that left the descriptors are retired, never deleted.
create table catalog_dataset (
    id                        text        primary key,
    kind                      text        not null,
    owner_service             text        not null,
    name                      text        not null,
    declared_classification   text        not null,
    confirmed_classification  text,
    confirmed_by              text,
    confirmed_at              timestamptz,
    version                   integer     not null check (version > 0),
    digest                    text        not null,
    -- The dataset's descriptor entry as JSON (description, store, fields, tenant/freshness field).
    definition                jsonb       not null,
    loaded_at                 timestamptz not null,
    retired_at                timestamptz
);

create index catalog_dataset_owner on catalog_dataset (owner_service, id);

create table catalog_dataset_version (
    dataset_id  text        not null references catalog_dataset (id),
    version     integer     not null,
    digest      text        not null,
    definition  jsonb       not null,
    loaded_at   timestamptz not null,
    primary key (dataset_id, version)
);

-- Lineage: the flows of each service (a named process reading some datasets and writing others),
-- replaced as a whole at each load.
create table catalog_flow (
    service      text   not null,
    name         text   not null,
    description  text,
    inputs       text[] not null,
    outputs      text[] not null,
    primary key (service, name)
);

-- Classification proposals from sampled values (evidence: types and counts, never values), and
-- the admin's confirmation.
create table catalog_classification (
    id                        uuid        primary key,
    dataset_id                text        not null references catalog_dataset (id),
    dataset_version           integer     not null,
    proposed                  text        not null,
    evidence                  jsonb       not null,
    source                    text        not null check (source in ('store', 'samples')),
    status                    text        not null check (status in ('proposed', 'confirmed', 'superseded')),
    proposed_by               text        not null,
    proposed_at               timestamptz not null,
    confirmed_classification  text,
    confirmed_by              text,
    confirmed_at              timestamptz
);

create index catalog_classification_dataset on catalog_classification (dataset_id, proposed_at desc);
