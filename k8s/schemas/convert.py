#!/usr/bin/env python3
"""Convert Kubernetes OpenAPI and CRD definitions into kubeconform's strict JSON schemas.

  convert.py k8s SWAGGER_JSON OUT_DIR      one schema per kind: <kind>[-<group>]-<version>.json
  convert.py crd OUT_DIR CRD_YAML...       one schema per served version:
                                           <group>/<kind>_<version>.json

Strict: every object with declared properties gets additionalProperties: false (unless it
preserves unknown fields), so a misspelt or misplaced field fails validation. Schemas are
standalone: the definitions a kind reaches are copied into it (no network at check time).
int-or-string fields accept both. Only the standard library and PyYAML.
"""
import copy
import json
import pathlib
import sys

import yaml


def strict(node):
    if isinstance(node, dict):
        if node.get("format") == "int-or-string" or node.get("x-kubernetes-int-or-string"):
            desc = node.get("description")
            node.clear()
            node["oneOf"] = [{"type": "string"}, {"type": "integer"}]
            if desc:
                node["description"] = desc
            return node
        for v in node.values():
            strict(v)
        if "properties" in node and "additionalProperties" not in node and not node.get(
                "x-kubernetes-preserve-unknown-fields"):
            node["additionalProperties"] = False
        if node.get("nullable"):
            t = node.get("type")
            if isinstance(t, str):
                node["type"] = [t, "null"]
    elif isinstance(node, list):
        for v in node:
            strict(v)
    return node


def reach(defs, name, seen):
    if name in seen:
        return
    seen.add(name)

    def walk(n):
        if isinstance(n, dict):
            ref = n.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/definitions/"):
                reach(defs, ref.split("/")[-1], seen)
            for v in n.values():
                walk(v)
        elif isinstance(n, list):
            for v in n:
                walk(v)

    walk(defs[name])


def k8s(swagger, out):
    defs = json.loads(pathlib.Path(swagger).read_text())["definitions"]
    out = pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for name, d in defs.items():
        for gvk in d.get("x-kubernetes-group-version-kind", []):
            group, version, kind = gvk["group"], gvk["version"], gvk["kind"]
            if kind.endswith("List") or "apiextensions-apiserver" in name and kind != "CustomResourceDefinition":
                continue
            seen = set()
            reach(defs, name, seen)
            schema = copy.deepcopy(defs[name])
            schema["$schema"] = "http://json-schema.org/draft-07/schema#"
            schema["definitions"] = {n: copy.deepcopy(defs[n]) for n in sorted(seen) if n != name}
            # a rendered manifest must name this exact kind and version
            props = schema.setdefault("properties", {})
            props["kind"] = {"type": "string", "enum": [kind]}
            props["apiVersion"] = {"type": "string",
                                   "enum": [f"{group}/{version}" if group else version]}
            strict(schema)
            suffix = f"-{group.split('.')[0]}-{version}" if group else f"-{version}"
            (out / f"{kind.lower()}{suffix}.json").write_text(json.dumps(schema, sort_keys=True))
            count += 1
    print(f"convert: {count} Kubernetes kinds -> {out}")


def crd(out, files):
    out = pathlib.Path(out)
    count = 0
    for f in files:
        for doc in yaml.safe_load_all(pathlib.Path(f).read_text()):
            if not doc or doc.get("kind") != "CustomResourceDefinition":
                continue
            spec = doc["spec"]
            group, kind = spec["group"], spec["names"]["kind"]
            for v in spec["versions"]:
                if not v.get("served", True):
                    continue
                schema = strict(copy.deepcopy(v["schema"]["openAPIV3Schema"]))
                schema["$schema"] = "http://json-schema.org/draft-07/schema#"
                props = schema.setdefault("properties", {})
                props["kind"] = {"type": "string", "enum": [kind]}
                props["apiVersion"] = {"type": "string", "enum": [f"{group}/{v['name']}"]}
                # metadata is an ObjectMeta: checked by the API server, free-form here
                props["metadata"] = {"type": "object"}
                schema["additionalProperties"] = False
                d = out / group
                d.mkdir(parents=True, exist_ok=True)
                (d / f"{kind.lower()}_{v['name']}.json").write_text(json.dumps(schema, sort_keys=True))
                count += 1
    print(f"convert: {count} CRD versions -> {out}")


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "k8s":
        k8s(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 4 and sys.argv[1] == "crd":
        crd(sys.argv[2], sys.argv[3:])
    else:
        sys.exit(__doc__)
