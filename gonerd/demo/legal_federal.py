"""Federal court documents of the demo corpus (plain text as converted from PDF). Fictional cases and judges."""

from __future__ import annotations

from gonerd.demo.legal_opinions import Opinion

HALVORSEN = Opinion(
    key="legal-halvorsen",
    fmt="txt",
    layout="pacer",
    path="legal/or-district/halvorsen-v-columbia-gorge-outfitters.txt",
    court="[UNITED STATES DISTRICT COURT|ORG]\nFOR THE [DISTRICT OF OREGON|LOC]\n[PORTLAND|LOC] DIVISION",
    title="Halvorsen Marine Supply, Inc. v. Columbia Gorge Outfitters, LLC",
    case_number="3:22-cv-01187-MKO",
    date="2023-03-09",
    judges="Marta K. Oyelaran",
    doc_title="OPINION AND ORDER",
    meta={
        "document": 64,
        "footer": "OPINION AND ORDER",
        "left": [
            "[HALVORSEN MARINE SUPPLY, INC.|ORG], an",
            "[Oregon|LOC] corporation,",
            "",
            "               Plaintiff,",
            "",
            "     v.",
            "",
            "[COLUMBIA GORGE OUTFITTERS, LLC|ORG], a",
            "[Washington|LOC] limited liability company,",
            "",
            "               Defendant.",
        ],
        "right": ["Case No. 3:22-cv-01187-MKO", "", "OPINION AND ORDER"],
    },
    body="""
| [OYELARAN|PER], District Judge:

Plaintiff [Halvorsen Marine Supply, Inc.|ORG] ("[Halvorsen|ORG]") sells boat covers and marine canvas products
under the registered trademark [GORGEGUARD|MISC]. Defendant [Columbia Gorge Outfitters, LLC|ORG]
("[CGO|ORG]") sells paddleboard bags and related accessories under the name [GORGE GUARD|MISC]. [Halvorsen|ORG]
alleges that [CGO|ORG]'s use of that name infringes its mark in violation of the [Lanham Act|MISC] and
constitutes unfair competition under [Oregon|LOC] law. [CGO|ORG] counterclaims for cancellation of
[Halvorsen|ORG]'s registration on the ground that the mark is merely descriptive and has not acquired secondary
meaning.

Both parties now move for summary judgment. For the reasons below, [Halvorsen|ORG]'s motion (ECF 41) is DENIED,
and [CGO|ORG]'s motion (ECF 44) is GRANTED IN PART and DENIED IN PART.

## BACKGROUND

The following facts are undisputed unless otherwise noted. [Halvorsen|ORG] was founded in 1987 by
[Anders Halvorsen|PER], a sailmaker who had emigrated from [Norway|LOC], and is based in [Astoria|LOC],
[Oregon|LOC], near the mouth of the [Columbia River|LOC]. It manufactures custom covers, bimini tops and
enclosures for recreational and commercial vessels, and sells them through marine dealers in [Oregon|LOC],
[Washington|LOC] and northern [California|LOC], and since 2014 through its own website.

[Halvorsen|ORG] began using the name [GORGEGUARD|MISC] in 2009 for a line of heavy-duty covers designed for boats
moored in the [Columbia River Gorge|LOC], where strong winds are common. The [United States Patent and Trademark
Office|ORG] registered the mark on the Principal Register in 2012 for "fitted covers for boats" in Class 12.
[Halvorsen|ORG] did not claim acquired distinctiveness in its application, and the examining attorney did not
require it. The registration became incontestable in 2018.

[CGO|ORG] was formed in 2019 by [Tessa Whitlock|PER] and operates a retail shop in [Hood River|LOC],
[Oregon|LOC], which is about 160 miles east of [Astoria|LOC]. It rents and sells paddleboards, kayaks and
windsurfing equipment. In 2021, [CGO|ORG] began selling padded travel bags for paddleboards under the name
[GORGE GUARD|MISC], both in its shop and through an online marketplace. [Whitlock|PER] testified that she chose
the name because the bags were designed to protect boards "from the wind and the gravel in the [Gorge|LOC]", and that
she was not aware of [Halvorsen|ORG] or its products at the time.

In March 2022, [Halvorsen|ORG]'s president, [Karin Halvorsen-Pike|PER], learned of [CGO|ORG]'s products when a
dealer in [The Dalles|LOC] forwarded an email from a customer who asked whether [Halvorsen|ORG] "also made the
board bags". [Halvorsen|ORG] sent [CGO|ORG] a cease-and-desist letter on April 4, 2022. [CGO|ORG] declined to
change the name, and this action followed.

The record includes the declaration of the dealer, [Dylan Marsh|PER], who describes three occasions on which
customers asked whether the two companies were related, and a consumer survey commissioned by [Halvorsen|ORG]
and conducted by Dr. [Leona Fairchild|PER]. [CGO|ORG] has moved to exclude the survey, and that motion is
addressed in Part III.B.4 below.

## LEGAL STANDARDS

Summary judgment is appropriate if "there is no genuine dispute as to any material fact and the movant is
entitled to judgment as a matter of law." Fed. R. Civ. P. 56(a). The moving party bears the initial burden of
identifying the portions of the record that demonstrate the absence of a genuine issue of material fact.
[Celotex Corp.|ORG] v. [Catrett|PER], 477 U.S. 317, 323 (1986). A dispute is genuine "if the evidence is such that
a reasonable jury could return a verdict for the nonmoving party." [Anderson|PER] v. [Liberty Lobby, Inc.|ORG],
477 U.S. 242, 248 (1986). The court views the evidence in the light most favorable to the nonmoving party and
draws all reasonable inferences in that party's favor. When parties file cross-motions for summary judgment, the
court evaluates each motion separately, giving the nonmoving party in each instance the benefit of all
reasonable inferences.

Because of the intensely factual nature of trademark disputes, summary judgment on the question of likelihood of
confusion is generally disfavored, and courts in this circuit have repeatedly cautioned against resolving it
without a trial where the evidence points in different directions.

## DISCUSSION

To prevail on a claim of trademark infringement under the [Lanham Act|MISC], a plaintiff must show that it owns
a valid, protectable mark and that the defendant's use of a similar mark is likely to cause confusion. The
parties agree that the [Oregon|LOC] unfair competition claim rises or falls with the federal claim.

## A. Validity of the Mark

[CGO|ORG] argues first that [GORGEGUARD|MISC] is merely descriptive of boat covers used in the
[Columbia River Gorge|LOC] and should be cancelled for lack of secondary meaning. The argument fails as a matter
of law. An incontestable registration is conclusive evidence of the validity of the mark and of the registrant's
exclusive right to use it, subject only to the defenses listed in the statute, and the [Supreme Court|ORG] has held
that an incontestable mark cannot be challenged on the ground that it is merely descriptive. [CGO|ORG] does not
contend that any of the statutory exceptions applies. Its counterclaim for cancellation is therefore dismissed.

That conclusion does not end the inquiry, however, because the conceptual and commercial strength of a mark
remains relevant to the likelihood of confusion, even when the mark is incontestable. On that question the
record shows that [GORGEGUARD|MISC] is, at best, a suggestive mark with modest commercial strength. The name
combines a geographic term with a word that describes the function of the product. Several other businesses in
the region use the word "Gorge" in their names, including, according to [CGO|ORG]'s uncontested evidence, a
brewery, a window manufacturer, a kayak school and two outdoor retailers. [Halvorsen|ORG]'s advertising spending
on the line has averaged about $14,000 per year, mostly in regional boating magazines and at the
[Portland Boat Show|MISC].

## B. Likelihood of Confusion

Courts in the [Ninth Circuit|ORG] assess likelihood of confusion using the eight factors set out in [AMF Inc.|ORG]
v. [Sleekcraft Boats|ORG], 599 F.2d 341, 348-49 (9th Cir. 1979): the strength of the mark; the proximity of the
goods; the similarity of the marks; evidence of actual confusion; the marketing channels used; the type of goods
and the degree of care likely to be exercised by the purchaser; the defendant's intent in selecting the mark; and
the likelihood of expansion of the product lines. The factors are not a rigid checklist, and their relative
importance varies with the facts of each case.

## 1. Similarity of the marks and proximity of the goods

The marks are nearly identical in sight and sound. [CGO|ORG] emphasises that it separates the words and displays
them beside a stylised paddleboard, while [Halvorsen|ORG] writes the mark as a single word in block capitals. These
differences are minor, and a reasonable jury could find that consumers would not notice them, particularly when
the names are spoken or typed into a search engine. This factor favours [Halvorsen|ORG].

The goods are related but not the same. Both are protective fabric products for watercraft, and both are sold to
people who spend time on the water. But boat covers are made to measure for a particular vessel and are
typically bought through a dealer after the boat itself, while paddleboard bags are sold off the shelf to a
different, though overlapping, group of customers. The parties' own evidence conflicts on how much the two
markets overlap, and the court cannot resolve that conflict on summary judgment.

## 2. Actual confusion

Evidence of actual confusion is persuasive proof that future confusion is likely, but its absence is not
dispositive. [Marsh|PER]'s declaration describes three customer inquiries over roughly eighteen months. [CGO|ORG]
argues that inquiries of this kind show, if anything, that customers recognised the two businesses as different
and asked about a possible connection. There is some force to that argument, since a question about whether two
companies are related can reflect careful attention rather than confusion. But the customer email forwarded to
[Halvorsen-Pike|PER] asked whether [Halvorsen|ORG] "also made the board bags" and requested a catalogue, which a
jury could reasonably read as evidence that the customer believed the products came from the same source.

## 3. Marketing channels and degree of care

Both parties sell online, and both have exhibited at the [Portland Boat Show|MISC] and the
[Hood River|LOC] summer market. Convergent marketing channels increase the likelihood of confusion. On the other
hand, [Halvorsen|ORG]'s covers cost between $900 and $4,500 and are usually fitted by a dealer, so purchasers
can be expected to take considerable care. [CGO|ORG]'s bags cost between $140 and $260, and a buyer might well
purchase one on impulse. Where the goods differ so much in price, the degree of care factor cuts both ways, and
the court declines to give it significant weight at this stage.

## 4. The survey evidence

Dr. [Fairchild|PER] surveyed 412 adults in [Oregon|LOC] and [Washington|LOC] who reported owning a boat or a
paddleboard. Respondents were shown an image of [CGO|ORG]'s bag and asked who they believed made or sponsored it.
Eleven percent of respondents named [Halvorsen|ORG] or said the product was made by "the company that makes
boat covers". A control group shown a bag labelled with a fictitious name produced a rate of four percent, for a
net confusion rate of seven percent.

[CGO|ORG] moves to exclude the survey, arguing that the universe of respondents was too broad and that the
question was leading. Challenges to survey methodology generally go to the weight of the evidence rather than its
admissibility, and the court is not persuaded that the defects [CGO|ORG] identifies are so serious that the
survey would be of no help to the jury. The motion to exclude is denied. The court notes, however, that a net
confusion rate of seven percent is relatively low, and that a jury could reasonably give the survey little weight.

## 5. Intent and likelihood of expansion

There is no evidence that [Whitlock|PER] knew of [Halvorsen|ORG]'s mark when she chose the name, and
[Halvorsen|ORG] does not seriously contend otherwise. [Halvorsen|ORG] argues instead that [CGO|ORG] continued to
use the name after receiving the cease-and-desist letter. Continued use after notice may be relevant to intent,
but it is not by itself evidence of bad faith where the defendant reasonably believed that its use did not
infringe. This factor is neutral or slightly favours [CGO|ORG].

As to expansion, [Halvorsen-Pike|PER] testified that the company has prototyped a line of paddleboard and kayak
covers and plans to introduce it in 2024. [CGO|ORG] responds that the plans are speculative, noting that no
products have been manufactured or advertised. A jury could credit either account.

## 6. Weighing the factors

Taken together, the factors point in different directions. The similarity of the marks and the evidence of some
actual confusion favour [Halvorsen|ORG]; the modest strength of the mark, the differences between the goods and
the absence of bad faith favour [CGO|ORG]. This is precisely the kind of record on which a reasonable jury could
decide the question either way. Neither party is entitled to summary judgment on the infringement and unfair
competition claims.

## C. Remedies

[CGO|ORG] also seeks summary judgment that [Halvorsen|ORG] cannot recover its profits because [CGO|ORG] did not act
wilfully. Although wilfulness is not a prerequisite to an award of profits under the [Lanham Act|MISC], a
defendant's mental state is a highly important consideration in deciding whether such an award is appropriate.
Because the court has found that the record contains no evidence of bad faith before April 2022 and only
disputed evidence after that date, the question is best left for trial, where the court can assess the equities
with a full record. [CGO|ORG]'s motion on this issue is denied without prejudice to renewal after the verdict.

## CONCLUSION

For the reasons stated, [Halvorsen|ORG]'s Motion for Summary Judgment (ECF 41) is DENIED. [CGO|ORG]'s Motion for
Summary Judgment (ECF 44) is GRANTED as to its counterclaim for cancellation, which is DISMISSED with prejudice,
and DENIED in all other respects. [CGO|ORG]'s Motion to Exclude the Testimony of Dr. [Leona Fairchild|PER]
(ECF 46) is DENIED. The parties shall submit a joint proposed pretrial order within 30 days of the date of this
Opinion and Order.

| IT IS SO ORDERED.

| DATED this 9th day of March, 2023.

| /s/ [Marta K. Oyelaran|PER]

| [MARTA K. OYELARAN|PER], United States District Judge
""",
)

