"""`agreement`: how much independent annotators agree, span by span and token by token.

- **Span F1 per pair** of annotators, over the documents both annotated, overall and per label:
  *exact* (same start, end and label) and *overlap* (same label, at least one shared character). With A's spans
  as "predictions" and B's as "reference": precision = A's spans that match / A's spans, recall = B's spans that
  match / B's spans, F1 their harmonic mean (symmetric for exact match).
- **Token-level Cohen's kappa per pair** (scikit-learn's ``cohen_kappa_score``) on the IOB2 tags of every token
  of the shared documents (tokens and tags through :mod:`gonerd.spans`, spaCy's ``blank:en`` tokenizer), and on the
  *entity tokens* only (tokens that at least one of the two tagged): the all-token figure is inflated by the many
  ``O`` tokens both leave alone.
- **Fleiss' kappa** (statsmodels) over the tokens of the documents annotated by the most common number of
  annotators (it needs the same number of ratings per token), and **Krippendorff's alpha** (nominal, the
  ``krippendorff`` package) over the tokens of every document with two or more annotators (missing ratings
  allowed).
- **Per annotator**: documents, spans per label, total and median ``lead_time`` and tokens per minute.
- **Disagreements**: for each document, every group of overlapping spans on which the annotators do not all agree,
  with each annotator's version.

One annotation per annotator and document counts (the latest, see
:meth:`annotation.records.AnnotatedDocument.latest_by_annotator`).
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from annotation.records import AnnotatedDocument
from gonerd.schema import ENTITY_TYPES, NER_TAGS, Entity


@dataclass
class PRF:
    matched_a: int = 0
    total_a: int = 0
    matched_b: int = 0
    total_b: int = 0

    def add(self, other: PRF) -> None:
        self.matched_a += other.matched_a
        self.total_a += other.total_a
        self.matched_b += other.matched_b
        self.total_b += other.total_b

    @property
    def precision(self) -> float | None:
        return self.matched_a / self.total_a if self.total_a else None

    @property
    def recall(self) -> float | None:
        return self.matched_b / self.total_b if self.total_b else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None if (self.total_a or self.total_b) == 0 else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"precision": _r(self.precision), "recall": _r(self.recall), "f1": _r(self.f1),
                "spans_a": self.total_a, "spans_b": self.total_b, "matched_a": self.matched_a,
                "matched_b": self.matched_b}


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def span_match(a: Sequence[Entity], b: Sequence[Entity], mode: str) -> PRF:
    if mode == "exact":
        sa = {(e.start, e.end, e.label) for e in a}
        sb = {(e.start, e.end, e.label) for e in b}
        both = len(sa & sb)
        return PRF(both, len(sa), both, len(sb))

    def hits(xs: Sequence[Entity], ys: Sequence[Entity]) -> int:
        return sum(1 for x in xs if any(x.label == y.label and x.start < y.end and y.start < x.end for y in ys))

    return PRF(hits(a, b), len(a), hits(b, a), len(b))


@dataclass
class PairResult:
    a: str
    b: str
    documents: int = 0
    exact: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))  # "overall" and per label
    overlap: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    tokens: int = 0
    kappa: float | None = None
    entity_tokens: int = 0
    kappa_entity_tokens: float | None = None

    def to_json(self) -> dict[str, Any]:
        labels = ["overall", *ENTITY_TYPES]
        return {
            "a": self.a, "b": self.b, "documents": self.documents,
            "exact": {k: self.exact[k].to_json() for k in labels},
            "overlap": {k: self.overlap[k].to_json() for k in labels},
            "tokens": self.tokens, "cohen_kappa": _r(self.kappa),
            "entity_tokens": self.entity_tokens, "cohen_kappa_entity_tokens": _r(self.kappa_entity_tokens),
        }


@dataclass
class AgreementReport:
    annotators: list[str]
    documents: int
    multiply_annotated: int
    pairs: list[PairResult]
    fleiss_kappa: float | None
    fleiss_raters: int | None
    fleiss_tokens: int
    krippendorff_alpha: float | None
    alpha_tokens: int
    per_annotator: dict[str, dict[str, Any]]
    disagreements: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        return {
            "annotators": self.annotators,
            "documents": self.documents,
            "documents_with_two_or_more_annotators": self.multiply_annotated,
            "pairs": [p.to_json() for p in self.pairs],
            "fleiss_kappa": {"value": _r(self.fleiss_kappa), "raters_per_token": self.fleiss_raters,
                             "tokens": self.fleiss_tokens},
            "krippendorff_alpha": {"value": _r(self.krippendorff_alpha), "tokens": self.alpha_tokens},
            "per_annotator": self.per_annotator,
            "disagreements": self.disagreements,
        }


def _token_tags(doc: AnnotatedDocument, entities: Sequence[Entity], offsets) -> list[str]:
    from gonerd.spans import align_entities, spans_to_iob2

    aligned, _ = align_entities(doc.text, entities, offsets, doc.doc_id)
    return spans_to_iob2(offsets, aligned, doc.doc_id)


def compute_agreement(docs: Sequence[AnnotatedDocument], tokenizer: str = "blank:en") -> AgreementReport:
    import numpy as np
    from sklearn.metrics import cohen_kappa_score

    from gonerd.tokenize import Tokenizer

    tok = Tokenizer(tokenizer)
    tag_id = {t: i for i, t in enumerate(NER_TAGS)}
    latest = [(d, d.latest_by_annotator()) for d in docs]
    annotators = sorted({a for _, anns in latest for a in anns})
    pairs = {(a, b): PairResult(a, b) for a, b in itertools.combinations(annotators, 2)}
    pair_tags: dict[tuple[str, str], tuple[list[int], list[int]]] = {k: ([], []) for k in pairs}
    per_annotator: dict[str, dict[str, Any]] = {
        a: {"documents": 0, "spans": Counter(), "lead_times": [], "tokens": 0} for a in annotators}
    value_rows: list[np.ndarray] = []  # per document: tokens × categories counts
    raters_per_doc: list[int] = []
    disagreements: list[dict[str, Any]] = []

    for doc, anns in latest:
        _, offsets = tok(doc.text)
        tags = {a: [tag_id[t] for t in _token_tags(doc, ann.entities, offsets)] for a, ann in anns.items()}
        for a, ann in anns.items():
            stats = per_annotator[a]
            stats["documents"] += 1
            stats["spans"].update(e.label for e in ann.entities)
            stats["tokens"] += len(offsets)
            if ann.lead_time is not None:
                stats["lead_times"].append(float(ann.lead_time))
        if len(anns) < 2:
            continue
        for a, b in itertools.combinations(sorted(anns), 2):
            pr = pairs[(a, b)]
            pr.documents += 1
            ea, eb = anns[a].entities, anns[b].entities
            for mode, table in (("exact", pr.exact), ("overlap", pr.overlap)):
                table["overall"].add(span_match(ea, eb, mode))
                for label in ENTITY_TYPES:
                    table[label].add(span_match([e for e in ea if e.label == label],
                                                [e for e in eb if e.label == label], mode))
            pair_tags[(a, b)][0].extend(tags[a])
            pair_tags[(a, b)][1].extend(tags[b])
        counts = np.zeros((len(offsets), len(NER_TAGS)), dtype=np.int64)
        for t in tags.values():
            counts[np.arange(len(offsets)), t] += 1
        value_rows.append(counts)
        raters_per_doc.append(len(anns))
        disagreements.extend(_disagreements(doc, anns))

    for key, pr in pairs.items():
        ta, tb = pair_tags[key]
        pr.tokens = len(ta)
        if ta:
            pr.kappa = _kappa(cohen_kappa_score, ta, tb)
            ent = [(x, y) for x, y in zip(ta, tb) if x or y]
            pr.entity_tokens = len(ent)
            if ent:
                pr.kappa_entity_tokens = _kappa(cohen_kappa_score, [x for x, _ in ent], [y for _, y in ent])

    fleiss = alpha = None
    fleiss_raters, fleiss_tokens, alpha_tokens = None, 0, 0
    if value_rows:
        import krippendorff
        from statsmodels.stats.inter_rater import fleiss_kappa

        fleiss_raters = Counter(raters_per_doc).most_common(1)[0][0]
        table = np.concatenate([r for r, n in zip(value_rows, raters_per_doc) if n == fleiss_raters])
        fleiss_tokens = len(table)
        fleiss = _finite(fleiss_kappa(table, method="fleiss")) if len(table) else None
        everything = np.concatenate(value_rows)
        alpha_tokens = len(everything)
        if len(np.unique(everything.nonzero()[1])) > 1:
            alpha = _finite(krippendorff.alpha(value_counts=everything, level_of_measurement="nominal"))
        elif alpha_tokens:
            alpha = 1.0  # every token got the same tag from everyone: perfect agreement, not undefined

    summary = {}
    for a, s in per_annotator.items():
        total = sum(s["lead_times"]) if s["lead_times"] else None
        summary[a] = {
            "documents": s["documents"],
            "spans": sum(s["spans"].values()),
            "spans_per_label": {k: s["spans"].get(k, 0) for k in ENTITY_TYPES},
            "lead_time_total_s": _r(total),
            "lead_time_median_s": _r(statistics.median(s["lead_times"])) if s["lead_times"] else None,
            "tokens_per_minute": _r(s["tokens"] / (total / 60)) if total else None,
        }
    return AgreementReport(
        annotators=annotators, documents=len(docs), multiply_annotated=len(value_rows),
        pairs=list(pairs.values()), fleiss_kappa=fleiss, fleiss_raters=fleiss_raters, fleiss_tokens=fleiss_tokens,
        krippendorff_alpha=alpha, alpha_tokens=alpha_tokens, per_annotator=summary, disagreements=disagreements,
    )


SUMMARY_FORMAT = "gonerd-agreement-summary/1"


def dataset_summary(report: AgreementReport, names: dict[str, str]) -> dict[str, Any]:
    """The campaign's agreement in a form fit for a dataset folder (``agreement.json``, read by `gonerd stats` and
    `gonerd card`): the headline figures, span F1 pooled over the pairs (micro), and one short entry per pair and
    per annotator, annotators named by ``names`` (pseudonyms by default: the folder gets published). No text and
    no disagreement listing."""
    exact, overlap = PRF(), PRF()
    per_label = {label: PRF() for label in ENTITY_TYPES}
    for p in report.pairs:
        exact.add(p.exact["overall"])
        overlap.add(p.overlap["overall"])
        for label in ENTITY_TYPES:
            per_label[label].add(p.exact[label])
    kappas = [p.kappa for p in report.pairs if p.kappa is not None]
    return {
        "format": SUMMARY_FORMAT,
        "annotators": len(report.annotators),
        "documents": report.documents,
        "documents_with_two_or_more_annotators": report.multiply_annotated,
        "span_f1_exact": _r(exact.f1),
        "span_f1_overlap": _r(overlap.f1),
        "span_f1_exact_per_label": {label: _r(per_label[label].f1) for label in ENTITY_TYPES},
        "cohen_kappa_tokens_mean": _r(statistics.fmean(kappas)) if kappas else None,
        "fleiss_kappa_tokens": _r(report.fleiss_kappa),
        "krippendorff_alpha_tokens": _r(report.krippendorff_alpha),
        "pairs": {f"{names[p.a]} vs {names[p.b]}": {
            "documents": p.documents, "span_f1_exact": p.exact["overall"].to_json()["f1"],
            "span_f1_overlap": p.overlap["overall"].to_json()["f1"], "cohen_kappa_tokens": _r(p.kappa)}
            for p in report.pairs},
        "per_annotator": {names[a]: {"documents": s["documents"], "spans": s["spans"],
                                     "lead_time_median_s": s["lead_time_median_s"]}
                          for a, s in report.per_annotator.items()},
    }


def _finite(x: float) -> float | None:
    import math

    return float(x) if x is not None and math.isfinite(x) else None


def _kappa(func, a: list[int], b: list[int]) -> float | None:
    if len(set(a) | set(b)) == 1:
        return 1.0  # both gave every token the same single tag: identical, kappa's 0/0 read as agreement
    return _finite(func(a, b))


def _disagreements(doc: AnnotatedDocument, anns: dict) -> list[dict[str, Any]]:
    """Groups of overlapping spans (across annotators) on which not every annotator gives the same span."""
    spans = sorted(((e.start, e.end, e.label, a) for a, ann in anns.items() for e in ann.entities))
    groups: list[list[tuple]] = []
    end = -1
    for s in spans:
        if groups and s[0] < end:
            groups[-1].append(s)
            end = max(end, s[1])
        else:
            groups.append([s])
            end = s[1]
    out = []
    for group in groups:
        versions = {a: [] for a in anns}
        for start, stop, label, a in group:
            versions[a].append({"start": start, "end": stop, "label": label, "text": doc.text[start:stop]})
        distinct = {tuple((v["start"], v["end"], v["label"]) for v in vs) for vs in versions.values()}
        if len(distinct) > 1:
            out.append({"doc_id": doc.doc_id, "start": group[0][0], "end": max(s[1] for s in group),
                        "text": doc.text[group[0][0] : max(s[1] for s in group)], "versions": versions})
    return out


def format_report(report: AgreementReport, max_disagreements: int = 20) -> str:
    """The report as plain text (what the command prints)."""
    lines = [f"{report.documents} documents, {report.multiply_annotated} with two or more annotators; "
             f"annotators: {', '.join(report.annotators)}", ""]
    lines.append(f"{'pair':<44} {'docs':>5} {'exact F1':>9} {'overlap F1':>11} {'kappa':>7} {'kappa(ent)':>11}")
    for p in report.pairs:
        lines.append(f"{p.a + ' / ' + p.b:<44} {p.documents:>5} {_fmt(p.exact['overall'].f1):>9} "
                     f"{_fmt(p.overlap['overall'].f1):>11} {_fmt(p.kappa):>7} {_fmt(p.kappa_entity_tokens):>11}")
    lines.append("")
    lines.append("exact span F1 per label: " + "; ".join(
        f"{p.a} / {p.b}: " + ", ".join(f"{lab} {_fmt(p.exact[lab].f1)}" for lab in ENTITY_TYPES)
        for p in report.pairs))
    lines.append(f"Fleiss' kappa: {_fmt(report.fleiss_kappa)} ({report.fleiss_tokens} tokens with "
                 f"{report.fleiss_raters} annotators); Krippendorff's alpha (nominal): "
                 f"{_fmt(report.krippendorff_alpha)} ({report.alpha_tokens} tokens)")
    lines.append("")
    lines.append(f"{'annotator':<32} {'docs':>5} {'spans':>6} {'PER':>5} {'ORG':>5} {'LOC':>5} {'MISC':>5} "
                 f"{'median s':>9} {'tok/min':>8}")
    for a, s in report.per_annotator.items():
        per = s["spans_per_label"]
        lines.append(f"{a:<32} {s['documents']:>5} {s['spans']:>6} {per['PER']:>5} {per['ORG']:>5} {per['LOC']:>5} "
                     f"{per['MISC']:>5} {_fmt(s['lead_time_median_s'], 1):>9} {_fmt(s['tokens_per_minute'], 0):>8}")
    lines.append("")
    lines.append(f"{len(report.disagreements)} disagreements" + (":" if report.disagreements else ""))
    for d in report.disagreements[:max_disagreements]:
        versions = "; ".join(
            f"{a}: " + (", ".join(f"{v['label']} [{v['start']}:{v['end']}]" for v in vs) or "none")
            for a, vs in d["versions"].items())
        lines.append(f"  {d['doc_id']} [{d['start']}:{d['end']}] {d['text']!r}: {versions}")
    if len(report.disagreements) > max_disagreements:
        lines.append(f"  … {len(report.disagreements) - max_disagreements} more in the JSON report")
    return "\n".join(lines)


def _fmt(x: float | None, digits: int = 3) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


def heatmap(report: AgreementReport, path) -> None:
    """A PNG with two matrices of pairwise agreement: exact span F1 and token-level Cohen's kappa."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    names = report.annotators
    n = len(names)
    index = {a: i for i, a in enumerate(names)}
    panels = [("exact span F1", lambda p: p.exact["overall"].f1), ("token Cohen's kappa", lambda p: p.kappa)]
    fig, axes = plt.subplots(1, 2, figsize=(4.2 * 2 + 1, 3.6 + 0.25 * n), constrained_layout=True)
    for ax, (title, getter) in zip(axes, panels):
        m = np.full((n, n), np.nan)
        for i in range(n):
            m[i, i] = 1.0
        for p in report.pairs:
            value = getter(p)
            if value is not None and p.documents:
                m[index[p.a], index[p.b]] = m[index[p.b], index[p.a]] = value
        image = ax.imshow(m, vmin=0, vmax=1, cmap="viridis")
        ax.set_xticks(range(n), names, rotation=45, ha="right", fontsize=8)
        ax.set_yticks(range(n), names, fontsize=8)
        for i in range(n):
            for j in range(n):
                text = "–" if np.isnan(m[i, j]) else f"{m[i, j]:.2f}"
                ax.text(j, i, text, ha="center", va="center", fontsize=9,
                        color="white" if np.isnan(m[i, j]) or m[i, j] < 0.6 else "black")
        ax.set_title(title)
        fig.colorbar(image, ax=ax, shrink=0.8)
    fig.suptitle(f"Pairwise agreement ({report.multiply_annotated} documents with ≥2 annotators)")
    fig.savefig(path, dpi=120)
    plt.close(fig)
