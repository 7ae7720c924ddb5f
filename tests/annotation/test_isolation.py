"""What the open-source Label Studio enforces between annotators, checked with each annotator's own token.

One server, one project per annotator: nothing stops an annotator from reading, annotating or editing another
annotator's project (the only boundary is the organisation, and every user of an open-source server is in the
first one); `pull` detects what was done in the wrong project and leaves it out. One server per annotator: the
other server does not know the annotator at all. docs/annotation.md states the same; if a Label Studio release
changes it, these tests fail and the document must change with them.
"""

from __future__ import annotations

import json
import threading

import httpx
import pytest
from click.testing import CliRunner
from label_studio_sdk import LabelStudio
from lshelpers import ADMIN, labels_result, server_from_template, sign_up

from annotation.campaign import Campaign
from annotation.connection import Connection
from annotation.pull import pull_campaign
from gonerd.cli import main

pytestmark = [pytest.mark.network, pytest.mark.slow]

TEXTS = {
    "doc-a": "Angela Merkel met Emmanuel Macron in Berlin on Tuesday.",
    "doc-b": "Siemens and Airbus signed a deal in Hamburg with Deutsche Bank.",
}
NAMES = {"doc-a": [("Angela Merkel", "PER"), ("Emmanuel Macron", "PER"), ("Berlin", "LOC")],
         "doc-b": [("Siemens", "ORG"), ("Airbus", "ORG"), ("Hamburg", "LOC")]}
SPANS = {d: [(TEXTS[d].index(t), TEXTS[d].index(t) + len(t), lab, t) for t, lab in names] for d, names in NAMES.items()}


@pytest.fixture(scope="module")
def second_server(ls_template, tmp_path_factory):
    server = server_from_template(ls_template, tmp_path_factory.mktemp("ls-data-b"))
    yield server
    server.stop()


def cli(args, url):
    result = CliRunner().invoke(main, args, env={"LABEL_STUDIO_URL": url, "LABEL_STUDIO_API_KEY": ADMIN.token})
    assert result.exit_code == 0, result.output
    return result.output


def invite_path(url: str) -> str:
    return cli(["annotate", "invite", "--url", url], url).strip()[len(url):]


def campaign_with_docs(tmp_path, url, annotators):
    docs = tmp_path / "docs.jsonl"
    docs.write_text("".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in TEXTS.items()))
    campaign = tmp_path / "campaign.json"
    args = ["annotate", "setup", "--campaign", str(campaign), "--title", f"isolation {tmp_path.name}"]
    for a in annotators:
        args += ["--annotator", a]
    cli(args, url)
    cli(["annotate", "push", str(docs), "--campaign", str(campaign)], url)
    return campaign, {s["annotator"]: (s["url"], s["project_id"]) for s in json.loads(campaign.read_text())["seats"]}


def tasks_of(client, project_id):
    return {t.data["doc_id"]: t for t in client.tasks.list(project=project_id, fields="all")}


