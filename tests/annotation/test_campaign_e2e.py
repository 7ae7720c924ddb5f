"""The whole campaign against a real Label Studio 1.23.2 on 127.0.0.1:

build the demo dataset → setup (blind, two annotators) → push 10 documents with pre-annotations (twice: no
duplicates) → two annotators sign up through the invite link and submit different annotations with their own
tokens (plus a skip and a draft) → pull → agreement equals figures computed by hand here → adjudicate (and push
the unresolved documents back for review) → `gonerd build --gold` gives the adjudicated spans → the agreement
summary goes into the rebuilt folder, and `gonerd stats` and `gonerd card` show the gold provenance and the figures.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from pathlib import Path

import datasets
import httpx
import pytest
from click.testing import CliRunner
from label_studio_sdk import LabelStudio
from lshelpers import ADMIN, labels_result, sign_up

from annotation.documents import read_documents
from gonerd.cli import main
from gonerd.schema import ENTITY_TYPES, Entity
from gonerd.spans import align_entities, spans_to_iob2
from gonerd.tokenize import Tokenizer

pytestmark = [pytest.mark.network, pytest.mark.slow]

N_DOCS = 10
ANN1, ANN2 = "ann1@example.com", "ann2@example.com"
OTHER = {"PER": "ORG", "ORG": "LOC", "LOC": "MISC", "MISC": "PER"}


def run(args, env, outputs):
    result = CliRunner().invoke(main, args, env=env, catch_exceptions=False)
    outputs.append(result.output)
    assert result.exit_code == 0, result.output
    return result.output


def dataset_rows(folder: Path) -> dict[str, dict]:
    ds = datasets.load_dataset(str(folder))
    rows = {}
    for split in ds:
        for row in ds[split]:
            row["entities"] = [Entity(e["start"], e["end"], ENTITY_TYPES[e["label"]], e["text"])
                               for e in row["entities"]]
            rows[row["id"]] = row
    return rows


def ann2_version(entities: list[Entity]) -> list[Entity]:
    """What the second annotator gives: the first entity missed, the second relabelled, the rest the same."""
    out = list(entities[1:])
    out[0] = Entity(out[0].start, out[0].end, OTHER[out[0].label], out[0].text)
    return out


def by_hand_kappa(a: list[str], b: list[str]) -> float:
    n = len(a)
    po = sum(x == y for x, y in zip(a, b)) / n
    labels = set(a) | set(b)
    pe = sum((a.count(c) / n) * (b.count(c) / n) for c in labels)
    return (po - pe) / (1 - pe)


def by_hand_scott_pi(a: list[str], b: list[str]) -> float:
    """Fleiss' kappa with two raters is Scott's pi: expected agreement from the pooled tag distribution."""
    n = len(a)
    po = sum(x == y for x, y in zip(a, b)) / n
    pe = sum(((a.count(c) + b.count(c)) / (2 * n)) ** 2 for c in set(a) | set(b))
    return (po - pe) / (1 - pe)


def by_hand_alpha(a: list[str], b: list[str]) -> float:
    """Krippendorff's nominal alpha for two coders and no missing values: 1 - (n-1) * 2d / (n² - Σ n_c²)."""
    n = 2 * len(a)
    d = sum(x != y for x, y in zip(a, b))
    pooled = a + b
    return 1 - (n - 1) * 2 * d / (n * n - sum(pooled.count(c) ** 2 for c in set(pooled)))


