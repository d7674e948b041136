"""The README's quickstart, run as written against the running stack."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import gateway_url, mint, unique

README = Path(__file__).resolve().parents[1] / "README.md"


def quickstart() -> str:
    text = README.read_text(encoding="utf-8")
    block = re.search(
        r"<!-- quickstart:begin -->\s*```python\n(.*?)```\s*<!-- quickstart:end -->", text, re.S
    )
    assert block, "README.md has no quickstart block"
    return block.group(1)


def test_the_readme_quickstart_runs_as_written() -> None:
    code = quickstart()
    assert len(code.strip().splitlines()) <= 12

    env = {"MEMBANK_URL": gateway_url(), "MEMBANK_TOKEN": mint(unique("sdk-py-readme"))}
    src = str(Path(__file__).resolve().parents[1] / "src")
    run = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "PYTHONPATH": src},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert run.returncode == 0, run.stderr
    assert "job completed 100%" in run.stdout
    assert "I moved to Lisbon last month." in run.stdout