CHEN = Opinion(
    key="legal-chen",
    fmt="txt",
    layout="pacer",
    path="legal/cand/chen-v-lumenstack-order-motion-to-dismiss.txt",
    court="[UNITED STATES DISTRICT COURT|ORG]\n[NORTHERN DISTRICT OF CALIFORNIA|LOC]",
    title="Chen v. Lumenstack, Inc.",
    case_number="5:23-cv-02264-RDC",
    date="2023-10-17",
    judges="Rafael D. Castellanos",
    doc_title="ORDER GRANTING IN PART AND DENYING IN PART MOTION TO DISMISS",
    meta={
        "document": 38,
        "line_numbers": True,
        "left": ["[WEN-YI CHEN|PER],", "", "               Plaintiff,", "", "     v.", "",
                 "[LUMENSTACK, INC.|ORG],", "", "               Defendant."],
        "right": ["Case No. 5:23-cv-02264-RDC", "", "ORDER GRANTING IN PART AND", "DENYING IN PART MOTION TO",
                  "DISMISS", "", "Re: Dkt. No. 24"],
    },
    body="""
Plaintiff [Wen-Yi Chen|PER] worked as a senior data engineer for defendant [Lumenstack, Inc.|ORG]
("[Lumenstack|ORG]"), a software company based in [San Jose|LOC], [California|LOC], from 2019 until she was laid
off in January 2023. She alleges that [Lumenstack|ORG] failed to pay her a retention bonus it had promised in
writing, and that it terminated her in retaliation for complaining about the unpaid bonus. [Lumenstack|ORG] moves
to dismiss the complaint under [Federal Rule of Civil Procedure|MISC] 12(b)(6). The court finds the motion
suitable for decision without oral argument. For the reasons below, the motion is GRANTED IN PART and DENIED IN
PART, with leave to amend.

## I. BACKGROUND

The following allegations are taken from the complaint and are accepted as true for purposes of this motion. In
June 2021, [Lumenstack|ORG]'s chief technology officer, [Gregory Antoniou|PER], sent [Chen|PER] a letter stating
that she would receive a retention bonus of $60,000 if she "remain[ed] employed in good standing through June 30,
2022". [Chen|PER] remained employed through that date and beyond. [Lumenstack|ORG] did not pay the bonus. When she
asked about it, a human resources manager, [Dana Whitcombe|PER], told her that the bonus program had been
"suspended" because of the company's financial results.

[Chen|PER] complained in writing to [Antoniou|PER] and to the company's general counsel in September and
November 2022. On January 12, 2023, [Lumenstack|ORG] announced a reduction in force affecting 40 of its roughly
600 employees, including [Chen|PER]. She filed this action in the [Superior Court of California|ORG] for the
[County of Santa Clara|LOC], asserting claims for breach of contract, failure to pay wages under the
[California Labor Code|MISC], and retaliation. [Lumenstack|ORG] removed the case to this court.

## II. LEGAL STANDARD

To survive a motion to dismiss, a complaint must contain sufficient factual matter, accepted as true, to "state a
claim to relief that is plausible on its face." [Bell Atlantic Corp.|ORG] v. [Twombly|PER], 550 U.S. 544, 570
(2007). A claim is facially plausible when the pleaded facts allow the court to draw the reasonable inference that
the defendant is liable for the misconduct alleged. [Ashcroft|PER] v. [Iqbal|PER], 556 U.S. 662, 678 (2009). The
court accepts the factual allegations as true but need not accept legal conclusions couched as facts.

## III. DISCUSSION

## A. Breach of Contract

[Lumenstack|ORG] argues that the letter was a statement of intention rather than an offer, because it said that
the bonus program was "subject to the terms of the [Lumenstack|ORG] Incentive Plan", which reserves to the
company the right to amend or terminate any bonus program at any time. The plan itself is not attached to the
complaint, and the court declines [Lumenstack|ORG]'s invitation to take judicial notice of it. Even if the court
considered the plan, the complaint plausibly alleges that [Lumenstack|ORG] made a specific promise to
[Chen|PER], that she accepted it by continuing to work through the stated date, and that the company did not
purport to terminate the program until after her performance was complete. Whether the reservation clause
permitted [Lumenstack|ORG] to withdraw a bonus that had already been earned is a question that cannot be resolved
on the pleadings. The motion is DENIED as to this claim.

## B. Labor Code Claim

[Lumenstack|ORG] contends that a retention bonus is not "wages" within the meaning of the [California Labor
Code|MISC]. The argument is not persuasive at this stage. [California|LOC] courts have treated bonuses that are
earned by continued service, and not dependent on the employer's discretion, as wages. The complaint alleges
exactly such a bonus. The motion is DENIED as to this claim.

## C. Retaliation

The retaliation claim stands on a different footing. The complaint does not identify the statute under which it
is brought, and it alleges only that [Chen|PER] complained about her own unpaid bonus and was included in a
company-wide reduction in force two months later. It does not allege who selected her for the layoff, whether
that person knew of her complaints, or any facts suggesting that the selection was connected to them. Timing
alone, on these allegations, does not make the claim plausible. The motion is GRANTED as to this claim, with
leave to amend.

## IV. CONCLUSION

[Lumenstack|ORG]'s motion to dismiss is GRANTED as to the retaliation claim and DENIED as to the remaining
claims. [Chen|PER] may file an amended complaint within 21 days of this order. Failure to do so will result in
dismissal of the retaliation claim with prejudice.

| IT IS SO ORDERED.

| Dated: October 17, 2023

| [RAFAEL D. CASTELLANOS|PER], United States District Judge
""",
)

