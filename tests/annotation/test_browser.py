"""The labeling page, as an annotator sees it, in Debian's headless Chromium: our config with its four labels, the
guidelines as the project's instructions and a pre-annotated region. Screenshots are kept as test artifacts in
build/test-artifacts/annotation/."""

from __future__ import annotations

import io
import json
import os
import time

import pytest
from click.testing import CliRunner
from lshelpers import ADMIN

from gonerd.cli import main

pytestmark = [pytest.mark.network, pytest.mark.slow]

TEXT = ("Judge Marta Oyelaran of the Lincoln County District Court ruled on Tuesday that Cascadia Cellworks "
        "breached the Lanham Act. The Danish shipyard in Esbjerg was not a party.")
PATTERNS = [{"label": "PER", "pattern": "Marta Oyelaran"}, {"label": "ORG", "pattern": "Lincoln County District Court"},
            {"label": "MISC", "pattern": "Lanham Act"}, {"label": "LOC", "pattern": "Esbjerg"}]


@pytest.fixture
def browser():
    from cdp import Browser, chromium_path

    if chromium_path() is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install Chromium (`make setup-chromium`)")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    b = Browser()
    yield b
    b.close()


def colour_pixels(png: bytes, hex_colour: str, tolerance: int = 40) -> int:
    """Pixels of ``png`` whose colour is within ``tolerance`` (per channel) of ``hex_colour`` or of that colour
    blended at any opacity over white (the region highlight is translucent)."""
    import numpy as np
    from PIL import Image

    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int).reshape(-1, 3)
    target = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])
    white = np.array([255, 255, 255])
    found = np.zeros(len(rgb), dtype=bool)
    for alpha in np.linspace(0.15, 1.0, 18):
        blended = alpha * target + (1 - alpha) * white
        found |= (np.abs(rgb - blended) <= tolerance * alpha + 4).all(axis=1)
    return int(found.sum())


def test_labeling_page_renders_config_guidelines_and_pre_annotation(ls_server, tmp_path, artifacts, browser):
    env = {"LABEL_STUDIO_URL": ls_server.url, "LABEL_STUDIO_API_KEY": ADMIN.token}
    runner = CliRunner()
    docs, patterns, campaign = tmp_path / "docs.jsonl", tmp_path / "patterns.jsonl", tmp_path / "campaign.json"
    docs.write_text(json.dumps({"id": "court-1", "text": TEXT}) + "\n")
    patterns.write_text("".join(json.dumps(p) + "\n" for p in PATTERNS))
    for args in (["annotate", "setup", "--campaign", str(campaign), "--title", "browser check"],
                 ["annotate", "push", str(docs), "--campaign", str(campaign), "--preannotate",
                  f"gazetteer:{patterns}"]):
        result = runner.invoke(main, args, env=env)
        assert result.exit_code == 0, result.output
    project_id = json.loads(campaign.read_text())["seats"][0]["project_id"]

    url = ls_server.url
    browser.goto(f"{url}/user/login/")
    browser.evaluate("(() => { const f = document.querySelector('form');"
                     f" f.querySelector('[name=email]').value = {json.dumps(ADMIN.email)};"
                     f" f.querySelector('[name=password]').value = {json.dumps(ADMIN.password)};"
                     " f.submit(); return true; })()")
    browser.wait_for("!location.pathname.startsWith('/user/login')", timeout=30)

    browser.goto(f"{url}/projects/{project_id}/data?labeling=1")
    # the guidelines open first, as the project's instructions
    browser.wait_for("document.body.innerText.includes('GONERD annotation guidelines')", timeout=90)
    (artifacts / "labeling_instructions.png").write_bytes(browser.screenshot())
    browser.evaluate("(() => { const b = [...document.querySelectorAll('button, [role=button], span, div')]"
                     ".find(e => e.getAttribute('aria-label') === 'Close' || e.textContent.trim() === '×'"
                     " || (e.className || '').toString().includes('close')); if (b) b.click(); return !!b; })()")
    browser.evaluate("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}))")
    # the labeling interface: the four labels and the pre-annotated regions (one highlight per region)
    browser.wait_for("document.querySelectorAll('.htx-highlight').length >= 4", timeout=90)
    time.sleep(1.5)  # let the highlights paint
    png = browser.screenshot()
    (artifacts / "labeling_page.png").write_bytes(png)

    labels = browser.evaluate("[...document.querySelectorAll('.lsf-label, [class*=label_]')]"
                              ".map(e => e.textContent.trim())")
    for name in ("PER", "ORG", "LOC", "MISC"):
        assert any(label.startswith(name) for label in labels), (name, labels)
    highlighted = browser.evaluate("[...document.querySelectorAll('.htx-highlight')].map(e => e.textContent)")
    assert "Marta Oyelaran" in "".join(highlighted) and "Lanham Act" in "".join(highlighted)
    body = browser.evaluate("document.body.innerText")
    assert "Judge Marta Oyelaran" in body
    # and the screenshot shows it: the PER colour of the label button and of the highlighted region
    from annotation.labeling import LABEL_STYLES

    assert colour_pixels(png, LABEL_STYLES["PER"].colour) > 200
    assert colour_pixels(png, LABEL_STYLES["MISC"].colour) > 200
