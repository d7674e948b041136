"""What the labelled-set generators (bench/*/generate.py) share: their command line (--seed,
--check) and writing their output, or checking that the checked-in file is what they make."""
import argparse
import json
import os
import sys


def run(generate, out, default_seed=22):
    """Parses --seed / --check; writes `generate(seed)` to `out` as JSON, or with --check exits
    non-zero when `out` differs. Returns the data written (None after a check)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=default_seed)
    ap.add_argument("--out", default=out)
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    text = json.dumps(generate(a.seed), ensure_ascii=False, indent=1) + "\n"
    name = os.path.basename(a.out)
    if a.check:
        with open(a.out, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit(f"{a.out} differs from what generate.py makes: regenerate it")
        print(f"{name} is up to date")
        return None
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(text)
    return json.loads(text)
