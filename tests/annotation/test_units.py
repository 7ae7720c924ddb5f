"""Offline parts of the annotation package: labeling config, pre-annotators and their entry points, the campaign
assignment, token hygiene of the connection and the server settings."""

from __future__ import annotations

import itertools
import json
import random
import xml.etree.ElementTree as ET
from collections import Counter
from importlib.metadata import EntryPoint

import pytest

from annotation import preannotators
from annotation.campaign import Campaign, Seat
from annotation.connection import Connection, LabelStudioError
from annotation.labeling import LABEL_STYLES, instructions_html, labeling_config
from annotation.preannotators import (
    GazetteerPreAnnotator,
    PreAnnotatorError,
    ScoredSpan,
    SpacyPreAnnotator,
    checked,
    load_preannotator,
    uncertainty_key,
)
from annotation.projects import fit_title
from annotation.serve import GC_THRESHOLDS, HARDENING, Admin, ServeError, server_env, write_server_boot
from gonerd.schema import ENTITY_TYPES

TOKEN = "0123456789abcdef0123456789abcdef01234567"


def test_labeling_config_from_the_schema():
    root = ET.fromstring(labeling_config())
    labels = root.find("Labels")
    assert labels.get("name") == "label" and labels.get("toName") == "text"
    values = [lab.get("value") for lab in labels.findall("Label")]
    assert values == list(ENTITY_TYPES)
    hotkeys = [lab.get("hotkey") for lab in labels.findall("Label")]
    assert len(set(hotkeys)) == 4 and len(set(s.colour for s in LABEL_STYLES.values())) == 4
    text = root.find("Text")
    assert text.get("value") == "$text" and text.get("granularity") == "word"
    from label_studio_sdk.label_interface import LabelInterface

    interface = LabelInterface(labeling_config())  # the SDK's own parser accepts it
    assert sorted(interface.get_control("label").labels) == sorted(ENTITY_TYPES)


def test_guidelines_cover_the_decisions_and_render_as_html():
    html = instructions_html()
    assert html.startswith("<h1>GONERD annotation guidelines</h1>")
    for decision in ("Courts and tribunals", "Named laws, statutes", "Case names are not MISC", "Nationalities",
                     "Titles, roles and honorifics", "No nesting", "<table>"):
        assert decision in html


def test_project_titles_fit_label_studios_limit():
    assert fit_title("GONERD news", "ann1@example.com") == "GONERD news — ann1@example.com"
    long = fit_title("A rather long campaign title about court opinions", "annotator.one@example.org")
    assert len(long) == 50 and long.endswith("… — annotator.one@example.org")


def test_gazetteer_preannotator(tmp_path):
    patterns = tmp_path / "patterns.jsonl"
    patterns.write_text('{"label": "ORG", "pattern": "Deutsche Bank"}\n'
                        '{"label": "PER", "pattern": [{"LOWER": "merkel"}]}\n')
    model = load_preannotator(f"gazetteer:{patterns}")
    assert isinstance(model, GazetteerPreAnnotator) and model.model_version.startswith("gazetteer:patterns.jsonl-")
    out = checked(model, ["Merkel met Deutsche Bank.", "nothing"])
    assert out == [[ScoredSpan(0, 6, "PER", 1.0), ScoredSpan(11, 24, "ORG", 1.0)], []]
    patterns.write_text('{"label": "ORG", "pattern": "A"}\n{"label": "PERSON", "pattern": "B"}\n')
    with pytest.raises(PreAnnotatorError, match=r"patterns.jsonl:2"):
        load_preannotator(f"gazetteer:{patterns}")


@pytest.fixture(scope="module")
def tiny_ner(tmp_path_factory):
    """A spaCy NER trained here in a few seconds on OntoNotes labels (no trained pipeline is installable)."""
    import spacy
    from spacy.training import Example

    random.seed(0)
    nlp = spacy.blank("en")
    ner = nlp.add_pipe("ner")
    data = [("Angela Merkel visited Berlin on Monday.", [(0, 13, "PERSON"), (22, 28, "GPE"), (32, 38, "DATE")]),
            ("Emmanuel Macron went to Paris.", [(0, 15, "PERSON"), (24, 29, "GPE")]),
            ("Siemens opened an office in Munich.", [(0, 7, "ORG"), (28, 34, "GPE")])]
    for _, ents in data:
        for *_, label in ents:
            ner.add_label(label)
    examples = [Example.from_dict(nlp.make_doc(t), {"entities": e}) for t, e in data]
    nlp.initialize(lambda: examples)
    for _ in range(30):
        nlp.update(examples, drop=0.0)
    path = tmp_path_factory.mktemp("tiny-ner") / "pipeline"
    nlp.to_disk(path)
    return path


