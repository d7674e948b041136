"""The checked-in models are what sdks/generate.sh makes of today's API document."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
MODELS = ROOT / "sdks" / "python" / "src" / "membank" / "models.py"


def test_models_match_the_api_document(tmp_path: Path) -> None:
    subprocess.run(
        [str(ROOT / "sdks" / "generate.sh"), "--out", str(tmp_path), "--only", "python"],
        check=True,
        capture_output=True,
    )

    regenerated = (tmp_path / "models.py").read_text(encoding="utf-8")
    assert regenerated == MODELS.read_text(encoding="utf-8"), (
        "models.py is stale: run sdks/generate.sh and commit the result"
    )
