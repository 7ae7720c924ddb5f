"""Quality gate on 300 real pages of trafilatura's own evaluation set (``../shared/fixtures/news-html/
trafilatura-eval-dev``: news, blogs and institutional pages in 11 languages, 142 KB on average).

Scored by the upstream rule (``tests/eval_common.py``; see the fixtures' MANIFEST): after whitespace normalisation,
each ``with`` snippet found in the output is a true positive, each ``without`` snippet found a false positive; F1 =
2TP / (2TP + FP + FN) over all pages. Our output is what ``gonerd extract`` prints (the build's read → extract →
identify → normalise → source steps, with the extraction sandbox and its timeout); the reference is
``trafilatura.extract()`` with its defaults on the same bytes, in the same run. Targets (issue 8): F1 >= the
reference's + 0.005, at most one page dropped (no extraction timeout), no mojibake.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from shared_fixtures import SHARED_FIXTURES, require_fixture

from gonerd.processing.decode import decode_bytes
from gonerd.processing.truncation import truncation_evidence

F1_MARGIN = 0.005  # over trafilatura's defaults on the same pages
MAX_DROPPED = 1
MOJIBAKE = ("Ã", "Ă", "Â")
CUTS_PER_PAGE = 5
MIN_CUTS_CAUGHT = 0.99  # share of random cuts (20-95 % of a page) that truncation_evidence must catch

pytestmark = pytest.mark.slow


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def score(evaldata: dict, outputs: dict[str, str | None]) -> tuple[float, int, int, int]:
    """(F1, TP, FP, FN) of the outputs (by URL) under the upstream rule."""
    tp = fp = fn = 0
    for url, item in evaldata.items():
        result = norm(outputs.get(url) or "")
        found = sum(1 for w in item["with"] if result and norm(w) in result)
        tp, fn = tp + found, fn + len(item["with"]) - found
        fp += sum(1 for w in item["without"] if result and norm(w) in result)
    return 2 * tp / (2 * tp + fp + fn), tp, fp, fn


@pytest.fixture(scope="module")
def dev_pages() -> Path:
    return require_fixture(SHARED_FIXTURES / "news-html" / "trafilatura-eval-dev")


@pytest.fixture(scope="module")
def evaldata(dev_pages: Path) -> dict:
    return json.loads((dev_pages / "evaldata.json").read_text(encoding="utf-8"))


def test_extraction_quality_on_the_dev_pages(dev_pages: Path, evaldata: dict) -> None:
    import trafilatura

    from gonerd.extraction_preview import preview

    by_path = {str(dev_pages / item["file"]): url for url, item in evaldata.items()}
    rows = list(preview(list(by_path)))
    ours = {by_path[r["path"]]: r.get("text") for r in rows}
    dropped = [f"{Path(r['path']).name}: {r['dropped']} ({r.get('message')})" for r in rows if "dropped" in r]
    reference = {url: trafilatura.extract((dev_pages / item["file"]).read_bytes()) for url, item in evaldata.items()}
    f1, tp, fp, fn = score(evaldata, ours)
    ref_f1, ref_tp, ref_fp, ref_fn = score(evaldata, reference)
    report = (f"{len(evaldata)} pages: gonerd extract F1 {f1:.4f} (TP {tp}, FP {fp}, FN {fn}); trafilatura.extract "
              f"defaults F1 {ref_f1:.4f} (TP {ref_tp}, FP {ref_fp}, FN {ref_fn}); dropped {len(dropped)}: {dropped}")
    print("\n" + report)
    assert len(rows) == len(evaldata), report
    assert f1 >= ref_f1 + F1_MARGIN, report
    assert len(dropped) <= MAX_DROPPED, report
    assert not any("extraction_timeout" in d for d in dropped), report

    # no mojibake where the source is UTF-8 but for a few bad bytes: no Ã/Ă/Â and no U+FFFD the source lacks
    introduced = []
    for url, item in evaldata.items():
        raw = (dev_pages / item["file"]).read_bytes()
        valid = raw.decode("utf-8", "ignore")
        bad_bytes = len(raw) - len(valid.encode("utf-8"))
        text = ours.get(url) or ""
        if bad_bytes > 3:
            continue  # an 8-bit page: its decoding is tested elsewhere
        for marker in MOJIBAKE:
            if text.count(marker) > valid.count(marker):
                introduced.append(f"{item['file']}: {marker!r}")
        if text.count("\ufffd") > valid.count("\ufffd") + bad_bytes or (
            "\ufffd\ufffd" in text and "\ufffd\ufffd" not in valid
        ):
            introduced.append(f"{item['file']}: U+FFFD")
    assert introduced == [], introduced


def test_truncation_evidence_on_the_dev_pages(dev_pages: Path, evaldata: dict) -> None:
    """No complete page is called truncated (also with its optional </body></html> removed); random cuts are."""
    rng = random.Random(3)
    wrongful, missed, cuts = [], [], 0
    for item in sorted(evaldata.values(), key=lambda i: i["file"]):
        html, _ = decode_bytes((dev_pages / item["file"]).read_bytes())
        for variant in (html, re.sub(r"(?i)</body>|</html>", "", html)):
            if (evidence := truncation_evidence(variant)) is not None:
                wrongful.append(f"{item['file']}: {evidence}")
        for _ in range(CUTS_PER_PAGE):
            cut = rng.randint(int(len(html) * 0.2), int(len(html) * 0.95))
            cuts += 1
            if truncation_evidence(html[:cut]) is None:
                missed.append(f"{item['file']}@{cut}")
    print(f"\ncomplete pages called truncated: {len(wrongful)}; random cuts caught: {cuts - len(missed)}/{cuts}")
    assert wrongful == []
    assert cuts - len(missed) >= MIN_CUTS_CAUGHT * cuts, missed

