"""`gonerd build`: the whole pipeline, as five datatrove stages.

1. **process** (``tasks`` shards of the input files): read → extract → identify → language → normalise → source →
   tokenise → length filter → dedup keys → intermediate JSONL + MinHash signatures;
2. **minhash buckets** (one task per LSH band): near-duplicate pairs;
3. **clusters** (one task): duplicate clusters and which member each keeps;
4. **annotate** (``tasks`` shards): drop duplicates → gold/silver entities → IOB2 tags;
5. **split** (one task): train/validation/test and the parquet files.

The stages run here with datatrove's local executor; the same step lists run on a cluster with its Slurm or Ray
executors (see the README). Intermediate files live in a work folder named after the configuration's fingerprint:
re-running an interrupted build resumes with the tasks that did not finish. The dataset folder is assembled
beside its destination and renamed into place at the end.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from gonerd.accounting import StepCount, check_balance, entity_summary, format_table, read_stage_stats
from gonerd.config import BuildConfig
from gonerd.errors import UserError

PROCESS_STEPS = ["read", "extract", "identify", "language", "normalize", "source", "tokenize", "length"]
ANNOTATE_STEPS = ["dedup", "annotate"]
WRITE_STEPS = ["split"]
# counted like the others and checked in the chain, but not shown: it passes every document on
HIDDEN_STEPS = ["dedup keys"]


class BuildError(UserError, RuntimeError):
    """Something the user gave cannot be built (inputs, settings, the gold file, the destination): one line naming
    it. A bug is never a BuildError (see :class:`gonerd.accounting.AccountingError`)."""


class NothingSurvived(BuildError):
    """Every document was dropped: the message names the inputs and the main reasons; ``table`` is the whole
    accounting table (the command prints it above the error line)."""

    def __init__(self, message: str, table: str):
        super().__init__(message)
        self.table = table


def _nothing_survived(config: BuildConfig, stage: str, steps: list[StepCount]) -> NothingSurvived:
    shown = [str(p) for p in config.inputs[:3]] + ([f"{len(config.inputs) - 3} more"] if len(config.inputs) > 3 else [])
    reasons: dict[str, int] = {}
    for step in steps:
        for reason, n in step.dropped.items():
            reasons[f"{step.step}: {reason}"] = reasons.get(f"{step.step}: {reason}", 0) + n
    top = sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))
    why = ", ".join(f"{k} {v}" for k, v in top[:4]) + (f" and {len(top) - 4} more reasons" if len(top) > 4 else "")
    where = "the build" if stage == "build" else f"the {stage} stage"
    return NothingSurvived(f"no document of {', '.join(shown)} survived {where} (dropped: {why or 'none'}; "
                           "the accounting table is above)", format_table(steps))


@dataclass
class BuildResult:
    out: Path
    config: BuildConfig
    steps: list[StepCount]
    splits: dict
    seconds: float
    gold_records_unused: list[str] = field(default_factory=list)

    @property
    def num_documents(self) -> int:
        return sum(s["num_examples"] for s in self.splits.values())

    def table(self) -> str:
        """The accounting table, then one line on the gold/silver entities (matched, re-anchored, dropped...)."""
        entities = entity_summary(self.steps)
        return format_table(self.steps) + (f"\n\n{entities}" if entities else "")


DEMO_MARKER = ".gonerd-demo-corpus.json"  # lists the files the demo renderer wrote into its folder


def prepare_demo(config: BuildConfig) -> BuildConfig:
    """With no inputs, render the embedded demo corpus next to the output and build from it with its gold spans.

    The corpus folder (``<out parent>/demo-corpus``) holds a marker listing the files the renderer wrote; a folder
    without it, or with files the renderer did not write, is refused rather than overwritten or pruned."""
    if config.inputs:
        return config
    from gonerd.demo import render_demo_corpus

    corpus = Path(config.out).resolve().parent / "demo-corpus"
    corpus.parent.mkdir(parents=True, exist_ok=True)
    ours = _demo_files(corpus)
    with tempfile.TemporaryDirectory(dir=corpus.parent) as tmp:
        render_demo_corpus(Path(tmp))
        written = sorted(str(p.relative_to(tmp)) for p in Path(tmp).rglob("*") if p.is_file())
        sync_tree(Path(tmp), corpus, owned=ours)
    (corpus / DEMO_MARKER).write_text(json.dumps({"files": written}, indent=1))
    config.inputs = [str(corpus / "news"), str(corpus / "legal")]
    if config.gold is None and config.silver_pipeline is None:
        config.gold = str(corpus / "gold.jsonl")
    return config


def _demo_files(corpus: Path) -> set[str]:
    """The files an earlier demo render wrote into ``corpus``; BuildError if anything else is there."""
    if not corpus.exists():
        return set()
    present = {str(p.relative_to(corpus)) for p in corpus.rglob("*") if p.is_file()} - {DEMO_MARKER}
    marker = corpus / DEMO_MARKER
    if not marker.is_file():
        if present:
            raise BuildError(f"{corpus} exists and was not written by the demo renderer (it would be overwritten): "
                             "move it, or give --out another parent folder")
        return set()
    ours = set(json.loads(marker.read_text()).get("files", []))
    foreign = sorted(present - ours)
    if foreign:
        raise BuildError(f"{corpus} holds files the demo renderer did not write ({', '.join(foreign[:5])}): "
                         "move them; the demo corpus folder is rewritten on every demo build")
    return ours


def prepare_work(config: BuildConfig) -> tuple[BuildConfig, list[str], Path]:
    """The configuration (demo corpus filled in), the sorted input files, and the work folder of this build.

    The work folder is named after the configuration and inputs, so a cluster launch of :func:`build_stages`
    and a later ``gonerd build`` with the same settings share it.
    """
    from gonerd.sources import discover_inputs

    config = prepare_demo(config)
    check_destination(Path(config.out).resolve(), config.inputs, config.gold, config.work_dir)
    try:
        files = discover_inputs(config.inputs)
    except FileNotFoundError as exc:  # an input that does not exist at all
        raise BuildError(str(exc)) from None
    if not files:
        shown = ", ".join(config.inputs[:3]) + (f" and {len(config.inputs) - 3} more" if len(config.inputs) > 3 else "")
        skipped = "; ".join(r.message for r in files.skipped[:3]) + ("; ..." if len(files.skipped) > 3 else "")
        raise BuildError(f"no readable input files under {shown}" + (f" ({skipped})" if skipped else ""))
    out = Path(config.out).resolve()
    work_root = Path(config.work_dir).resolve() if config.work_dir else out.parent / ".gonerd-work"
    work = work_root / f"{out.name}-{config.fingerprint(files)}"
    work.mkdir(parents=True, exist_ok=True)
    (work / "config.json").write_text(json.dumps(config.to_dict(), indent=2, default=str))
    return config, files, work


# what gonerd build writes into a dataset folder: anything else there is the user's and is never replaced silently
DATASET_FILES = ("README.md", "build_report.json", "data/*.parquet")


def check_destination(out: Path, inputs: list[str], gold: str | None = None, work_dir: str | None = None) -> None:
    """Refuse an ``--out`` that would destroy something, since it is replaced wholesale: a folder that is not a
    gonerd dataset, one holding files a build does not write, one that contains or lies inside an input, or one
    that contains the gold file or the work folder."""
    for item in inputs:
        path = Path(item).resolve()
        if path == out or out in path.parents or path in out.parents:
            raise BuildError(f"--out {out} and the input {path} overlap: the build would read or replace itself")
    for what, item in (("--gold file", gold), ("work folder", work_dir)):
        if item and (out == Path(item).resolve() or out in Path(item).resolve().parents):
            raise BuildError(f"the {what} {Path(item).resolve()} is inside --out {out}, which the build replaces: "
                             "move it or choose another --out")
    if out.exists() and not out.is_dir():
        raise BuildError(f"--out {out} is a file, not a folder: choose another --out")
    if not out.exists() or not any(out.iterdir()):
        return
    if not (out / "build_report.json").is_file():
        raise BuildError(
            f"{out} exists and is not a dataset written by gonerd build (no build_report.json): it would be "
            "replaced. Choose another --out or remove it yourself."
        )
    foreign = sorted(
        str(p.relative_to(out)) for p in out.rglob("*")
        if p.is_file() and not any(p.relative_to(out).match(pattern) for pattern in DATASET_FILES)
    )  # fmt: skip
    if foreign:
        raise BuildError(f"{out} holds files gonerd build did not write ({', '.join(foreign[:5])}): they would be "
                         "deleted with the old dataset. Move them or choose another --out.")


@contextlib.contextmanager
def locked(work: Path):
    """One build at a time per work folder (two would interleave their intermediate files). A POSIX record lock:
    processes forked by the build do not inherit it (see :func:`gonerd.output.destination_lock`)."""
    import fcntl

    with open(work / ".lock", "a") as handle:
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise BuildError(f"another gonerd build is running on {work}") from None
        yield


def _require_output(config: BuildConfig, folder: Path, stage: str, steps: list[StepCount]) -> None:
    """datatrove writes no file when no document reaches a writer: say so with the table, not a traceback."""
    if not any(folder.glob("*.jsonl*")):
        raise _nothing_survived(config, stage, steps)


def sync_tree(src: Path, dst: Path, owned: set[str] | None = None) -> None:
    """Make ``dst`` a copy of ``src``, rewriting only files whose bytes differ (unchanged files keep their mtime,
    so a re-rendered demo corpus does not invalidate a resumable build). Files of ``dst`` that ``src`` lacks are
    deleted only if listed in ``owned`` (relative paths), when given."""
    wanted = {p.relative_to(src) for p in src.rglob("*") if p.is_file()}
    for rel in sorted(wanted):
        target = dst / rel
        data = (src / rel).read_bytes()
        if not target.is_file() or target.read_bytes() != data:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    if dst.exists():
        for stale in [p for p in dst.rglob("*") if p.is_file() and p.relative_to(dst) not in wanted]:
            if owned is None or str(stale.relative_to(dst)) in owned:
                stale.unlink()


def _executor(pipeline, *, tasks: int, workers: int, logging_dir: Path):
    from gonerd.datatrove_speedups import local_executor

    return local_executor(
        pipeline,
        tasks=tasks,
        workers=min(workers, tasks),
        logging_dir=str(logging_dir),
        start_method="fork" if workers > 1 else "forkserver",
    )


def annotation_dir(config: BuildConfig, work: Path) -> Path:
    """Where the cluster/annotate/split stages keep their files: one folder per annotation setting."""
    return work / f"annotation-{config.annotation_fingerprint()}"


def stage_logs(config: BuildConfig, work: Path, stage: str) -> Path:
    base = work if stage in ("process", "minhash buckets") else annotation_dir(config, work)
    return base / "logs" / stage


def build_stages(
    config: BuildConfig, files: list[str], work: Path, staging: Path, *, progress: bool = True
) -> list[tuple[str, list, int]]:
    """The five stages as (name, datatrove pipeline, tasks): what a Slurm/Ray launcher would run in order, each
    with ``logging_dir=stage_logs(config, work, name)``."""
    from datatrove.pipeline.dedup.minhash import MinhashDedupBuckets
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from gonerd.steps.annotate import AnnotateDocuments
    from gonerd.steps.base import plain_record
    from gonerd.steps.dedup import ApplyDedup, DedupKeys, DuplicateClusters, WordMinhashSignature, minhash_config
    from gonerd.steps.extract import ExtractMainText
    from gonerd.steps.filters import LanguageFilter, LengthFilter
    from gonerd.steps.identify import IdentifyDocuments, NameSource
    from gonerd.steps.normalize import NormalizeText
    from gonerd.steps.read import ReadInputs
    from gonerd.steps.tokenize import TokenizeDocuments
    from gonerd.steps.write import WriteDataset

    tasks = max(1, min(config.num_tasks, len(files)))
    ann = annotation_dir(config, work)
    mh = minhash_config(config.dedup_threshold, config.dedup_ngrams, seed=config.seed + 1)
    process = [
        ReadInputs(files, max_input_bytes=config.max_input_bytes, progress=progress),
        ExtractMainText(
            # short pages confidently in a language the filter drops skip the full cascade (processing/extract.py)
            # and the language filter's own languages: pages in others skip the date/site/canonical look-ups
            {"full_cascade_languages": list(config.languages), **config.extraction,
             "kept_languages": list(config.languages)},
            timeout=config.extraction_timeout, keep_truncated=config.keep_truncated_html,
        ),
        IdentifyDocuments(config.source_type),
        # the language filter first: documents it drops (most of a multilingual crawl) are never normalised
        LanguageFilter(tuple(config.languages), config.min_language_score),
        NormalizeText(),
        NameSource(),
        # a build without a silver pipeline never needs torch: spaCy is imported without it (seconds saved)
        TokenizeDocuments(config.tokenizer, without_torch=config.silver_pipeline is None),
        LengthFilter(config.min_tokens, config.max_tokens),
        DedupKeys(str(work / "dedup")),
        JsonlWriter(str(work / "processed"), compression=None, adapter=plain_record),  # intermediate: speed over size
        WordMinhashSignature(str(work / "minhash" / "signatures"), config=mh),
    ]
    buckets = [
        MinhashDedupBuckets(str(work / "minhash" / "signatures"), str(work / "minhash" / "buckets"), config=mh)
    ]
    clusters = [
        DuplicateClusters(
            str(work / "dedup"), str(work / "minhash" / "buckets"), str(ann / "dedup"), gold_path=config.gold
        )
    ]
    annotate = [
        JsonlReader(str(work / "processed")),
        ApplyDedup(str(ann / "dedup"), action=config.dedup_action),
        AnnotateDocuments(config.gold, config.silver_pipeline, on_overlap=config.on_overlap),
        JsonlWriter(str(ann / "annotated"), compression=None, adapter=plain_record),
    ]
    write = [
        JsonlReader(str(ann / "annotated")),
        WriteDataset(str(staging), tuple(config.split_ratios), config.seed, gold_path=config.gold),
    ]
    return [
        ("process", process, tasks),
        ("minhash buckets", buckets, mh.num_buckets),
        ("clusters", clusters, 1),
        ("annotate", annotate, tasks),
        ("split", write, 1),
    ]


def stage_counts(config: BuildConfig, work: Path, *, hidden: bool = False) -> list[StepCount]:
    """The accounting table so far, in the order documents flow (stages that have not run yet contribute
    nothing); ``hidden=True`` includes the pass-through steps the table does not show."""
    process = PROCESS_STEPS + (HIDDEN_STEPS if hidden else [])
    return [
        *read_stage_stats(stage_logs(config, work, "process"), process).values(),
        *read_stage_stats(stage_logs(config, work, "annotate"), ANNOTATE_STEPS).values(),
        *read_stage_stats(stage_logs(config, work, "split"), WRITE_STEPS).values(),
    ]


def run_build(config: BuildConfig, *, echo=print, log_level: str = "WARNING", progress: bool = True) -> BuildResult:
    """Run the whole build; returns where the dataset is and the accounting table. ``progress`` shows a progress
    bar with an ETA while the inputs are read."""
    from gonerd import datatrove_speedups
    from gonerd.lean_imports import freeze_startup_objects
    from gonerd.logs import configure_pipeline_logging
    from gonerd.output import DestinationBusy, destination_lock, recover_destination

    started = time.monotonic()
    configure_pipeline_logging(log_level)
    datatrove_speedups.apply()
    out = Path(config.out).resolve()
    try:
        with destination_lock(out):  # one build per destination: the second one is refused
            for line in recover_destination(out):
                echo(f"{out.name}: {line} (left by a build that was killed)")
            config, files, work = prepare_work(config)
            check_build_inputs(config)  # the gold file, pipelines and settings, before any stage runs
            freeze_startup_objects()
            return _run_stages(config, files, work, out, started, echo=echo, progress=progress)
    except DestinationBusy as exc:
        raise BuildError(str(exc)) from None


def check_build_inputs(config: BuildConfig) -> None:
    """Everything a late stage would stumble on, checked first: the gold file (every line, with ``file:line`` in
    the message), the silver pipeline and the tokenizer (loaded once here: a typo fails now, not at stage 4)."""
    from gonerd.annotate import GoldFileError, SilverAnnotator, load_gold, overlapping_entities
    from gonerd.tokenize import load_pipeline

    if config.gold:
        try:
            gold = load_gold(config.gold)
        except GoldFileError as exc:
            raise BuildError(str(exc)) from None
        except OSError as exc:
            raise BuildError(f"{config.gold}: cannot read the gold file ({exc.strerror or exc})") from None
        if config.on_overlap == "error":
            for record in [*gold.by_id.values(), *gold.by_url.values()]:
                if pair := overlapping_entities(record):
                    a, b = pair
                    raise BuildError(f"{record.origin}: entities [{a.start}:{a.end}] {a.label} and [{b.start}:{b.end}]"
                                     f" {b.label} overlap; CoNLL tags cannot hold both (on_overlap: drop drops such "
                                     "documents instead)")
    try:
        load_pipeline(config.tokenizer, without_torch=config.silver_pipeline is None, tokenizer_only=True)
        if config.silver_pipeline:
            SilverAnnotator(config.silver_pipeline).check()
    except ValueError as exc:
        raise BuildError(str(exc)) from None


def _run_stages(config: BuildConfig, files, work: Path, out: Path, started: float, *, echo, progress: bool):
    from gonerd.card import render_card
    from gonerd.datasets_cache import forget_cached_loads
    from gonerd.output import readme_yaml, staged_folder, write_readme

    with locked(work), staged_folder(out) as staging:
        if any(work.glob("**/completions/*")):
            echo(f"Resuming from {work} (tasks finished earlier are skipped)")
        # the split stage writes into staging; it must run again when the staging folder is new
        shutil.rmtree(stage_logs(config, work, "split"), ignore_errors=True)
        stages = build_stages(config, files, work, staging, progress=progress)
        outputs = {"process": work / "processed", "annotate": annotation_dir(config, work) / "annotated"}
        for i, (name, pipeline, tasks) in enumerate(stages, start=1):
            echo(f"[{i}/{len(stages)}] {name}: {tasks} task(s), {min(config.workers, tasks)} worker(s)")
            logs = stage_logs(config, work, name)
            _executor(pipeline, tasks=tasks, workers=config.workers, logging_dir=logs).run()
            if name in outputs:
                _require_output(config, outputs[name], name, stage_counts(config, work))
        check_balance(stage_counts(config, work, hidden=True))  # fails loudly if a document went missing
        steps = stage_counts(config, work)
        summary = json.loads((staging / "splits.json").read_text())
        os.remove(staging / "splits.json")
        splits = summary["splits"]
        if sum(s["num_examples"] for s in splits.values()) == 0:
            raise _nothing_survived(config, "build", steps)
        result = BuildResult(out, config, steps, splits, time.monotonic() - started, summary["gold_records_unused"])
        report = {
            "config": config.to_dict(),
            "inputs": len(files),
            "steps": [s.to_dict() for s in steps],
            "splits": splits,
            "gold_records_unused": result.gold_records_unused,
        }
        (staging / "build_report.json").write_text(json.dumps(report, indent=2, default=str))
        header = readme_yaml(
            {k: v["num_examples"] for k, v in splits.items()},
            {k: v["num_bytes"] for k, v in splits.items()},
            pretty_name=config.name,
            languages=config.languages,
        )
        write_readme(staging, header, render_card(result))
    forget_cached_loads(out)  # datasets would otherwise serve an earlier build of this folder from its cache
    if not config.keep_work:
        shutil.rmtree(work, ignore_errors=True)
        with contextlib.suppress(OSError):  # the work root too, when no other build uses it
            work.parent.rmdir()
    result.seconds = time.monotonic() - started
    return result
