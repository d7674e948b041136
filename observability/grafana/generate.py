#!/usr/bin/env python3
"""Writes MemBank's Grafana dashboards (dashboards/*.json, Grafana's provisioning format).

The dashboards are data; this script is their source, so the panels stay uniform. After a change:
    observability/grafana/generate.py
and commit the regenerated JSON. e2e MetricsIT checks the JSON's shape and that every metric a
panel queries is served by the running suite.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
DS = {"type": "prometheus", "uid": "${datasource}"}


def panel(pid, title, exprs, unit="short", x=0, y=0, w=12, h=8, kind="timeseries"):
    return {
        "id": pid,
        "type": kind,
        "title": title,
        "datasource": DS,
        "gridPos": {"x": x, "y": y, "w": w, "h": h},
        "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
        "options": {"legend": {"displayMode": "list", "placement": "bottom"}} if kind == "timeseries" else {},
        "targets": [
            {"refId": chr(ord("A") + i), "datasource": DS, "expr": expr, "legendFormat": legend}
            for i, (expr, legend) in enumerate(exprs)
        ],
    }


def dashboard(uid, title, description, panels):
    laid = []
    for i, p in enumerate(panels):
        p = dict(p)
        p["gridPos"] = {"x": (i % 2) * 12, "y": (i // 2) * 8, "w": 12, "h": 8}
        p["id"] = i + 1
        laid.append(p)
    return {
        "uid": uid,
        "title": title,
        "description": description,
        "tags": ["membank"],
        "timezone": "utc",
        "schemaVersion": 39,
        "version": 1,
        "editable": False,
        "refresh": "30s",
        "time": {"from": "now-6h", "to": "now"},
        "templating": {"list": [{
            "name": "datasource", "type": "datasource", "query": "prometheus",
            "label": "Prometheus", "current": {}, "hide": 0,
        }]},
        "annotations": {"list": []},
        "panels": laid,
    }


RATE = "sum by (service) (rate({m}[5m]))"

DASHBOARDS = {
    "membank-overview": dashboard(
        "membank-overview", "MemBank / Overview", "Every service: up, traffic, errors, latency.",
        [
            panel(0, "Services up", [("up{job=\"membank\"}", "{{service}}")]),
            panel(0, "Requests/s", [(RATE.format(m="http_server_requests_seconds_count"), "{{service}}")], "reqps"),
            panel(0, "5xx ratio", [(
                "sum by (service) (rate(http_server_requests_seconds_count{status=~\"5..\"}[5m]))"
                " / sum by (service) (rate(http_server_requests_seconds_count[5m]))", "{{service}}")],
                "percentunit"),
            panel(0, "Mean response time", [(
                "sum by (service) (rate(http_server_requests_seconds_sum[5m]))"
                " / sum by (service) (rate(http_server_requests_seconds_count[5m]))", "{{service}}")], "s"),
            panel(0, "Database connections in use", [("max by (service) (agroal_active_count)", "{{service}}")]),
            panel(0, "JVM heap used", [("sum by (service) (jvm_memory_used_bytes{area=\"heap\"})", "{{service}}")], "bytes"),
        ]),
    "membank-ingestion": dashboard(
        "membank-ingestion", "MemBank / Ingestion", "memory-service: jobs, decisions, queue.",
        [
            panel(0, "Memories/s by decision", [
                ("sum(rate(memories_created_total[5m]))", "created"),
                ("sum(rate(memories_updated_total[5m]))", "updated"),
                ("sum(rate(memories_invalidated_total[5m]))", "invalidated"),
                ("sum(rate(memories_deleted_total[5m]))", "deleted"),
            ], "ops"),
            panel(0, "Ingestion queue depth", [("max(memory_ingest_queue_depth)", "queued or running")]),
            panel(0, "Job duration (mean)", [(
                "sum(rate(memory_operation_duration_seconds_sum[5m]))"
                " / sum(rate(memory_operation_duration_seconds_count[5m]))", "ingest")], "s"),
            panel(0, "Similar-memory lookups", [
                ("sum by (source) (rate(memory_similar_lookups_total[5m]))", "{{source}}")], "ops"),
        ]),
    "membank-search": dashboard(
        "membank-search", "MemBank / Search", "search-service: traffic, latency, cache, index.",
        [
            panel(0, "Searches/s by ranking", [
                ("sum by (retrieval) (rate(search_requests_total[5m]))", "{{retrieval}}")], "reqps"),
            panel(0, "Search latency", [
                ("histogram_quantile(0.5, sum by (le) (rate(search_latency_seconds_bucket[5m])))", "p50"),
                ("histogram_quantile(0.95, sum by (le) (rate(search_latency_seconds_bucket[5m])))", "p95"),
                ("histogram_quantile(0.99, sum by (le) (rate(search_latency_seconds_bucket[5m])))", "p99"),
            ], "s"),
            panel(0, "Cache hit ratio", [("max(search_cache_hit_ratio)", "hit ratio")], "percentunit"),
            panel(0, "Index events/s", [
                ("sum by (outcome) (rate(search_index_events_total[5m]))", "{{outcome}}")], "ops"),
        ]),
    "membank-llm-cost": dashboard(
        "membank-llm-cost", "MemBank / LLM cost", "Model calls, tokens and their estimated cost.",
        [
            panel(0, "Model calls/s", [
                ("sum by (service, provider, model) (rate(llm_requests_total[5m]))",
                 "{{service}} {{provider}} {{model}}")], "ops"),
            panel(0, "Tokens/s", [
                ("sum by (type) (rate(llm_tokens_used_total[5m]))", "{{type}}")]),
            panel(0, "Estimated cost, last hour (alert LLMCostHigh)", [
                ("sum(membank:llm_cost_dollars:increase1h)", "USD")], "currencyUSD"),
            panel(0, "Model call latency (mean)", [(
                "sum(rate(llm_request_duration_seconds_sum[5m]))"
                " / sum(rate(llm_request_duration_seconds_count[5m]))", "mean")], "s"),
        ]),
    "membank-kafka": dashboard(
        "membank-kafka", "MemBank / Kafka", "Consumers' lag, throughput and dead letters.",
        [
            panel(0, "Consumer lag (max records)", [
                ("max by (service) (kafka_consumer_fetch_manager_records_lag_max)", "{{service}}")]),
            panel(0, "Records consumed/s", [
                (RATE.format(m="kafka_consumer_fetch_manager_records_consumed_total"), "{{service}}")], "ops"),
            panel(0, "Dead letters (records sent to *.dlq.*)", [
                ("sum by (service, topic) (increase(kafka_producer_topic_record_send_total{topic=~\".*dlq.*\"}[1h]))",
                 "{{service}} {{topic}}")]),
        ]),
}

for name, board in DASHBOARDS.items():
    with open(os.path.join(HERE, "dashboards", name + ".json"), "w") as f:
        json.dump(board, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print("wrote dashboards/%s.json" % name)
