package io.membank.governance.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The migration replay the completeness test relies on: a table or column a migration adds shows
 * up, so the completeness test would fail on it.
 */
class MigrationSchemaTest {

  @Test
  void created_copied_altered_and_dropped_tables_end_as_the_database_has_them() {
    MigrationSchema schema = new MigrationSchema();
    schema.apply(
        """
        -- a comment with create table ghost (x int);
        create table outbox (id uuid primary key, payload jsonb not null,
            check (id is not null));
        create table usage_hourly (tenant_id text not null, cost numeric(20,10) not null,
            primary key (tenant_id));
        create table usage_daily (like usage_hourly including all);
        create function f() returns trigger language plpgsql as $$
        begin create table inside_function (x int); end $$;
        """);
    schema.apply(
        """
        alter table usage_daily add column calls bigint not null default 0;
        alter table usage_hourly rename column cost to cost_usd;
        alter table outbox drop column payload, add column if not exists traceparent text;
        drop table if exists nothing_here;
        create table memories (id uuid primary key);
        alter table memories rename to facts;
        """);

    assertThat(schema.tables())
        .isEqualTo(
            Map.of(
                "outbox", Set.of("id", "traceparent"),
                "usage_hourly", Set.of("tenant_id", "cost_usd"),
                "usage_daily", Set.of("tenant_id", "cost", "calls"),
                "facts", Set.of("id")));
  }

  @Test
  void a_table_a_service_adds_without_describing_it_is_reported() {
    MigrationSchema schema = new MigrationSchema();
    schema.apply(
        "create table privacy_policy (tenant_id text, version bigint, document jsonb,"
            + " updated_at timestamptz, updated_by text);"
            + " create table retention_rule (id uuid primary key, days int);");

    var problems =
        new CatalogCompletenessTest()
            .compare("governance-service", "membank_governance", schema.tables());

    assertThat(problems)
        .contains(
            "governance-service migrates table membank_governance.retention_rule: not in the catalog")
        .anyMatch(
            p ->
                p.equals(
                    "postgres:membank_governance.token_vault is gone from governance-service"));
  }
}
