"""State and county court documents of the demo corpus. Fictional cases, parties and judges."""

from __future__ import annotations

from gonerd.demo.legal_opinions import Opinion

KESSLER = Opinion(
    key="legal-kessler",
    fmt="txt",
    layout="oregon-appeals",
    path="legal/or-app/kessler-v-northbrook-mutual.txt",
    court="IN THE [COURT OF APPEALS|ORG] OF THE\n[STATE OF OREGON|LOC]",
    title="Kessler v. Northbrook Mutual Ins. Co.",
    case_number="A178305",
    date="2024-06-12",
    judges="Ashcombe, Presiding Judge, and Trevino, Judge, and Mulholland, Senior Judge",
    citation="332 Or App 455 (2024)",
    meta={
        "number": 412,
        "first_page": 455,
        "parties": ["[Daniel KESSLER|PER],", "+Plaintiff-Appellant,", "v.",
                    "[NORTHBROOK MUTUAL INSURANCE COMPANY|ORG],", "Defendant-Respondent."],
        "lower": ["[Multnomah County Circuit Court|ORG]", "21CV40221; A178305"],
        "front": [
            "[Katharine R. Vell|PER], Judge.",
            "Argued and submitted March 3, 2024.",
            "[Hollis B. Marchetti|PER] argued the cause for appellant. Also on the briefs was "
            "[Marchetti Law LLC|ORG].",
            "[Ellen C. Dravus|PER] argued the cause for respondent. Also on the brief were [Grace Fenner|PER] and "
            "[Dravus Whitlow PC|ORG].",
            "Before [Ashcombe|PER], Presiding Judge, and [Trevino|PER], Judge, and [Mulholland|PER], Senior Judge.",
            "[TREVINO|PER], J.",
            "Reversed and remanded.",
        ],
    },
    body="""
Plaintiff appeals a judgment entered after the trial court granted summary judgment to defendant
[Northbrook Mutual Insurance Company|ORG] ([Northbrook|ORG]) on plaintiff's claim for breach of a homeowner's
insurance policy. The trial court concluded that the damage to plaintiff's roof was excluded from coverage as
"wear and tear" and "deterioration". Plaintiff argues that the record contains evidence from which a reasonable
factfinder could conclude that the damage was caused by a hailstorm, a covered peril. We agree and therefore
reverse and remand.

## I. BACKGROUND

We state the facts in the light most favorable to plaintiff, the nonmoving party. Plaintiff, [Daniel
Kessler|PER], owns a house in the [Sellwood|LOC] neighborhood of [Portland|LOC], which was insured under a policy
issued by [Northbrook|ORG]. On the afternoon of May 9, 2021, a brief but intense hailstorm passed over southeast
[Portland|LOC]. Plaintiff was at work in [Beaverton|LOC] at the time. When he returned home, he noticed granules
from the roof shingles in his gutters and, a few weeks later, a water stain on the ceiling of an upstairs bedroom.

Plaintiff submitted a claim. [Northbrook|ORG] sent an adjuster, [Colleen Pruitt|PER], who inspected the roof in
July 2021. [Pruitt|PER] concluded that the shingles, which were about 17 years old, showed "widespread granule
loss and cracking consistent with age", and that she found "no functional hail damage". [Northbrook|ORG] denied
the claim, citing the policy's exclusion for loss caused by "wear and tear, marring, deterioration".

Plaintiff then hired [Tomás Ibarra|PER], a roofing contractor with 22 years of experience, who inspected the roof
in September 2021. [Ibarra|PER] stated in a declaration that he observed "circular fractures in the shingle mat"
on the south- and west-facing slopes, which in his experience were characteristic of hail impact, and that the
bedroom leak was directly below one of those areas. Plaintiff also submitted a report from the [National Weather
Service|ORG] confirming that hail of up to one inch in diameter was reported within half a mile of his house on
May 9.

Plaintiff brought this action for breach of contract. [Northbrook|ORG] moved for summary judgment, relying on
[Pruitt|PER]'s report and on the declaration of an engineer, [Martin Osgood|PER], who reviewed photographs of the
roof and agreed with [Pruitt|PER]'s conclusions. The trial court granted the motion. It reasoned that
[Ibarra|PER] was not qualified to give an opinion on the cause of the damage and that, without his opinion,
plaintiff had no evidence that hail, rather than age, caused the loss.

## II. ANALYSIS

Summary judgment is appropriate only if there is no genuine issue as to any material fact and the moving party
is entitled to judgment as a matter of law. ORCP 47 C. No genuine issue of material fact exists if, viewing the
record in the light most favorable to the nonmoving party, no objectively reasonable juror could return a verdict
for that party. We review the trial court's ruling for errors of law.

The trial court's conclusion rests on its view that [Ibarra|PER] could not testify about causation. We disagree.
A witness may be qualified as an expert by knowledge, skill, experience, training or education, and formal
engineering training is not a prerequisite to an opinion about the cause of damage to a roof. [Ibarra|PER]'s
declaration explains that he has inspected thousands of roofs, that he has been trained by several shingle
manufacturers to identify hail damage, and that he distinguishes hail fractures from age-related cracking by
their shape and distribution. [Northbrook|ORG]'s criticisms of his methods may well be persuasive to a jury,
but they go to the weight of his testimony, not to its admissibility.

Even setting [Ibarra|PER]'s opinion aside, the record contains other evidence from which a jury could infer that
hail caused the damage: the weather report, plaintiff's observation of granules in the gutters on the day of the
storm, and the timing and location of the leak. A factfinder is entitled to draw reasonable inferences from
circumstantial evidence, and the fact that the insurer's experts reached a different conclusion does not entitle
the insurer to judgment as a matter of law.

[Northbrook|ORG] argues, in the alternative, that even if hail contributed to the damage, the loss is excluded
because age-related deterioration was also a cause. The trial court did not reach that argument, and the record
is not developed enough for us to resolve it on appeal. We note only that the policy's exclusion does not contain
language excluding losses to which an excluded cause merely contributed, and that the allocation of the loss, if
any, will depend on findings of fact.

Because there is a genuine issue of material fact as to whether the damage to plaintiff's roof was caused by a
covered peril, the trial court erred in granting summary judgment.

| Reversed and remanded.
""",
)