def test_spacy_preannotator_maps_labels_and_scores_with_a_beam(tiny_ner):
    model = load_preannotator(f"spacy:{tiny_ner}")
    assert isinstance(model, SpacyPreAnnotator) and model.model_version.startswith("spacy:en_")
    (spans,) = checked(model, ["Angela Merkel visited Berlin on Monday."])
    assert [(s.start, s.end, s.label) for s in spans] == [(0, 13, "PER"), (22, 28, "LOC")]
    assert model.ignored == Counter({"DATE": 1})  # not an entity in CoNLL-2003
    assert all(0.5 < s.score <= 1.0 for s in spans)
    (unsure,) = model.predict(["Olaf Brandt visited Lisbon on Friday with Airbus."])
    assert all(s.score is not None and 0.0 <= s.score <= 1.0 for s in unsure)


def test_uncertainty_order_least_confident_first():
    docs = {"sure": [ScoredSpan(0, 1, "PER", 0.99)], "unsure": [ScoredSpan(0, 1, "PER", 0.99),
                                                                  ScoredSpan(2, 3, "ORG", 0.41)],
            "empty": [], "unscored": [ScoredSpan(0, 1, "PER", None)]}
    assert sorted(docs, key=lambda d: uncertainty_key(docs[d])) == ["unsure", "sure", "empty", "unscored"]


def test_preannotators_from_other_packages_through_the_entry_point_group(monkeypatch):
    registered = preannotators.available()
    assert registered["spacy"] == "annotation.preannotators:spacy_factory"
    assert registered["gazetteer"] == "annotation.preannotators:gazetteer_factory"

    real = preannotators.entry_points

    def with_plugin(group):
        plugin = EntryPoint("echo", f"{__name__}:echo_factory", group)
        return [*real(group=group), plugin]

    monkeypatch.setattr(preannotators, "entry_points", with_plugin)
    model = load_preannotator("echo:ORG")
    assert checked(model, ["Acme"]) == [[ScoredSpan(0, 4, "ORG", 0.5)]]
    with pytest.raises(PreAnnotatorError, match=r"registered: .*echo"):
        load_preannotator("missing")
    model.label = "DATE"
    with pytest.raises(PreAnnotatorError, match="invalid span"):
        checked(model, ["Acme"])


class EchoModel:
    """A third-party model: labels every text as one entity."""

    def __init__(self, label: str):
        self.label = label
        self.model_version = "echo-1"

    def predict(self, texts):
        return [[ScoredSpan(0, len(t), self.label, 0.5)] for t in texts]


def echo_factory(argument):
    return EchoModel(argument)


def test_blind_assignment_is_balanced_recorded_and_stable(tmp_path):
    names = ["a@x", "b@x", "c@x"]
    campaign = Campaign(title="t", url="http://127.0.0.1:1", mode="blind", per_document=2,
                        seats=[Seat(n, "http://127.0.0.1:1", i) for i, n in enumerate(names, 1)])
    campaign.assign(f"d{i}" for i in range(30))
    load = Counter(a for v in campaign.assignment.values() for a in v)
    assert load == {n: 20 for n in names}
    pairs = Counter(tuple(v) for v in campaign.assignment.values())
    assert sorted(pairs) == sorted(itertools.combinations(names, 2)) and set(pairs.values()) == {10}
    before = dict(campaign.assignment)
    campaign.assign([*before, "new"])
    assert {k: campaign.assignment[k] for k in before} == before and len(campaign.assignment["new"]) == 2
    path = campaign.save(tmp_path / "campaign.json")
    again = Campaign.load(path)
    assert again.assignment == campaign.assignment and again.seats == campaign.seats
    assert [s.project_id for s in again.projects_for("d0")] == [names.index(a) + 1 for a in campaign.assignment["d0"]]


