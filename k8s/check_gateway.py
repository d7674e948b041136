#!/usr/bin/env python3
"""The services' cluster addresses in gateway-config/kong/kong.yaml (generated from
gateway-config/routes.yaml) must be Services the chart renders: same name, namespace and
port, and every chart service (the seven and api-docs) must be routed; no exceptions. Also the
Redis host of Kong's rate-limiting plugin must be the chart's Redis. Usage: check_gateway.py KONG_YAML RENDERED_YAML...
"""
import re
import sys

import yaml

def main(kong_path, rendered):
    kong = yaml.safe_load(open(kong_path))
    services = {}
    for path in rendered:
        for doc in yaml.safe_load_all(open(path)):
            if doc and doc.get("kind") == "Service":
                md = doc["metadata"]
                services[(md["name"], md["namespace"])] = {p["port"] for p in doc["spec"]["ports"]}
    errors = []
    routed = set()
    for svc in kong["services"]:
        m = re.fullmatch(r"https?://([a-z0-9-]+)\.([a-z0-9-]+)\.svc\.cluster\.local:(\d+)", svc["url"])
        if not m:
            errors.append(f"{svc['name']}: url {svc['url']} is not a cluster Service address")
            continue
        name, ns, port = m.group(1), m.group(2), int(m.group(3))
        routed.add(name)
        if (name, ns) not in services:
            errors.append(f"{svc['name']}: kong.yaml routes to {name}.{ns}, the chart renders no such Service")
        elif port not in services[(name, ns)]:
            errors.append(f"{svc['name']}: kong.yaml uses port {port}, Service {name} has {sorted(services[(name, ns)])}")
        for route in svc.get("routes", []):
            for plugin in route.get("plugins", []):
                redis = (plugin.get("config") or {}).get("redis")
                if redis:
                    rname, _, rns = redis["host"].partition(".")
                    rns = rns.split(".")[0]
                    if rns != ns:
                        errors.append(f"route {route['name']}: Redis {redis['host']} is not in namespace {ns}")
    chart_services = {n for (n, _), ports in services.items()
                      if (n.endswith("-service") or n == "api-docs") and not n.endswith("-preview")}
    for missing in sorted(chart_services - routed):
        errors.append(f"chart Service {missing} is not routed by kong.yaml")
    for e in errors:
        print(f"check_gateway: {e}", file=sys.stderr)
    if errors:
        return 1
    print(f"check_gateway: {len(routed)} Kong services agree with the chart's Services")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