HARLOW = Opinion(
    key="legal-harlow",
    fmt="txt",
    layout="mass-appeals",
    path="legal/mass-app/harlow-fisheries-v-quinnapoxet-boatworks.txt",
    court="[COMMONWEALTH OF MASSACHUSETTS|LOC]\n[Appeals Court|ORG]",
    title="Harlow Fisheries, Inc. vs. Quinnapoxet Boatworks, LLC",
    case_number="22-P-1187",
    date="2023-09-14",
    judges="Dunphy-Ross, Avakian, & Leclair, JJ.",
    encoding="cp1252",
    meta={
        "front": [
            "[HARLOW FISHERIES, INC.|ORG]  vs.  [QUINNAPOXET BOATWORKS, LLC|ORG].",
            "",
            "No. 22-P-1187.",
            "",
            "[Essex|LOC].     May 9, 2023. – September 14, 2023.",
            "",
            "Present:  [Dunphy-Ross|PER], [Avakian|PER], & [Leclair|PER], JJ.",
            "",
            "Contract, Performance and breach, Damages.  [Consumer Protection Act|MISC], Unfair or deceptive act, "
            "Businessman’s claim, Multiple damages.  Damages, Lost profits.  Impossibility.",
            "",
            "Civil action commenced in the [Superior Court Department|ORG] on June 3, 2020.",
            "",
            "The case was heard by [Eleanor M. Prowse|PER], J.",
            "",
            "[Nathaniel J. Osterhout|PER] for the defendant.",
            "+[Clarissa Beaudoin-Vance|PER] for the plaintiff.",
        ],
    },
    body="""
[AVAKIAN|PER], J. After a jury-waived trial, a judge of the [Superior Court|ORG] found that the defendant,
[Quinnapoxet Boatworks, LLC|ORG] (“[Quinnapoxet|ORG]” or “the boatyard”), broke its contract to refit a fishing
vessel owned by the plaintiff, [Harlow Fisheries, Inc.|ORG] (“[Harlow|ORG]”), and that it did so in a manner
that violated [G. L. c. 93A|MISC], § 11. The judge awarded contract damages of $268,450, doubled that amount
under § 11, and awarded attorney’s fees and costs. On appeal, [Quinnapoxet|ORG] argues that (1) its delay in
completing the work was excused by the [COVID-19|MISC] pandemic; (2) its conduct amounted at most to a breach of
contract and did not rise to the level of an unfair or deceptive act; (3) the conduct did not occur primarily
and substantially within the [Commonwealth|LOC]; and (4) the award of lost profits was speculative. We affirm.

## Background.

We summarize the judge’s findings of fact, which are amply supported by the record, reserving certain details for
our discussion of the issues. [Harlow|ORG] is a family-owned fishing company based in [Gloucester|LOC]. Its
principal, [Thomas Harlow|PER], is a third-generation fisherman. In 2019 the company owned two scallop vessels,
the [Mary Catherine|MISC] and the [Northern Light|MISC], which fished the grounds on [Georges Bank|LOC] under
federal permits. [Quinnapoxet|ORG] operates a boatyard in [New Bedford|LOC] and is owned by [Dale Pinkham|PER].

In June 2019, [Harlow|ORG] and [Quinnapoxet|ORG] signed a written contract under which the boatyard agreed to
replace the main engine of the [Mary Catherine|MISC], overhaul her hydraulic system and carry out specified
repairs to the hull, for a fixed price of $412,000. The contract provided that the work would be completed by
November 1, 2019, so that the vessel could fish during the winter months, and that “any additional work shall be
agreed in writing by both parties before it is commenced.”

The new engine, manufactured in [Wisconsin|LOC] and shipped through a distributor in [Portland|LOC],
[Maine|LOC], arrived at the boatyard in August 2019. The work then fell badly behind schedule. The judge found
that [Pinkham|PER] moved several of the mechanics assigned to the [Mary Catherine|MISC] to a more lucrative
repair job on a research vessel, and that the boatyard repeatedly assured [Thomas Harlow|PER] that the work was
‘on track’ when it knew that it was not. By the end of February 2020 the engine had not yet been installed.

In March 2020, the Governor declared a state of emergency in response to the [COVID-19|MISC] pandemic, and the
boatyard reduced its workforce for approximately three weeks. The work resumed in April, and the [Mary
Catherine|MISC] was finally returned to [Harlow|ORG] on May 22, 2020 – more than six months late.

With the vessel, the boatyard presented invoices totalling $599,000, that is, $187,000 more than the contract
price, for what it described as “additional work.” No written change order had been signed for any of it. The
judge found that some of the invoiced work had been requested by [Thomas Harlow|PER] orally and performed, but
that a substantial part of it, including 340 hours of labour on the hydraulic system, had not been performed at
all. The boatyard’s own time records, which [Harlow|ORG] obtained in discovery, showed that the mechanics to whom
those hours were attributed were working on other vessels at the time. [Quinnapoxet|ORG] refused to release the
vessel until [Harlow|ORG] paid the invoices in full, which [Harlow|ORG] did, under protest, because it could not
afford to lose the spring season as well.

The delay had serious consequences for [Harlow|ORG]. The [Mary Catherine|MISC] was the larger and more
productive of its two vessels, and the winter months are ordinarily the most profitable part of the scallop
season, when prices in [New Bedford|LOC] are at their highest. [Thomas Harlow|PER] testified, and the judge
credited, that he was obliged to lay off five of the vessel’s six crew members for the winter, that two of them
took jobs on boats sailing out of [Point Judith|LOC] and did not return, and that the company drew down a line of
credit with [Wingaersheek Cooperative Bank|ORG] to meet its fixed costs, including insurance, mooring fees and loan
payments on the vessel itself. His daughter, [Abigail Harlow|PER], who manages the company’s books, testified
that she telephoned the boatyard at least weekly between November 2019 and February 2020 and was told on each
occasion that the work would be finished “within a couple of weeks.”

[Harlow|ORG] commenced this action in June 2020. After a six-day trial, the judge found that the boatyard had
breached the contract by failing to complete the work on time and by charging for work not authorized in writing
and, in part, not performed. She further found that [Pinkham|PER] knew that the invoices included charges for
work that had not been done, and that the boatyard withheld the vessel in order to pressure [Harlow|ORG] into
paying them. She concluded that this conduct was unfair and deceptive within the meaning of [G. L. c. 93A|MISC],
§§ 2 and 11, and that the violation was knowing and wilful.

## Discussion.

## 1. Excuse.

[Quinnapoxet|ORG] first contends that its performance was excused, at least in part, because the pandemic made
timely performance impossible. The argument fails on the judge’s findings. By the time the state of emergency was
declared in March 2020, the work was already more than four months late. The judge found that the delay up to
that point was caused by the boatyard’s decision to move its mechanics to other work, not by any external event.
A party cannot rely on a supervening event to excuse a delay that had already occurred, and for which it was
responsible, before the event took place. Moreover, the boatyard’s reduced operations lasted about three weeks.
The judge did not err in declining to excuse the breach, and she took account of the shutdown in calculating
damages by excluding [Harlow|ORG]’s claimed losses for that period.

## 2. Chapter 93A.

The boatyard argues next that its conduct was, at worst, a breach of contract, and that a simple breach of
contract does not, without more, violate [G. L. c. 93A|MISC], § 11. That is a correct statement of the law as far
as it goes. But
conduct “in disregard of known contractual arrangements” and intended to secure benefits for the breaching party
constitutes an unfair act or practice for purposes of c. 93A. [Anthony’s Pier Four, Inc.|ORG] v. [HBC
Assocs.|ORG], 411 Mass. 451, 474 (1991). The judge found that the boatyard knowingly billed for labour that it
had not performed, and then used its possession of the vessel – [Harlow|ORG]’s only means of earning a living
during the spring season – as leverage to extract payment. Those findings describe precisely the kind of
conduct, going beyond a mere failure to perform, that c. 93A is intended to reach. They are not clearly
erroneous. See Mass. R. Civ. P. 52 (a).

[Quinnapoxet|ORG] suggests that the billing errors were the product of a poorly designed timekeeping system
rather than of any intention to deceive. The judge heard the testimony of [Pinkham|PER] and of the boatyard’s
office manager, [Rhonda Szymanski|PER], and did not credit their explanation. She noted in particular that
[Pinkham|PER] personally approved each of the invoices, that he had been told by the yard foreman, [Luis
Medeiros|PER], that the hydraulic work was “nowhere near” the hours billed, and that the invoices were not
corrected even after [Harlow|ORG]’s counsel identified the discrepancies in writing. Determinations of
credibility are for the trial judge, and we see no reason to disturb them.

Nor are we persuaded by the boatyard’s argument that [Harlow|ORG] waived any claim by paying the invoices without
first demanding an itemized accounting. [Harlow|ORG] paid under written protest, on the advice of counsel, at a
time when the boatyard was refusing to release the vessel. A payment made in those circumstances is not a waiver,
and the judge was entitled to treat the boatyard’s insistence on payment as part of the unfair conduct rather than
as a defence to it.

## 3. “Primarily and substantially.”

Under § 11, a claim may not be brought unless the actions and transactions constituting the alleged unfair
method of competition or the unfair or deceptive act or practice “occurred primarily and substantially within
the commonwealth,” and the burden of proof on that issue is on the defendant. [Quinnapoxet|ORG] points out that
the engine was manufactured in [Wisconsin|LOC], that it was purchased through a distributor in [Maine|LOC], and
that some of the hydraulic components were supplied by a company in [Rhode Island|LOC]. None of those facts bears
on where the unfair conduct took place. The work was done in [New Bedford|LOC], the false invoices were prepared
and presented there, the vessel was withheld there, and the harm was suffered by a [Massachusetts|LOC] company
whose vessel sails from a [Massachusetts|LOC] port. The centre of gravity of the circumstances that gave rise to
the claim was plainly within the [Commonwealth|LOC]. The judge correctly concluded that the boatyard had not carried its
burden.

## 4. Damages.

Finally, [Quinnapoxet|ORG] challenges the award of $196,300 in lost profits for the period from November 2019 to
May 2020, excluding the three weeks of the shutdown. It argues that the profits a scallop vessel would have
earned during that period are too speculative to be recovered, because catches and prices vary from trip to trip.

Lost profits may be recovered where they are proved with reasonable certainty, and certainty need not be
mathematical. The judge based her award on the testimony of [Harlow|ORG]’s accountant, [Miriam Castellucci|PER],
who calculated the [Mary Catherine|MISC]’s average net earnings per trip over the three preceding winter seasons
and compared them with the actual earnings of the [Northern Light|MISC], which fished the same grounds during the
period in question. The boatyard offered no contrary evidence. The judge also reduced the award to reflect the
fuel, crew shares and other costs that [Harlow|ORG] saved while the vessel was out of service. This was a careful
and reasonable approach, and the resulting figure was not speculative.

The judge acted within her discretion in doubling, rather than trebling, the damages. Section 11 provides for an
award of up to three, but not less than two, times actual damages where the violation was wilful or knowing. The
judge explained that she had considered, among other factors, the boatyard’s partial performance of the
additional work and the disruption caused by the pandemic, and concluded that double damages were sufficient.
We discern no abuse of discretion.

## 5. Appellate attorney’s fees.

[Harlow|ORG] has requested an award of its appellate attorney’s fees and costs under § 11. Because the statute
provides for such an award to a prevailing plaintiff, [Harlow|ORG] may, within fourteen days of the date of the
rescript, submit a petition for fees and costs, together with the supporting documentation, and [Quinnapoxet|ORG]
shall have fourteen days thereafter to respond.

| Judgment affirmed.
""",
)