REDFERN = Opinion(
    key="legal-redfern",
    fmt="txt",
    layout="circuit-memo",
    path="legal/ca9/redfern-v-cascade-timberlands-memorandum.txt",
    court="[UNITED STATES COURT OF APPEALS|ORG]\nFOR THE [NINTH CIRCUIT|ORG]",
    title="Redfern v. Cascade Timberlands Co.",
    case_number="23-35187",
    date="2024-03-21",
    judges="[HALVERSEN-CRUZ|PER], [OKAFOR-LIND|PER], and [BRANNIGAN|PER], Circuit Judges",
    doc_title="MEMORANDUM*",
    meta={
        "id": 12871133,
        "dkt": "52-1",
        "clerk": "[ELENA MARROQUIN|PER], CLERK",
        "left": ["[SAMUEL REDFERN|PER]; [JUNE REDFERN|PER],", "", "          Plaintiffs-Appellants,", "", "  v.", "",
                 "[CASCADE TIMBERLANDS COMPANY|ORG], an", "[Oregon|LOC] corporation,", "",
                 "          Defendant-Appellee."],
        "right": ["No. 23-35187", "", "D.C. No. 6:22-cv-00861-LKT", ""],
        "appeal": [
            "Appeal from the [United States District Court|ORG]",
            "for the [District of Oregon|LOC]",
            # the cleaner joins these centred lines (the next one is less indented), and the place with the
            # "Before:" line across the blank line (a line that long, mid-sentence, looks cut by a page break)
            "+[Leah K. Tamsin|PER], District Judge, Presiding",
            "",
            "Argued and Submitted February 6, 2024",
            "[Portland|LOC], [Oregon|LOC]",
        ],
        "join_before": True,  # see above
        "footnote": "* This disposition is not appropriate for publication and is not precedent except as "
        "provided by [Ninth Circuit Rule|MISC] 36-3.",
    },
    body="""
[Samuel Redfern|PER] and [June Redfern|PER] appeal the district court's dismissal of their trespass and nuisance
claims against [Cascade Timberlands Company|ORG] ("[Cascade|ORG]"), which conducted a commercial timber harvest on
land adjoining their property near [Sweet Home|LOC], [Oregon|LOC]. We have jurisdiction under 28 U.S.C. § 1291.
We review de novo a dismissal for failure to state a claim, and we affirm in part, reverse in part, and remand.

Because the parties are familiar with the facts, we recite them only as necessary to explain our decision.

1. The district court correctly dismissed the [Redferns|PER]' nuisance claim. [Oregon|LOC] law bars private
nuisance claims based on forest practices conducted on land zoned for forest use. The complaint alleges that
noise, dust and truck traffic from the harvest on [Cascade|ORG]'s land, which is so zoned, interfered with the
[Redferns|PER]' enjoyment of their home during the summer of 2021. Those are the kinds of claims the statute
was designed to foreclose, and the [Redferns|PER] do not dispute that the harvest itself was a forest practice.

2. The district court erred, however, in dismissing the trespass claim. The statutory bar protects forest
practices on land zoned for forest use; it does not extend to an entry onto a neighbour's land that is not so
zoned. The complaint alleges that [Cascade|ORG]'s contractor cut and removed at least fourteen trees from a strip
of land that belongs to the [Redferns|PER] and is zoned rural residential, relying on an incorrect boundary
survey, and that logging debris was pushed onto their property and into [Ames Creek|LOC], which runs through it.
Taken as true, those allegations state a claim for trespass that falls outside the statutory bar. The district
court also concluded that the complaint did not adequately allege that [Cascade|ORG], rather than its
contractor, was responsible for the entry. But the complaint alleges that [Cascade|ORG] marked the harvest
boundary, supplied the survey to the contractor and inspected the work while it was under way. At the pleading
stage, that is sufficient.

3. Because the trespass claim survives, the district court should reconsider on remand whether the
[Redferns|PER] may seek treble damages under [Oregon|LOC]'s timber trespass statute, which the court did not
reach. We express no view on that question.

4. The district court did not abuse its discretion in denying leave to amend the nuisance claim. The
[Redferns|PER] did not explain how they would cure the defect, and at oral argument their counsel confirmed that
they had no additional facts that would take the nuisance claim outside the statute.

AFFIRMED in part, REVERSED in part, and REMANDED. Each party shall bear its own costs on appeal.
""",
)

