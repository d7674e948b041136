"""Invariants of the MemBank infrastructure, asserted on the parsed HCL (python-hcl2).

Run by terraform/check.sh (bin/membank test, phase terraform). Each test names the rule it
protects; a change that breaks one (a public bucket, an unencrypted store, a shorter backup
retention, a single-AZ prod) fails here before any plan runs.
"""
import functools
import os
import pathlib

import hcl2
import pytest

ROOT = pathlib.Path(os.environ.get("MEMBANK_TF_ROOT", pathlib.Path(__file__).resolve().parent.parent))
ENVS = ("dev", "staging", "prod")


def one(v):
    """python-hcl2 wraps attribute values in a one-element list."""
    while isinstance(v, list) and len(v) == 1:
        v = v[0]
    return v


@functools.cache
def parse(path):
    with open(path) as f:
        return hcl2.load(f)


def all_files():
    return sorted(p for p in ROOT.rglob("*.tf") if "tests" not in p.parts and ".terraform" not in p.parts)


def resources(kind):
    """(file, name, body) of every resource of a kind in the tree."""
    out = []
    for path in all_files():
        for block in parse(path).get("resource", []):
            for name, body in block.get(kind, {}).items():
                out.append((path.relative_to(ROOT), name, body))
    return out


def module_call(env):
    return parse(pathlib.Path(ROOT / "envs" / env / "main.tf"))["module"][0]["platform"]


def test_every_file_parses():
    files = all_files()
    assert len(files) >= 12
    for path in files:
        parse(path)


def test_every_bucket_blocks_all_public_access():
    buckets = resources("aws_s3_bucket")
    assert buckets, "no S3 bucket found"
    blocks = resources("aws_s3_bucket_public_access_block")
    files_with_buckets = {f for f, _, _ in buckets}
    files_with_blocks = {f for f, _, _ in blocks}
    assert files_with_buckets <= files_with_blocks, f"buckets without a public access block in {files_with_buckets - files_with_blocks}"
    for f, name, body in blocks:
        for flag in ("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"):
            assert one(body.get(flag)) is True, f"{f}: aws_s3_bucket_public_access_block.{name}.{flag} must be true"


def test_no_public_acl_or_policy():
    for f, name, body in resources("aws_s3_bucket") + resources("aws_s3_bucket_acl"):
        acl = one(body.get("acl", "private"))
        assert not str(acl).startswith("public"), f"{f}: {name} has acl {acl}"
    for path in all_files():
        for block in parse(path).get("data", []):
            for name, doc in block.get("aws_iam_policy_document", {}).items():
                for st in doc.get("statement", []):
                    if one(st.get("effect", "Allow")) != "Allow":
                        continue
                    for p in st.get("principals", []):
                        ids = one(p.get("identifiers"))
                        assert "*" not in (ids if isinstance(ids, list) else [ids]), f"{path}: {name} allows principal *"


def test_buckets_versioned_and_encrypted():
    for f, _, body in resources("aws_s3_bucket_versioning"):
        assert one(one(body["versioning_configuration"])["status"]) == "Enabled", f
    encs = resources("aws_s3_bucket_server_side_encryption_configuration")
    assert {f for f, _, _ in resources("aws_s3_bucket")} <= {f for f, _, _ in encs}
    for f, _, body in encs:
        default = one(one(one(body["rule"])["apply_server_side_encryption_by_default"]))
        assert one(default["sse_algorithm"]) == "aws:kms", f


def test_aurora_encrypted_backed_up_protected():
    (f, _, rds), = resources("aws_rds_cluster")
    assert one(rds["storage_encrypted"]) is True
    assert one(rds["deletion_protection"]) is True
    assert one(rds["skip_final_snapshot"]) is False
    assert one(rds["backup_retention_period"]) == "${var.backup_retention_days}"
    for _, _, inst in resources("aws_rds_cluster_instance"):
        assert one(inst["publicly_accessible"]) is False


@pytest.mark.parametrize("env", ENVS)
def test_backups_kept_30_days(env):
    call = module_call(env)
    assert one(call["backup_retention_days"]) >= 30


def test_prod_and_staging_are_multi_az():
    for env in ("staging", "prod"):
        assert one(module_call(env)["multi_az"]) is True, env
    platform = parse(ROOT / "modules/platform/main.tf")["module"]
    calls = {k: v for m in platform for k, v in m.items()}
    assert one(calls["aurora"]["instances"]) == "${var.multi_az ? 3 : 1}"
    assert one(calls["redis"]["replicas"]) == "${var.multi_az ? 2 : 0}"
    assert one(calls["network"]["single_nat_gateway"]) == "${!var.multi_az}"


def test_redis_encrypted_in_transit_and_at_rest():
    (_, _, rg), = resources("aws_elasticache_replication_group")
    assert one(rg["at_rest_encryption_enabled"]) is True
    assert one(rg["transit_encryption_enabled"]) is True


