"""``loaders.load(name, path=None, **options)``: every dataset of the paper behind one call.

``path=None`` reads the Hub (see :mod:`loaders.hub`); otherwise the original files. Options are each loader's
keyword arguments (listed by ``gonerd loaders list``); an unknown option is an error, not ignored.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from loaders.errors import LoaderError
from loaders.formats import EXTRACTIVE_QA, SEQUENCE_CLASSIFICATION, TOKEN_CLASSIFICATION
from loaders.options import check_options
from loaders.report import LoadReport

if TYPE_CHECKING:
    import datasets

logger = logging.getLogger("gonerd.loaders")


@dataclass(frozen=True)
class LoaderSpec:
    name: str
    task: str  # one of the three task formats
    hub: str  # where path=None reads from
    files: str  # the file layout path= accepts
    target: str  # "module:function", imported only when used
    defaults: tuple[tuple[str, Any], ...] = ()  # options fixed by this name (squad_v2: version=2)

    def function(self) -> Callable[..., datasets.DatasetDict]:
        import importlib

        module, _, attr = self.target.partition(":")
        return getattr(importlib.import_module(module), attr)

    def options(self) -> list[str]:
        """The options ``load`` accepts for this name."""
        fixed = dict(self.defaults)
        params = inspect.signature(self.function()).parameters.values()
        return [p.name for p in params
                if p.kind is p.KEYWORD_ONLY and p.name not in ("report", *fixed)]


LOADERS: dict[str, LoaderSpec] = {
    spec.name: spec
    for spec in (
        LoaderSpec("gonerd", TOKEN_CLASSIFICATION, "hub_id= (no default)",
                   "a folder written by `gonerd build` (data/<split>-*.parquet)", "loaders.gonerd_ner:load_gonerd"),
        LoaderSpec("conll2003", TOKEN_CLASSIFICATION, "eriktks/conll2003 @ refs/convert/parquet",
                   "eng.train / eng.testa / eng.testb (4 columns, IOB1 or IOB2), a file or {split: file}",
                   "loaders.conll2003:load_conll2003"),
        LoaderSpec("conll", TOKEN_CLASSIFICATION, "none (files only)",
                   "CoNLL column files, any entity types (IOB1/IOB2; IOBES/BILOU converted to IOB2), tab or space "
                   "separated: a file, a folder or {split: file}",
                   "loaders.conll:load_conll"),
        LoaderSpec("glue", SEQUENCE_CLASSIFICATION, "nyu-mll/glue (config = task)",
                   "GLUE's TSV folders (glue_data/ or glue_data/<Task>/), MRPC also as msr_paraphrase_*",
                   "loaders.glue:load_glue"),
        LoaderSpec("squad", EXTRACTIVE_QA, "rajpurkar/squad",
                   "SQuAD v1.1 JSON: train-v1.1.json / dev-v1.1.json, a file or {split: file}",
                   "loaders.squad:load_squad", (("version", 1),)),
        LoaderSpec("squad_v2", EXTRACTIVE_QA, "rajpurkar/squad_v2",
                   "SQuAD v2.0 JSON: train-v2.0.json / dev-v2.0.json, a file or {split: file}",
                   "loaders.squad:load_squad", (("version", 2),)),
        LoaderSpec("hotpotqa", EXTRACTIVE_QA, "hotpotqa/hotpot_qa (distractor)",
                   "hotpot_train_v1.1.json / hotpot_dev_distractor_v1.json, a file or {split: file}",
                   "loaders.hotpotqa:load_hotpotqa"),
        LoaderSpec("triviaqa", EXTRACTIVE_QA, "mandarjoshi/trivia_qa (rc.web / rc.wikipedia)",
                   "the rc folder: qa/<domain>-{train,dev,test-without-answers}.json + evidence/{web,wikipedia}/",
                   "loaders.triviaqa:load_triviaqa"),
    )
}


def spec_of(name: str) -> LoaderSpec:
    try:
        return LOADERS[name]
    except KeyError:
        raise LoaderError(f"unknown dataset {name!r}; known: {', '.join(LOADERS)}") from None


def load_with_report(name: str, path: Any = None, **options: Any) -> tuple[datasets.DatasetDict, LoadReport]:
    """Like :func:`load`, also returning the :class:`~loaders.report.LoadReport`."""
    spec = spec_of(name)
    fixed = dict(spec.defaults)
    allowed = spec.options()
    unknown = sorted(set(options) - set(allowed))
    if unknown:
        raise LoaderError(f"{name}: unknown option(s) {unknown}; options: {', '.join(allowed)}")
    check_options(name, spec.function(), options)
    report = LoadReport(name)
    loaded = spec.function()(path, report=report, **fixed, **options)
    noted = [issue for issue in report.issues if issue.kind != "file_ignored"]
    (logger.warning if noted else logger.info)("%s", report.headline())
    return loaded, report


def load(name: str, path: Any = None, **options: Any) -> datasets.DatasetDict:
    """Load ``name`` (see ``LOADERS``) from ``path`` (files) or the Hub (``path=None``) as a ``DatasetDict`` in its
    task format. Re-anchored, dropped or flagged rows are counted and logged (``load_with_report`` returns them)."""
    return load_with_report(name, path, **options)[0]