def test_one_server_hides_but_does_not_enforce_and_pull_detects(ls_server, tmp_path):
    url = ls_server.url
    campaign, seats = campaign_with_docs(tmp_path, url, ["iso1@example.com", "iso2@example.com"])
    link = invite_path(url)
    a1 = sign_up(url, link, "iso1@example.com", "Passw0rd!iso1")
    a2 = sign_up(url, link, "iso2@example.com", "Passw0rd!iso2")
    c1, c2 = LabelStudio(base_url=url, api_key=a1.token), LabelStudio(base_url=url, api_key=a2.token)
    p1, p2 = seats["iso1@example.com"][1], seats["iso2@example.com"][1]
    own2 = tasks_of(c2, p2)
    ann2 = c2.annotations.create(id=own2["doc-a"].id, project=p2, result=labels_result(SPANS["doc-a"]))
    c2.annotations.create(id=own2["doc-b"].id, project=p2, result=labels_result(SPANS["doc-b"]))
    for doc_id, task in tasks_of(c1, p1).items():
        c1.annotations.create(id=task.id, project=p1, result=labels_result(SPANS[doc_id]))

    # Not enforced, with iso1's own token: the other project is listed, readable, writable.
    assert p2 in {p.id for p in c1.projects.list()}
    seen = c1.annotations.list(id=own2["doc-a"].id)
    assert [a.completed_by for a in seen] == [a2.user_id]
    c1.annotations.create(id=own2["doc-b"].id, project=p2, result=labels_result(SPANS["doc-b"][:1]))
    c1.annotations.update(id=ann2.id, result=labels_result(SPANS["doc-a"][:1]))
    assert c2.annotations.get(id=ann2.id).updated_by == a1.user_id
    # Enforced: authentication, and sign-up only through the invite link.
    assert httpx.get(f"{url}/api/projects/").status_code == 401
    assert httpx.get(f"{url}/api/projects/", headers={"Authorization": "Bearer not-a-token"}).status_code == 401
    with httpx.Client(base_url=url) as web:
        web.get("/user/signup/")
        r = web.post("/user/signup/", data={"csrfmiddlewaretoken": web.cookies.get("csrftoken"),
                                            "email": "intruder@example.com", "password": "Passw0rd!x"},
                     headers={"Referer": f"{url}/user/signup/"})
        assert r.status_code == 403

    # pull leaves out what iso1 did in iso2's project, and lists it
    out = cli(["annotate", "pull", "--campaign", str(campaign), "--out", str(tmp_path / "pulled")], url)
    report = json.loads((tmp_path / "pulled" / "pull_report.json").read_text())
    reasons = sorted((e["reason"], e["annotator"]) for e in report["excluded"])
    assert reasons == [("edited_by_another_user", "iso2@example.com"),
                       ("not_the_assigned_annotator", "iso1@example.com")]
    assert "excluded_not_the_assigned_annotator 1" in out
    docs = [json.loads(line) for line in (tmp_path / "pulled" / "annotations.jsonl").read_text().splitlines()]
    kept = sorted((d["doc_id"], a["annotator"]) for d in docs for a in d["annotations"])
    assert kept == [("doc-a", "iso1@example.com"), ("doc-b", "iso1@example.com"), ("doc-b", "iso2@example.com")]


def test_one_server_per_annotator_is_enforced(ls_server, second_server, tmp_path):
    url_a, url_b = ls_server.url, second_server.url
    campaign, seats = campaign_with_docs(tmp_path, url_a, [f"sep1@example.com={url_a}", f"sep2@example.com={url_b}"])
    assert seats == {"sep1@example.com": (url_a, seats["sep1@example.com"][1]),
                     "sep2@example.com": (url_b, seats["sep2@example.com"][1])}
    s1 = sign_up(url_a, invite_path(url_a), "sep1@example.com", "Passw0rd!sep1")
    s2 = sign_up(url_b, invite_path(url_b), "sep2@example.com", "Passw0rd!sep2")

    # Each token is refused by the other server: the account does not exist there and the token's signature
    # (a per-server secret key) does not verify.
    for token, other in ((s1.token, url_b), (s2.token, url_a)):
        with pytest.raises(Exception) as err:
            list(LabelStudio(base_url=other, api_key=token).projects.list())
        assert getattr(err.value, "status_code", None) == 401
        r = httpx.post(f"{other}/api/token/refresh/", json={"refresh": token})
        assert r.status_code == 401

    for ann, (url, pid) in ((s1, seats["sep1@example.com"]), (s2, seats["sep2@example.com"])):
        client = LabelStudio(base_url=url, api_key=ann.token)
        for doc_id, task in tasks_of(client, pid).items():
            client.annotations.create(id=task.id, project=pid, result=labels_result(SPANS[doc_id][1:] if
                                                                                    ann is s2 else SPANS[doc_id]))
    cli(["annotate", "pull", "--campaign", str(campaign), "--out", str(tmp_path / "pulled")], url_a)
    cli(["annotate", "agreement", str(tmp_path / "pulled"), "--out", str(tmp_path / "agreement")], url_a)
    # the two servers are read by two threads at once, and give the same file
    threads = {}

    def progress(description, total):
        threads[description] = threading.current_thread().name
        return lambda n: None

    conns = {url: Connection(url, token=ADMIN.token) for url in (url_a, url_b)}
    pull_campaign(Campaign.load(campaign), conns.__getitem__, tmp_path / "again", progress=progress)
    assert len(threads) == 2 and len(set(threads.values())) == 2
    again, first = (tmp_path / d / "annotations.jsonl" for d in ("again", "pulled"))
    assert again.read_text() == first.read_text()
    figures = json.loads((tmp_path / "agreement" / "agreement.json").read_text())
    pair = figures["pairs"][0]
    assert (pair["a"], pair["b"], pair["documents"]) == ("sep1@example.com", "sep2@example.com", 2)
    assert pair["exact"]["overall"]["f1"] == pytest.approx(2 * 4 / (6 + 4))