LINDGREN = Opinion(
    key="legal-lindgren",
    fmt="html",
    layout="report-us",
    path="legal/caselawcommons/lindgren-v-prairie-sky-wind-energy.html",
    court="[Court of Appeals of Minnesota|ORG]",
    title="Lindgren v. Prairie Sky Wind Energy, LLC",
    case_number="A23-0914",
    date="2024-02-05",
    judges="Considered and decided by [Ferrante|PER], Presiding Judge; [Oyelowo-Hart|PER], Judge; and [Brekke|PER], "
    "Judge.",
    citation="No. A23-0914 (Minn. Ct. App. Feb. 5, 2024) (nonprecedential)",
    url="https://www.caselawcommons.org/mn/ctapp/2024/a23-0914/",
    meta={
        "caption": "[Gary Lindgren|PER], et al., Appellants, vs. [Prairie Sky Wind Energy, LLC|ORG], Respondent. "
        "Filed February 5, 2024. Affirmed. [Brekke|PER], Judge. [Lincoln County District Court|ORG] File No. "
        "41-CV-21-118.",
        "breadcrumbs": ["Minnesota", "Court of Appeals", "2024"],
    },
    body="""
[BREKKE|PER], Judge

In this private-nuisance action, appellants challenge the district court's grant of summary judgment to
respondent wind-energy company, arguing that the district court erred by concluding that appellants failed to
present evidence of a substantial and unreasonable interference with the use and enjoyment of their property. We
affirm.

## FACTS

Appellants [Gary Lindgren|PER] and [Ruth Lindgren|PER] own a farmhouse and 160 acres of cropland in
[Lincoln County|LOC], near the town of [Ivanhoe|LOC]. In 2019, respondent [Prairie Sky Wind Energy, LLC|ORG]
([Prairie Sky|ORG]) completed a wind farm of 38 turbines on leased farmland surrounding appellants' property. The
nearest turbine stands about 1,900 feet from appellants' house. The project was approved by the [Minnesota Public
Utilities Commission|ORG], and its site permit requires [Prairie Sky|ORG] to comply with state noise standards and
to limit the shadow flicker experienced at nearby homes.

Appellants sued in 2021, alleging that noise, vibration and shadow flicker from the turbines had made their home
"nearly unlivable", that [Ruth Lindgren|PER] suffered from headaches and disrupted sleep, and that the value of the
property had fallen. They sought damages and an injunction requiring [Prairie Sky|ORG] to curtail the operation of
the four nearest turbines at night.

During discovery, [Prairie Sky|ORG] produced post-construction noise monitoring conducted by an acoustics firm,
[Northfield Acoustic Consulting|ORG], which recorded sound levels at appellants' property line over several
weeks. The measurements were within the limits of the permit on every night of monitoring. Appellants did not
retain their own acoustics expert. They relied instead on their own testimony, a log that [Gary Lindgren|PER]
kept of nights on which the turbines were "loud", and a letter from [Ruth Lindgren|PER]'s physician, Dr.
[Anneliese Thorsby|PER], stating that her patient's sleep problems "may be related" to environmental noise.

The district court granted summary judgment to [Prairie Sky|ORG], concluding that appellants had not produced
evidence from which a reasonable jury could find a substantial and unreasonable interference. This appeal
follows.

## DECISION

We review a grant of summary judgment de novo, determining whether there are genuine issues of material fact
and whether the district court erred in applying the law. We view the evidence in the light most favorable to
the party against whom summary judgment was granted. But a party resisting summary judgment must do more than
rest on mere averments; it must present specific facts showing a genuine issue for trial.

Appellants argue that the district court improperly treated compliance with the permit's noise limits as
conclusive. We agree with appellants that compliance with a regulatory standard does not, by itself, defeat a
nuisance claim. A lawful activity may still be a nuisance if it is conducted in a manner that substantially and
unreasonably interferes with a neighbor's use of property. But we do not read the district court's order as
resting on compliance alone. The district court considered all of appellants' evidence and concluded that it
did not create a genuine issue of material fact. We agree.

[Gary Lindgren|PER]'s log records the dates on which he considered the turbines loud, but not the time, the
duration, the wind direction, or any measurement of sound. The physician's letter does not offer an opinion that
the turbines caused [Ruth Lindgren|PER]'s symptoms; it states only that they "may be related" to noise, without
identifying the source. And appellants offered no evidence of the value of their property before or after the
turbines were built. On this record, a jury would have to speculate to find that the interference was
substantial and unreasonable.

Appellants also contend that the district court should have allowed them additional time to retain an expert.
But appellants did not move for a continuance, and they did not submit an affidavit explaining what additional
discovery they needed and why it could not have been obtained earlier. The district court did not abuse its
discretion by deciding the motion on the record before it.

We recognize the sincerity of appellants' complaints, and nothing in this opinion prevents them from raising
concerns about the project's compliance with its permit before the commission. But the district court did not err
by granting summary judgment on the nuisance claim.

| Affirmed.
""",
)