def test_campaign_end_to_end(ls_server, tmp_path, artifacts):
    outputs: list[str] = []
    env = {"LABEL_STUDIO_URL": ls_server.url, "LABEL_STUDIO_API_KEY": ADMIN.token}
    admin = LabelStudio(base_url=ls_server.url, api_key=ADMIN.token)

    # 1. the demo dataset
    run(["build", "--out", str(tmp_path / "ds"), "--keep-work"], env, outputs)
    rows = dataset_rows(tmp_path / "ds")
    chosen = [d.id for d in read_documents(tmp_path / "ds", limit=N_DOCS)]  # what `push --limit` takes
    patterns = tmp_path / "patterns.jsonl"
    first_entities = {rows[i]["entities"][0].text: rows[i]["entities"][0].label for i in chosen}
    patterns.write_text("".join(json.dumps({"label": lab, "pattern": t}) + "\n" for t, lab in first_entities.items()))

    # 2. setup, twice: the second run changes nothing
    campaign = tmp_path / "campaign.json"
    out = run(["annotate", "setup", "--campaign", str(campaign), "--title", "GONERD e2e", "--annotator", ANN1,
               "--annotator", ANN2], env, outputs)
    assert out.count("created") == 2
    out = run(["annotate", "setup", "--campaign", str(campaign)], env, outputs)
    assert out.count("unchanged") == 2
    state = json.loads(campaign.read_text())
    projects = {s["annotator"]: s["project_id"] for s in state["seats"]}
    project = admin.projects.get(id=projects[ANN1])
    assert project.show_instruction and "GONERD annotation guidelines" in project.expert_instruction
    assert all(f'value="{t}"' in project.label_config for t in ENTITY_TYPES)

    # 3. push with pre-annotations; a second push creates no duplicate
    out = run(["annotate", "push", str(tmp_path / "ds"), "--campaign", str(campaign), "--preannotate",
               f"gazetteer:{patterns}", "--limit", str(N_DOCS), "--order", "uncertainty", "--batch-size", "4"],
              env, outputs)
    assert f"imported {N_DOCS}, predictions {N_DOCS}" in out
    out = run(["annotate", "push", str(tmp_path / "ds"), "--campaign", str(campaign), "--limit", str(N_DOCS)],
              env, outputs)
    assert out.count(f"skipped_existing {N_DOCS}") == 2 and "imported" not in out
    state = json.loads(campaign.read_text())
    assert sorted(state["assignment"]) == sorted(chosen)
    assert all(names == [ANN1, ANN2] for names in state["assignment"].values())
    tasks = {}
    for annotator, pid in projects.items():
        listed = list(admin.tasks.list(project=pid, fields="all"))
        assert len(listed) == N_DOCS and len({t.data["doc_id"] for t in listed}) == N_DOCS
        tasks[annotator] = {t.data["doc_id"]: t for t in listed}
    pushed_ids = set(tasks[ANN1])
    assert pushed_ids == set(chosen)
    some = next(iter(tasks[ANN1].values()))
    prediction = admin.predictions.list(task=some.id)[0]
    assert prediction.model_version.startswith("gazetteer:patterns.jsonl-") and prediction.score == 1.0
    first = rows[some.data["doc_id"]]["entities"][0]
    regions = [r for r in prediction.result if r["value"]["start"] == first.start]
    assert regions and isinstance(regions[0]["id"], str) and regions[0]["score"] == 1.0
    assert regions[0]["value"]["labels"] == [first.label] and regions[0]["value"]["text"] == first.text

    # 4. two annotators sign up through the invite link and annotate with their own tokens
    invite = run(["annotate", "invite"], env, outputs).strip()
    invite_path = invite[len(ls_server.url):]
    a1 = sign_up(ls_server.url, invite_path, ANN1, "Passw0rd!one")
    a2 = sign_up(ls_server.url, invite_path, ANN2, "Passw0rd!two")
    c1 = LabelStudio(base_url=ls_server.url, api_key=a1.token)
    c2 = LabelStudio(base_url=ls_server.url, api_key=a2.token)
    ordered = sorted(pushed_ids)
    cancelled_doc, draft_doc = ordered[-1], ordered[0]
    expected = {ANN1: {}, ANN2: {}}
    for doc_id in ordered:
        ents = rows[doc_id]["entities"]
        t1, t2 = tasks[ANN1][doc_id], tasks[ANN2][doc_id]
        c1.annotations.create(id=t1.id, project=t1.project, lead_time=60.0,
                              result=labels_result([(e.start, e.end, e.label, e.text) for e in ents]))
        expected[ANN1][doc_id] = ents
        if doc_id == cancelled_doc:
            c2.annotations.create(id=t2.id, project=t2.project, result=[], was_cancelled=True, lead_time=5.0)
            continue
        mine = ann2_version(ents)
        c2.annotations.create(id=t2.id, project=t2.project, lead_time=90.0,
                              result=labels_result([(e.start, e.end, e.label, e.text) for e in mine], prefix="b"))
        expected[ANN2][doc_id] = mine
    r = httpx.post(f"{ls_server.url}/api/tasks/{tasks[ANN2][draft_doc].id}/drafts",
                   headers={"Authorization": f"Token {ADMIN.token}"}, json={"result": [], "lead_time": 3.0})
    assert r.status_code == 201

    # 5. pull (then an incremental pull that finds nothing new changes nothing)
    pulled = tmp_path / "pulled"
    out = run(["annotate", "pull", "--campaign", str(campaign), "--out", str(pulled)], env, outputs)
    assert f"{2 * N_DOCS - 1} annotations of {N_DOCS} documents" in out
    report = json.loads((pulled / "pull_report.json").read_text())
    assert report["counts"]["cancelled"] == 1 and report["counts"]["drafts"] == 1
    assert report["counts"]["annotations_kept"] == 2 * N_DOCS - 1
    before = (pulled / "annotations.jsonl").read_text()
    out = run(["annotate", "pull", "--campaign", str(campaign), "--out", str(pulled)], env, outputs)
    assert (pulled / "annotations.jsonl").read_text() == before and "incremental True" in out
    docs = [json.loads(line) for line in before.splitlines()]
    for doc in docs:
        for ann in doc["annotations"]:
            got = [Entity(**e) for e in ann["entities"]]
            assert got == expected[ann["annotator"]][doc["doc_id"]]

    # 6. agreement, against figures computed by hand
    out = run(["annotate", "agreement", str(pulled), "--out", str(tmp_path / "agreement")], env, outputs)
    figures = json.loads((tmp_path / "agreement" / "agreement.json").read_text())
    png = tmp_path / "agreement" / "agreement.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    (artifacts / "agreement.png").write_bytes(png.read_bytes())
    shared = [d for d in ordered if d in expected[ANN2]]
    n1 = sum(len(expected[ANN1][d]) for d in shared)
    n2 = sum(len(expected[ANN2][d]) for d in shared)
    both = n2 - len(shared)  # ann2's spans minus the relabelled one are all ann1's
    pair = figures["pairs"][0]
    assert pair["a"] == ANN1 and pair["b"] == ANN2 and pair["documents"] == len(shared)
    assert pair["exact"]["overall"]["f1"] == pytest.approx(2 * both / (n1 + n2), abs=1e-4)
    assert pair["exact"]["overall"]["precision"] == pytest.approx(both / n1, abs=1e-4)
    # overlap match: the relabelled span overlaps only a span of another label, so it is the same here
    assert pair["overlap"]["overall"]["f1"] == pytest.approx(2 * both / (n1 + n2), abs=1e-4)
    tok = Tokenizer()
    tags1, tags2 = [], []
    for d in shared:
        _, offsets = tok(rows[d]["text"])
        for ents, tags in ((expected[ANN1][d], tags1), (expected[ANN2][d], tags2)):
            aligned, _ = align_entities(rows[d]["text"], ents, offsets, d)
            tags.extend(spans_to_iob2(offsets, aligned, d))
    assert pair["tokens"] == len(tags1)
    assert pair["cohen_kappa"] == pytest.approx(by_hand_kappa(tags1, tags2), abs=1e-4)
    entity_tokens = [(x, y) for x, y in zip(tags1, tags2) if x != "O" or y != "O"]
    assert pair["cohen_kappa_entity_tokens"] == pytest.approx(
        by_hand_kappa([x for x, _ in entity_tokens], [y for _, y in entity_tokens]), abs=1e-4)
    assert figures["fleiss_kappa"]["value"] == pytest.approx(by_hand_scott_pi(tags1, tags2), abs=1e-4)
    assert figures["krippendorff_alpha"]["value"] == pytest.approx(by_hand_alpha(tags1, tags2), abs=1e-4)
    per = figures["per_annotator"]
    assert per[ANN1]["documents"] == N_DOCS and per[ANN2]["documents"] == N_DOCS - 1
    assert per[ANN1]["lead_time_median_s"] == 60.0 and per[ANN2]["lead_time_median_s"] == 90.0
    assert len(figures["disagreements"]) == 2 * len(shared)  # the missed span and the relabelled one
    assert f"{pair['exact']['overall']['f1']:.3f}" in out

    # 7. adjudicate: majority of two = both agree; the lone annotation of the skipped document stands
    gold = tmp_path / "gold.jsonl"
    out = run(["annotate", "adjudicate", str(pulled), "--out", str(gold), "--push-review", str(campaign)],
              env, outputs)
    gold_rows = {g["id"]: g for g in map(json.loads, gold.read_text().splitlines())}
    assert sorted(gold_rows) == ordered
    for d in ordered:
        want = expected[ANN1][d] if d == cancelled_doc else expected[ANN2][d][1:]
        assert [Entity(**e) for e in gold_rows[d]["entities"]] == want
    unresolved = [json.loads(line) for line in gold.with_suffix(".unresolved.jsonl").read_text().splitlines()]
    assert len(unresolved) == 3 * len(shared) and all(u["tie"] for u in unresolved)
    review_id = json.loads(campaign.read_text())["review"]["project_id"]
    review = list(admin.tasks.list(project=review_id, fields="all"))
    assert len(review) == len(shared)
    versions = sorted(p.model_version for p in admin.predictions.list(task=review[0].id))
    assert versions[0] == "adjudication:majority" and len(versions) == 3
    assert all(v.startswith("annotator:annotator-") for v in versions[1:])  # pseudonyms, not e-mails

    # 8. rebuild with the adjudicated gold
    corpus = tmp_path / "demo-corpus"
    run(["build", "--input", str(corpus / "news"), "--input", str(corpus / "legal"), "--gold", str(gold),
         "--out", str(tmp_path / "ds-gold")], env, outputs)
    rebuilt = dataset_rows(tmp_path / "ds-gold")
    assert sorted(rebuilt) == ordered
    for d, row in rebuilt.items():
        assert row["annotation"]["kind"] == 0  # "gold"
        assert row["annotation"]["annotators"] == gold_rows[d]["annotators"]
        assert len(row["annotation"]["annotators"]) == (1 if d == cancelled_doc else 2)
        assert row["entities"] == [Entity(**e) for e in gold_rows[d]["entities"]]

    # 9. the campaign's agreement into the rebuilt folder; stats and card show gold provenance and the figures
    ds_gold = tmp_path / "ds-gold"
    out = run(["annotate", "agreement", str(pulled), "--out", str(tmp_path / "agreement"), "--dataset",
               str(ds_gold)], env, outputs)
    assert f"{ds_gold / 'agreement.json'}" in out
    summary = json.loads((ds_gold / "agreement.json").read_text())
    assert summary["format"] == "gonerd-agreement-summary/1" and summary["annotators"] == 2
    assert summary["span_f1_exact"] == pair["exact"]["overall"]["f1"]
    assert summary["span_f1_overlap"] == pair["overlap"]["overall"]["f1"]
    assert summary["cohen_kappa_tokens_mean"] == pair["cohen_kappa"]
    assert summary["fleiss_kappa_tokens"] == figures["fleiss_kappa"]["value"]
    assert summary["krippendorff_alpha_tokens"] == figures["krippendorff_alpha"]["value"]
    p1, p2 = ("annotator-" + hashlib.sha256(a.encode()).hexdigest()[:10] for a in (ANN1, ANN2))
    assert {p1, p2} == set(itertools.chain.from_iterable(g["annotators"] for g in gold_rows.values()))
    assert list(summary["pairs"]) == [f"{p1} vs {p2}"] and summary["pairs"][f"{p1} vs {p2}"]["documents"] == len(
        shared)
    assert summary["per_annotator"][p1]["documents"] == N_DOCS and summary["per_annotator"][p2]["spans"] == n2
    assert json.loads((tmp_path / "agreement" / "agreement.json").read_text())["summary"] == summary
    run(["stats", str(ds_gold), "--no-pii"], env, outputs)
    stats = json.loads((ds_gold / "stats" / "stats.json").read_text())["datasets"][0]
    assert sum(p.get("gold", 0) for p in stats["provenance"].values()) == N_DOCS
    assert all(set(p) <= {"gold"} or p.get("gold") == sum(p.values()) for p in stats["provenance"].values())
    assert stats["agreement"] == summary
    stats_md = (ds_gold / "stats" / "stats.md").read_text()
    f1 = f"{summary['span_f1_exact']:.3f}"
    assert "Inter-annotator agreement" in stats_md and "span_f1_exact" in stats_md
    run(["card", str(ds_gold)], env, outputs)
    card = (ds_gold / "README.md").read_text()
    assert 'annotation.kind == "gold"' in card and "Documents per annotation kind" in card
    assert "Inter-annotator agreement of the annotation campaign" in card
    assert re.search(rf"\|\s*span_f1_exact\s*\|\s*{re.escape(f1)}\s*\|", card)
    assert f"{summary['krippendorff_alpha_tokens']:.3f}" in card
    for text in (card, stats_md, (ds_gold / "agreement.json").read_text()):
        assert ANN1 not in text and ANN2 not in text  # the folder gets published: pseudonyms only
    assert len(dataset_rows(ds_gold)) == N_DOCS  # the folder still loads

    # 10. no token anywhere: command output, files written, the server's log
    secrets = [ADMIN.token, a1.token, a2.token]
    texts = [*list(outputs), ls_server.log_path.read_text(errors="replace")]
    for path in itertools.chain(tmp_path.rglob("*.json"), tmp_path.rglob("*.jsonl"), tmp_path.rglob("*.txt")):
        texts.append(path.read_text(errors="replace"))
    for text in texts:
        for secret in secrets:
            assert secret not in text