def test_connection_never_shows_the_token(monkeypatch):
    monkeypatch.delenv("LABEL_STUDIO_API_KEY", raising=False)
    with pytest.raises(LabelStudioError, match="LABEL_STUDIO_API_KEY"):
        Connection("http://127.0.0.1:9")
    conn = Connection("http://127.0.0.1:9", token=TOKEN)
    assert TOKEN not in repr(conn)
    with pytest.raises(LabelStudioError) as err, conn.errors("doing something"):
        raise RuntimeError(f"request with Authorization: Token {TOKEN} failed")
    assert TOKEN not in str(err.value) and "[token]" in str(err.value)
    assert err.value.__cause__ is None and err.value.__suppress_context__
    with pytest.raises(LabelStudioError) as err:  # nothing listens on port 9: a connection error, no token
        conn.call("listing projects", lambda: list(conn.client.projects.list()))
    assert "cannot connect" in str(err.value) and TOKEN not in str(err.value)


def test_server_environment_is_hardened():
    admin = Admin("admin@example.com", "Adm1nPassw0rd!", TOKEN)
    assert TOKEN not in repr(admin) and "Adm1n" not in repr(admin)
    base = {"USERNAME": "me", "PASSWORD": "pw", "HOST": "0.0.0.0", "PORT": "80", "PATH": "/usr/bin",
            "LABEL_STUDIO_API_KEY": "client-token"}
    env = server_env(__import__("pathlib").Path("/data"), "http://127.0.0.1:8080", admin, base)
    assert not {"USERNAME", "PASSWORD", "HOST", "PORT", "LABEL_STUDIO_API_KEY"} & set(env)
    assert all(env[k] == v for k, v in HARDENING.items())
    assert env["LATEST_VERSION_CHECK"] == "false" and env["COLLECT_ANALYTICS"] == "false" and env["SENTRY_DSN"] == ""
    assert env["LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK"] == "true" and env["LABEL_STUDIO_USER_TOKEN"] == TOKEN
    with pytest.raises(ServeError, match="LABEL_STUDIO_PASSWORD"):
        Admin.from_env({"LABEL_STUDIO_USERNAME": "a@x", "LABEL_STUDIO_USER_TOKEN": TOKEN})
    with pytest.raises(ServeError, match="at least 20"):
        Admin.from_env({"LABEL_STUDIO_USERNAME": "a@x", "LABEL_STUDIO_PASSWORD": "longenough", "LABEL_STUDIO_API_KEY":
                        "short"})


def test_campaign_file_errors_name_the_file(tmp_path):
    from annotation.campaign import CampaignError

    bad = tmp_path / "c.json"
    bad.write_text(json.dumps({"title": "t", "url": "u", "colour": "red"}))
    with pytest.raises(CampaignError, match=str(bad)):
        Campaign.load(bad)


def test_server_python_gets_the_gc_thresholds_and_keeps_a_shadowed_sitecustomize(tmp_path):
    import subprocess
    import sys

    own = tmp_path / "own"  # a sitecustomize the environment already had
    own.mkdir()
    (own / "sitecustomize.py").write_text("import builtins\nbuiltins.OWN_SITECUSTOMIZE = True\n")
    data = tmp_path / "data"
    write_server_boot(data)
    env = server_env(data, "http://127.0.0.1:8080", Admin("a@x", "Adm1nPassw0rd!", TOKEN),
                     {"PATH": "/usr/bin", "PYTHONPATH": str(own)})
    probe = ("import builtins, gc, sys; print(gc.get_threshold(), getattr(builtins, 'OWN_SITECUSTOMIZE', False), "
             "any('.gonerd-python' in p for p in sys.path))")
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split() == [f"({GC_THRESHOLDS[0]},", f"{GC_THRESHOLDS[1]},", f"{GC_THRESHOLDS[2]})", "True", "False"]
    write_server_boot(data, None)  # Python's defaults, whatever this Python's are
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True).stdout
    plain = subprocess.run([sys.executable, "-c", "import gc; print(gc.get_threshold())"], capture_output=True,
                           text=True, check=True).stdout
    assert out.split()[:3] == plain.split() and out.split()[3:] == ["True", "False"]