def test_msk_tls_and_iam_only():
    (_, _, msk), = resources("aws_msk_cluster")
    enc = one(one(msk["encryption_info"])["encryption_in_transit"])
    assert one(enc["client_broker"]) == "TLS" and one(enc["in_cluster"]) is True
    auth = one(msk["client_authentication"])
    assert one(auth["unauthenticated"]) is False
    assert one(one(auth["sasl"])["iam"]) is True


def test_eks_private_encrypted_with_tainted_gpu_pool():
    (_, _, eks), = resources("aws_eks_cluster")
    vpc = one(eks["vpc_config"])
    assert one(vpc["endpoint_public_access"]) is False
    assert one(one(eks["encryption_config"])["resources"]) == "secrets"
    groups = {n: b for _, n, b in resources("aws_eks_node_group")}
    assert set(groups) == {"general", "gpu"}
    taint = one(groups["gpu"]["taint"])
    assert one(taint["effect"]) == "NO_SCHEDULE" and one(taint["key"]) == "nvidia.com/gpu"


def test_log_groups_have_retention_and_kms():
    groups = resources("aws_cloudwatch_log_group")
    assert len(groups) >= 4
    for f, name, body in groups:
        assert "retention_in_days" in body and "kms_key_id" in body, f"{f}: {name}"


@pytest.mark.parametrize("env", ENVS)
def test_remote_state_encrypted_and_locked(env):
    backend = one(one(parse(pathlib.Path(ROOT / "envs" / env / "main.tf"))["terraform"])["backend"])["s3"]
    assert one(backend["encrypt"]) is True
    assert one(backend["use_lockfile"]) is True
    assert one(backend["key"]) == f"envs/{env}/terraform.tfstate"


def test_irsa_roles_trust_one_service_account_each():
    (f, _, body), = [r for r in resources("aws_iam_role") if r[1] == "this" and "irsa" in str(r[0])]
    docs = parse(ROOT / "modules/irsa/main.tf")["data"]
    assume = next(d["aws_iam_policy_document"]["assume"] for d in docs if "assume" in d.get("aws_iam_policy_document", {}))
    conds = one(assume["statement"])["condition"]
    subs = [c for c in conds if one(c["variable"]).endswith(":sub")]
    assert subs and one(subs[0]["test"]) == "StringEquals"
    assert one(subs[0]["values"]) == "system:serviceaccount:${var.namespace}:${each.key}"


def test_prod_logs_kept_a_year():
    assert one(module_call("prod")["log_retention_days"]) >= 365


def irsa_locals():
    return one(parse(ROOT / "modules/irsa/main.tf")["locals"])


def irsa_statements():
    docs = parse(ROOT / "modules/irsa/main.tf")["data"]
    policy = next(d["aws_iam_policy_document"]["this"] for d in docs if "this" in d.get("aws_iam_policy_document", {}))
    return [one(s["statement"]) for s in policy["dynamic"]]


def actions(stmt):
    a = one(one(stmt["content"])["actions"])
    return [a] if isinstance(a, str) else list(a)


def test_msk_iam_listener_is_the_only_port_open():
    """MSK IAM auth: the brokers' security group opens the SASL/IAM-over-TLS port 9098 only."""
    sgs = [b for f, n, b in resources("aws_security_group") if "msk" in str(f)]
    (sg,) = sgs
    ports = {(one(i["from_port"]), one(i["to_port"])) for i in sg["ingress"]}
    assert ports == {(9098, 9098)}


def test_kafka_clients_get_msk_iam_permissions_the_backup_role_none():
    accounts = one(irsa_locals()["accounts"])
    kafka = {name for name, a in accounts.items() if one(a["kafka"]) is True}
    assert kafka == {f"{s}-service" for s in ("memory", "search", "graph", "audit", "governance", "diagnostics", "cost")}
    assert one(accounts["backup"]["kafka"]) is False
    stmts = irsa_statements()
    kafka_stmts = [s for s in stmts if any(a.startswith("kafka-cluster:") for a in actions(s))]
    granted = {a for s in kafka_stmts for a in actions(s)}
    assert {"kafka-cluster:Connect", "kafka-cluster:ReadData", "kafka-cluster:WriteData", "kafka-cluster:AlterGroup"} <= granted
    # every Kafka statement is conditional on the account being a Kafka client
    assert all("each.value.kafka" in one(s["for_each"]) for s in kafka_stmts)
    # no wildcard actions anywhere
    assert not [a for s in stmts for a in actions(s) if a.endswith("*")]


def test_bucket_writers_may_use_the_bucket_key():
    stmts = irsa_statements()
    kms = [s for s in stmts if "kms:GenerateDataKey" in actions(s)]
    assert kms and "each.value.s3" in one(kms[0]["for_each"])
    assert one(one(kms[0]["content"])["resources"]) == "${var.kms_key_arn}"


def test_chart_prod_values_use_msk_iam():
    """The chart's prod values speak MSK IAM to the IAM listener terraform opens."""
    import yaml

    values = yaml.safe_load((ROOT.parent / "k8s/membank/values-prod.yaml").read_text())
    g = values["global"]
    assert g["kafkaAuth"] == "iam"
    assert g["kafkaBootstrap"].endswith(":9098")
    assert values["kafka"]["enabled"] is False