BRIGHTWATER = Opinion(
    key="legal-brightwater",
    fmt="txt",
    layout="bankruptcy",
    path="legal/wawb/in-re-brightwater-bakeries-memorandum-decision.txt",
    court="[UNITED STATES BANKRUPTCY COURT|ORG]\n[WESTERN DISTRICT OF WASHINGTON|LOC]\nAT [SEATTLE|LOC]",
    title="In re Brightwater Bakeries, LLC",
    case_number="23-10456-TMB",
    date="2023-11-02",
    judges="Teresa M. Ballantyne",
    doc_title="MEMORANDUM DECISION ON DEBTOR'S MOTION TO ASSUME NONRESIDENTIAL REAL PROPERTY LEASE",
    meta={
        "document": 212,
        "entered": "11/02/23 14:22:07",
        "left": ["In re:", "", "[BRIGHTWATER BAKERIES, LLC|ORG],", "", "                         Debtor."],
        "right": ["Case No. 23-10456-TMB", "", "Chapter 11", "", "MEMORANDUM DECISION ON", "DEBTOR'S MOTION TO",
                  "+ASSUME NONRESIDENTIAL REAL", "+PROPERTY LEASE"],  # rows without a party: one paragraph
        "footer": "MEMORANDUM DECISION",
    },
    body="""
This matter came before the court on the motion of the debtor, [Brightwater Bakeries, LLC|ORG]
("[Brightwater|ORG]" or the "Debtor"), to assume the lease of its production facility at 2250 [Airport
Way South|LOC] in [Seattle|LOC] (the "Lease"). The landlord, [Duwamish Commerce Park Associates|ORG] (the
"Landlord"), objects. The court held an evidentiary hearing on October 24, 2023, and took the matter under
advisement. For the reasons below, the motion is granted, subject to the conditions stated at the end of this
decision.

## I. BACKGROUND

The Debtor is a wholesale bakery that supplies bread and pastries to cafés, grocery stores and hotels in the
[Puget Sound|LOC] region. It was founded in 2011 by [Marguerite Okonjo|PER] and [Henri Delacroix|PER], a
[French|MISC]-trained baker, and at its peak employed about 140 people. It filed a voluntary petition under
chapter 11 of the [Bankruptcy Code|MISC] on March 14, 2023, after losing its two largest customers and falling
behind on payments to its flour supplier, [Palouse Milling Cooperative|ORG].

The Lease runs until 2031. At the petition date the Debtor owed the Landlord $287,400 in unpaid rent and common
area charges. Since the petition date it has paid rent in full each month. The Landlord argues that the Debtor
cannot provide adequate assurance of future performance, as the statute requires, and that the Lease should
instead be rejected so that the Landlord can re-let the building to another tenant that has expressed interest.

## II. DISCUSSION

A debtor in possession may assume an unexpired lease only if it cures existing defaults, or provides adequate
assurance that it will promptly cure them, and provides adequate assurance of future performance under the
lease. 11 U.S.C. § 365(b)(1). Adequate assurance does not require a guarantee; it requires a showing, on the
evidence, that performance is likely. The court also considers whether assumption reflects a reasonable exercise
of the debtor's business judgment.

The Debtor's chief financial officer, [Rosalind Achebe|PER], testified that [Brightwater|ORG] has been cash-flow
positive for five consecutive months since the petition date, that it has signed new supply agreements with a
regional grocery chain, [Cascade Fresh Markets|ORG], and with the [University of Washington|ORG], and that its
proposed plan of reorganization is supported by a $1.2 million exit facility from [Salish Sea Community
Bank|ORG]. Her testimony was detailed, consistent with the monthly operating reports, and credible.

The Landlord's witness, [Peter Vandermolen|PER], a commercial real estate broker, testified that the building
could be re-let at a higher rent. That may be true, but it is not the question before the court. The
Landlord's interest in a more profitable tenant does not defeat assumption where the Debtor can cure and perform.

Moving the bakery would also be costly. [Okonjo|PER] testified without contradiction that the ovens and
refrigeration equipment installed in the building could not be relocated for less than $900,000, and that a move
would interrupt production for at least three months, which the business could not survive.

## III. CONCLUSION

The Debtor has carried its burden. The motion is granted on the following conditions: the Debtor shall cure
the pre-petition arrears of $287,400 in three equal instalments, the first due within 14 days of the effective
date of its plan, and shall provide the Landlord with its monthly operating reports until the cure is complete.
The Debtor shall submit a proposed order consistent with this decision.

| /// END OF MEMORANDUM DECISION ///
""",
)

OPINIONS = (HALVORSEN, CHEN, REDFERN, BRIGHTWATER)
