"""The duplicates of the demo corpus: exact copies of a story under a second URL (print, AMP, syndication) and
"updated" republications with one to three sentences changed or added. The copies are the duplicates of their
original; of a story and its update, the first version is the near duplicate (the update is the longer, more
recent text, the one a build keeps)."""

from __future__ import annotations

from gonerd.demo.news_articles import NearEdit

# (key, original key, variant, outlet of the copy (None: same outlet), article slug, note outside the body)
EXACT: tuple[tuple[str, str, str, str | None, str, str | None], ...] = (
    ("harbour-tram-print", "harbour-tram", "print", None, "print-council-backs-tram-link-to-gosport-ferry", None),
    ("continental-museum-amp", "continental-museum", "amp", None, "amp-lisbon-opens-museum-of-the-atlantic", None),
    (
        "valley-battery-syndicated",
        "northgate-battery",
        "syndicated",
        "valley",
        "cascadia-cellworks-raises-95m-for-iron-air-batteries",
        "This story originally appeared in the Northgate Business Review and is republished with permission.",
    ),
)

NEAR: tuple[NearEdit, ...] = (
    NearEdit(
        key="midland-flood-updated",
        original="midland-flood",
        slug="flood-defence-plan-for-river-soar-villages-cost-rises",
        modified="2024-04-09T17:45:00+01:00",
        title="£15.2m flood defence plan unveiled for River Soar villages",
        note="This article was updated on April 9 with a revised cost estimate.",
        replacements=(
            (
                "A £14 million plan to protect hundreds of homes from flooding",
                "A £15.2 million plan to protect hundreds of homes from flooding",
            ),
        ),
        append="""
The [Environment Agency|ORG] confirmed on Tuesday that the cost estimate had risen to £15.2 million after a review
of construction prices. [Charnwood Borough Council|ORG] leader [Jonathan Moss|PER] said the authority would
"look favourably" on the application.
""",
    ),
    NearEdit(
        key="northgate-merger-updated",
        original="northgate-merger",
        slug="vintra-kestrel-deal-shares-close-higher",
        modified="2024-03-18T18:10:00+00:00",
        replacements=(
            (
                "[Kestrel|ORG] shares jumped 27 per cent to €17.90 in [Amsterdam|LOC] on Monday morning.",
                "[Kestrel|ORG] shares closed 28 per cent higher at €18.05 in [Amsterdam|LOC] on Monday.",
            ),
            (
                "which are listed in [Milan|LOC], fell 2 per cent.",
                "which are listed in [Milan|LOC], ended the day 3 per cent lower.",
            ),
        ),
        append="""
The [Dutch|MISC] rail workers' union [Spoorbond|ORG] said it would seek written guarantees on jobs and
working conditions before the deal closes.
""",
    ),
    NearEdit(
        key="valley-schools-updated",
        original="valley-schools",
        slug="school-board-approves-later-start-times-corrected",
        modified="2024-03-15T10:30:00-07:00",
        replacements=(("8 a.m., and end at 3:35 p.m.", "8 a.m., and end at 3:40 p.m."),),
        append="""
Correction: An earlier version of this story gave the wrong end time for high school classes. They will end at
3:40 p.m.
""",
    ),
)