def test_push_update_replaces_data_and_prediction_but_not_text_under_annotations(ls_server, tmp_path):
    url = ls_server.url
    docs = tmp_path / "docs.jsonl"
    docs.write_text("".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in TEXTS.items()))
    patterns = tmp_path / "patterns.jsonl"
    patterns.write_text(json.dumps({"label": "PER", "pattern": "Angela Merkel"}) + "\n")
    campaign = tmp_path / "campaign.json"
    cli(["annotate", "setup", "--campaign", str(campaign), "--title", "update check"], url)
    cli(["annotate", "push", str(docs), "--campaign", str(campaign), "--preannotate", f"gazetteer:{patterns}"], url)
    pid = json.loads(campaign.read_text())["seats"][0]["project_id"]
    admin = LabelStudio(base_url=url, api_key=ADMIN.token)
    tasks = tasks_of(admin, pid)
    admin.annotations.create(id=tasks["doc-b"].id, project=pid, result=labels_result(SPANS["doc-b"]))

    changed = {k: v.replace("Tuesday", "Wednesday").replace("deal", "contract") for k, v in TEXTS.items()}
    docs.write_text("".join(json.dumps({"id": k, "text": v, "title": "new"}) + "\n" for k, v in changed.items()))
    patterns.write_text(json.dumps({"label": "PER", "pattern": "Emmanuel Macron"}) + "\n")
    out = cli(["annotate", "push", str(docs), "--campaign", str(campaign), "--update", "--preannotate",
               f"gazetteer:{patterns}"], url)
    assert "refused_text_changed_under_annotations 1" in out and "updated 1" in out
    after = tasks_of(admin, pid)
    assert len(after) == 2
    assert after["doc-a"].data["text"] == changed["doc-a"] and after["doc-a"].data["title"] == "new"
    assert after["doc-b"].data["text"] == TEXTS["doc-b"]  # annotated: its offsets must stay valid
    predictions = admin.predictions.list(task=after["doc-a"].id)
    assert len(predictions) == 1 and [r["value"]["text"] for r in predictions[0].result] == ["Emmanuel Macron"]


def test_setup_finds_the_project_by_stored_id_else_by_title_and_restores_its_settings(ls_server, tmp_path):
    url = ls_server.url
    admin = LabelStudio(base_url=url, api_key=ADMIN.token)
    campaign = tmp_path / "campaign.json"
    assert "created" in cli(["annotate", "setup", "--campaign", str(campaign), "--title", "setup check"], url)
    pid = json.loads(campaign.read_text())["seats"][0]["project_id"]
    # someone changes a setting in the UI: setup puts it back, naming what it changed
    admin.projects.update(id=pid, show_skip_button=False, maximum_annotations=5)
    out = cli(["annotate", "setup", "--campaign", str(campaign)], url)
    assert f"updated   project {pid}" in out and "(maximum_annotations, show_skip_button)" in out
    project = admin.projects.get(id=pid)
    assert project.show_skip_button is True and project.maximum_annotations == 2
    # the campaign file lost, or holding an id the server does not know: found by its title, not created again
    campaign.unlink()
    assert f"unchanged project {pid}" in cli(["annotate", "setup", "--campaign", str(campaign), "--title",
                                              "setup check"], url)
    state = json.loads(campaign.read_text())
    state["seats"][0]["project_id"] = 99999
    campaign.write_text(json.dumps(state))
    assert f"unchanged project {pid}" in cli(["annotate", "setup", "--campaign", str(campaign)], url)
    assert json.loads(campaign.read_text())["seats"][0]["project_id"] == pid
    assert [p.id for p in admin.projects.list(title="setup check") if p.title == "setup check"] == [pid]
    # two projects with that title: which one is meant is the user's call
    admin.projects.create(title="setup check")
    campaign.unlink()
    result = CliRunner().invoke(main, ["annotate", "setup", "--campaign", str(campaign), "--title", "setup check"],
                                env={"LABEL_STUDIO_URL": url, "LABEL_STUDIO_API_KEY": ADMIN.token})
    assert result.exit_code == 1 and "2 projects are titled 'setup check'" in result.output
    assert not campaign.exists()
