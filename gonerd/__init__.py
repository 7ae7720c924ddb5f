"""gonerd: build, annotate, publish and benchmark long-context NER datasets.

The core package holds the document schema, the processing steps, `gonerd build` and the CLI. It never imports
the packages above it (`annotation`, `loaders`, `baselines`) and never imports torch: those contribute their
commands through the ``gonerd.commands`` entry-point group.
"""

__version__ = "0.1.0"
