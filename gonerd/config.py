"""Build configuration: one dataclass, readable from a YAML file and overridable from the command line."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from gonerd.schema import SOURCE_TYPES
from gonerd.sources import DEFAULT_MAX_INPUT_BYTES
from gonerd.split import DEFAULT_RATIOS
from gonerd.tokenize import DEFAULT_TOKENIZER

DEFAULT_OUT = "build/gonerd"


@dataclass
class BuildConfig:
    """Every setting of `gonerd build` (the README's configuration reference lists the same fields)."""

    inputs: list[str] = field(default_factory=list)  # files, folders, WARCs; empty = the embedded demo corpus
    out: str = DEFAULT_OUT  # the dataset folder written
    name: str = "gonerd"  # dataset name shown in the card
    gold: str | None = None  # JSONL gold spans file
    silver_pipeline: str | None = None  # spaCy NER pipeline (name or path) for silver pre-annotation
    source_type: str | None = None  # force news|legal for all inputs (default: record, path, heuristic)
    tokenizer: str = DEFAULT_TOKENIZER  # spaCy pipeline whose tokenizer makes the tokens
    languages: list[str] = field(default_factory=lambda: ["en"])
    min_language_score: float = 0.5
    min_tokens: int = 100
    max_tokens: int | None = 100_000
    dedup_threshold: float = 0.8  # estimated Jaccard similarity of 5-gram shingles for near duplicates
    dedup_ngrams: int = 5
    dedup_action: str = "drop"  # drop | keep (keep near duplicates, grouped in one split)
    split_ratios: list[float] = field(default_factory=lambda: list(DEFAULT_RATIOS))
    seed: int = 0
    extraction_timeout: float = 10.0  # seconds per HTML document
    extraction: dict = field(default_factory=dict)  # ExtractSettings fields
    keep_truncated_html: bool = False  # keep pages cut off mid-download (their text is incomplete)
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES
    on_overlap: str = "error"  # error | drop (the document)
    tasks: int | None = None  # datatrove tasks (shards) for the parallel stages; default: workers
    workers: int = 1  # processes run at once by the local executor
    work_dir: str | None = None  # intermediate files (resumable); default: <out parent>/.gonerd-work
    keep_work: bool = False

    def __post_init__(self) -> None:
        self._check_types()
        if self.source_type is not None and self.source_type not in SOURCE_TYPES:
            raise ValueError(f"source_type must be one of {SOURCE_TYPES}")
        if self.dedup_action not in ("drop", "keep"):
            raise ValueError("dedup_action must be 'drop' or 'keep'")
        if self.on_overlap not in ("error", "drop"):
            raise ValueError("on_overlap must be 'error' or 'drop'")
        if len(self.split_ratios) != 3 or any(r < 0 for r in self.split_ratios) or sum(self.split_ratios) <= 0:
            raise ValueError(f"split_ratios needs three non-negative numbers, got {self.split_ratios}")
        if self.workers < 1:
            raise ValueError("workers must be >= 1")
        if self.min_tokens < 0 or (self.max_tokens is not None and self.max_tokens < self.min_tokens):
            raise ValueError("need 0 <= min_tokens <= max_tokens")
        if not 0 < self.dedup_threshold < 1:
            raise ValueError("dedup_threshold must be in (0, 1)")

    def _check_types(self) -> None:
        """Every setting has the type it needs (a YAML file can hold anything): a ValueError names the setting."""
        for name in ("min_tokens", "seed", "dedup_ngrams", "max_input_bytes", "workers", "max_tokens", "tasks"):
            value = getattr(self, name)
            if value is None and name in ("max_tokens", "tasks"):
                continue
            if type(value) is not int:
                raise ValueError(f"{name} must be a whole number, not {value!r}")
        for name in ("min_language_score", "dedup_threshold", "extraction_timeout"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
                raise ValueError(f"{name} must be a number, not {value!r}")
        if self.extraction_timeout <= 0 or self.max_input_bytes <= 0 or self.dedup_ngrams < 1:
            raise ValueError("extraction_timeout, max_input_bytes and dedup_ngrams must be positive")
        for name in ("keep_truncated_html", "keep_work"):
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"{name} must be true or false, not {getattr(self, name)!r}")
        for name in ("inputs", "languages", "split_ratios"):
            if not isinstance(getattr(self, name), (list, tuple)):
                raise ValueError(f"{name} must be a list, not {getattr(self, name)!r}")
        if not all(isinstance(x, str) for x in [*self.inputs, *self.languages]):
            raise ValueError("inputs and languages must be lists of strings")
        if any(isinstance(r, bool) or not isinstance(r, (int, float)) for r in self.split_ratios):
            raise ValueError(f"split_ratios must be numbers, not {self.split_ratios!r}")
        for name in ("out", "name", "tokenizer"):
            if not isinstance(getattr(self, name), str) or not getattr(self, name):
                raise ValueError(f"{name} must be a non-empty string, not {getattr(self, name)!r}")
        for name in ("gold", "silver_pipeline", "source_type", "work_dir"):
            if getattr(self, name) is not None and not isinstance(getattr(self, name), str):
                raise ValueError(f"{name} must be a string, not {getattr(self, name)!r}")
        if not isinstance(self.extraction, dict):
            raise ValueError(f"extraction must be a mapping of ExtractSettings fields, not {self.extraction!r}")
        if self.extraction:
            from dataclasses import fields as dataclass_fields

            from gonerd.processing.extract import ExtractSettings

            known = {f.name: f for f in dataclass_fields(ExtractSettings)}
            unknown = sorted(set(self.extraction) - set(known))
            if unknown:
                raise ValueError(f"extraction: unknown settings {unknown}; known: {sorted(known)}")
            defaults = ExtractSettings()
            for key, value in self.extraction.items():
                default = getattr(defaults, key)
                expected = (int, float) if isinstance(default, float) else type(default)
                if default is not None and (not isinstance(value, expected) or isinstance(value, bool) != isinstance(
                    default, bool
                )):
                    raise ValueError(f"extraction.{key} must be like {default!r}, not {value!r}")

    @property
    def num_tasks(self) -> int:
        return self.tasks or self.workers

    @classmethod
    def from_file(cls, path: str | Path, **overrides) -> BuildConfig:
        import yaml

        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise ValueError(f"{path}: not a valid YAML file ({' '.join(str(exc).split())})") from None
        except OSError as exc:
            raise ValueError(f"{path}: cannot read ({exc.strerror or exc})") from None
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected a mapping of settings")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"{path}: unknown settings {unknown}; known: {sorted(known)}")
        base = Path(path).parent
        for key in ("gold", "work_dir", "out"):
            if data.get(key):
                data[key] = str(base / data[key])
        if data.get("inputs"):
            data["inputs"] = [str(base / p) for p in data["inputs"]]
        data.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**data)

    def to_dict(self) -> dict:
        return asdict(self)

    def fingerprint(self, files: list[str]) -> str:
        """Changes when a processing setting or an input file (path, size, mtime) changes: names the resumable
        work folder of the processing and MinHash stages."""
        skip = {"out", "work_dir", "keep_work", "workers", "tasks", "name", *ANNOTATION_SETTINGS}
        settings = {k: v for k, v in self.to_dict().items() if k not in skip}
        settings["num_tasks"] = self.num_tasks  # the sharding: a resumed build must shard like the first run
        return _digest(settings, files)

    def annotation_fingerprint(self) -> str:
        """Changes when a setting of the cluster/annotate/split stages or the gold file changes: a new gold file
        re-runs those stages on the processed documents kept in the work folder."""
        settings = {k: v for k, v in self.to_dict().items() if k in ANNOTATION_SETTINGS}
        return _digest(settings, [self.gold] if self.gold else [])


# settings that only the cluster, annotate and split stages read
ANNOTATION_SETTINGS = ("gold", "silver_pipeline", "on_overlap", "dedup_action", "split_ratios", "seed")


def _digest(settings: dict, files: list[str]) -> str:
    h = hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode())
    for path in files:
        st = os.stat(path)
        h.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:12]