DELGADO = Opinion(
    key="legal-delgado",
    fmt="html",
    layout="court-site",
    path="legal/sanaureliocourt/delgado-v-harbor-crest-apartments-tentative-ruling.html",
    court="Superior Court of California, County of San Aurelio",
    title="Delgado v. Harbor Crest Apartments, LLC",
    case_number="23CV004417",
    date="2024-01-18",
    judges="Hon. Miriam Estrada-Coyle, Department 7",
    url="https://www.sanaureliocourt.org/tentative-rulings/dept-7/2024-01-19/23cv004417",
    meta={"department": "Department 7 (Hon. Miriam Estrada-Coyle)", "hearing": "January 19, 2024, 9:00 a.m.",
          "domain": "www.sanaureliocourt.org"},
    body="""
Defendant [Harbor Crest Apartments, LLC|ORG]'s demurrer to the first amended complaint is SUSTAINED in part and
OVERRULED in part, as follows.

Plaintiffs [Marisol Delgado|PER] and [Jorge Delgado|PER] rent an apartment at defendant's building on
[Seacliff Avenue|LOC]. They allege that since 2022 the apartment has suffered from persistent water intrusion and
mold, that they notified defendant's property manager, [Coastline Residential Services|ORG], in writing on at
least six occasions, and that defendant failed to make adequate repairs. They assert causes of action for breach
of the implied warranty of habitability, negligence, nuisance, and intentional infliction of emotional distress.

A demurrer tests the legal sufficiency of the complaint. The court accepts as true all material facts properly
pleaded, but not contentions, deductions or conclusions of fact or law.

First cause of action (breach of the implied warranty of habitability): OVERRULED. A warranty of habitability is
implied by law in residential leases in [California|LOC]. See [Green|PER] v. [Superior Court|ORG] (1974) 10 Cal.3d
616. Plaintiffs allege specific defects, notice to the landlord, and a failure to repair within a reasonable
time. That is sufficient.

Second cause of action (negligence) and third cause of action (nuisance): OVERRULED. Defendant argues that these
claims merely duplicate the first. At the pleading stage, plaintiffs may plead alternative theories, and the
complaint alleges personal injury, namely respiratory symptoms suffered by their son, that is not necessarily
recoverable under the warranty claim alone.

Fourth cause of action (intentional infliction of emotional distress): SUSTAINED with 20 days' leave to amend.
The complaint alleges that defendant's failure to repair was "outrageous", but it pleads no facts showing conduct
so extreme as to exceed all bounds of that usually tolerated in a civilized community, or that defendant acted
with the intent to cause, or reckless disregard of the probability of causing, emotional distress. The allegation
that a maintenance worker told [Marisol Delgado|PER] that the owners "don't care about the mold" does not, without
more, meet that standard.

Defendant's request for judicial notice of the [San Aurelio County|LOC] code enforcement file is GRANTED as to the
existence of the documents, but not as to the truth of the matters stated in them.

Plaintiffs shall give notice of this ruling.
""",
)

OPINIONS = (KESSLER, HARLOW, LINDGREN, DELGADO)
