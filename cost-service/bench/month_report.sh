#!/usr/bin/env bash
# month_report.sh — how long cost-service's month report takes over a large ledger.
#
# Builds a scratch database (bench_cost) on the dev stack's PostgreSQL with cost-service's own
# Flyway migrations, fills usage_event with ROWS usage rows (default 10M) spread over one month,
# TENANTS tenants, 4 operations and 5 models, builds the hourly and daily aggregates with the
# statement the ledger's re-pricing uses, then times the SQL that GET /api/v1/cost/usage and
# GET /api/v1/cost/tenants/{id}/summary issue for one tenant (EXPLAIN ANALYZE execution time,
# median of RUNS runs, warm cache). HTTP and JSON are not included.
#
# Usage: source .membank/ports.env; bin/membank up (or any running dev stack);
#        cost-service/bench/month_report.sh            # ROWS=10000000 TENANTS=100 RUNS=7
# Not part of bin/membank test. Record the numbers in docs/benchmarks.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
MIGRATIONS="$HERE/../src/main/resources/db/migration"
ROWS=${ROWS:-10000000}
TENANTS=${TENANTS:-100}
RUNS=${RUNS:-7}
PORT=${MEMBANK_PG_PORT:-15432}
PSQL_BIN=$(command -v psql || echo /usr/lib/postgresql/15/bin/psql)
DB=bench_cost
psql_() { "$PSQL_BIN" -h 127.0.0.1 -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

echo "month_report: $ROWS usage rows, $TENANTS tenants, PostgreSQL on port $PORT"
psql_ -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
for f in $(ls "$MIGRATIONS"/V*.sql | sort -V); do
  psql_ -d "$DB" -f "$f"
done

start=$(date +%s)
# December 2026; operation decides the service, as in MemBank (memory: extract/decide,
# graph: graph, search: embed). Costs are gpt-4o-mini-like, computed inline (the report, not
# the pricing, is measured here).
psql_ -d "$DB" <<SQL
set synchronous_commit = off;
insert into usage_event (event_id, tenant_id, occurred_at, service, provider, model, operation,
    tokens_in, tokens_cached_in, tokens_out, latency_ms, cached, success, cost_usd, priced, priced_at)
select 'e' || g,
       't' || (g % $TENANTS),
       timestamptz '2026-12-01 00:00:00+00' + (g::float8 / $ROWS) * interval '31 days',
       (array['memory-service','memory-service','graph-service','search-service'])[1 + g % 4],
       'openai',
       (array['gpt-4o-mini','gpt-4o','gpt-4.1-mini','gpt-4.1-nano','text-embedding-3-small'])[1 + (g / 7) % 5],
       (array['extract','decide','graph','embed'])[1 + g % 4],
       400 + g % 1600, 0, 50 + g % 300, 300, false, true,
       ((400 + g % 1600) * 0.15 + (50 + g % 300) * 0.60) / 1000000.0, true, now()
from generate_series(1, $ROWS) g;
insert into usage_hourly (tenant_id, bucket, service, operation, provider, model, calls, tokens_in, tokens_out, cost_usd)
select tenant_id, date_trunc('hour', occurred_at, 'UTC'), service, operation, provider, model,
       count(*), sum(tokens_in), sum(tokens_out), sum(cost_usd)
from usage_event group by 1, 2, 3, 4, 5, 6;
insert into usage_daily (tenant_id, bucket, service, operation, provider, model, calls, tokens_in, tokens_out, cost_usd)
select tenant_id, date_trunc('day', occurred_at, 'UTC'), service, operation, provider, model,
       count(*), sum(tokens_in), sum(tokens_out), sum(cost_usd)
from usage_event group by 1, 2, 3, 4, 5, 6;
vacuum analyze;
SQL
echo "month_report: loaded in $(( $(date +%s) - start )) s:" \
  "$(psql_ -d "$DB" -c "select count(*) from usage_event") usage rows," \
  "$(psql_ -d "$DB" -c "select count(*) from usage_hourly") hourly," \
  "$(psql_ -d "$DB" -c "select count(*) from usage_daily") daily aggregate rows"

FROM="timestamptz '2026-12-01 00:00:00+00'"
TO="timestamptz '2027-01-01 00:00:00+00'"
TENANT="'t7'"
# The statements UsageQueries builds (group_by → expressions, table by range alignment).
declare -A QUERIES=(
  ["month, group_by=operation,model (daily)"]="select operation, model, sum(calls), sum(tokens_in), sum(tokens_out), sum(cost_usd) from usage_daily where tenant_id = $TENANT and bucket >= $FROM and bucket < $TO group by operation, model order by sum(cost_usd) desc, operation, model limit 1001 offset 0"
  ["month, group_by=day,model (daily)"]="select date_trunc('day', bucket, 'UTC'), model, sum(calls), sum(tokens_in), sum(tokens_out), sum(cost_usd) from usage_daily where tenant_id = $TENANT and bucket >= $FROM and bucket < $TO group by date_trunc('day', bucket, 'UTC'), model order by date_trunc('day', bucket, 'UTC'), model limit 1001 offset 0"
  ["month, group_by=hour (hourly)"]="select bucket, sum(calls), sum(tokens_in), sum(tokens_out), sum(cost_usd) from usage_hourly where tenant_id = $TENANT and bucket >= $FROM and bucket < $TO group by bucket order by bucket limit 1001 offset 0"
  ["month, group_by=service,operation,model, mid-day range (hourly)"]="select service, operation, model, sum(calls), sum(tokens_in), sum(tokens_out), sum(cost_usd) from usage_hourly where tenant_id = $TENANT and bucket >= $FROM + interval '13 hours' and bucket < $TO - interval '5 hours' group by service, operation, model order by sum(cost_usd) desc, service, operation, model limit 1001 offset 0"
  ["month totals (daily)"]="select coalesce(sum(calls), 0), coalesce(sum(cost_usd), 0) from usage_daily where tenant_id = $TENANT and bucket >= $FROM and bucket < $TO"
)

for name in "${!QUERIES[@]}"; do
  times=()
  for _ in $(seq "$RUNS"); do
    t=$(psql_ -d "$DB" -c "explain (analyze, format json) ${QUERIES[$name]}" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["Execution Time"])')
    times+=("$t")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  max=$(printf '%s\n' "${times[@]}" | sort -g | tail -1)
  printf 'month_report: %-62s median %8.2f ms  max %8.2f ms  (%d runs)\n' "$name" "$median" "$max" "$RUNS"
done
echo "month_report: drop the scratch database with: psql -h 127.0.0.1 -p $PORT -U postgres -c 'drop database $DB'"
