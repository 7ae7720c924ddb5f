"""Judgments from courts outside the United States, as published on (fictional) law-report websites.
Fictional cases, parties and judges; the precedents cited are real and cited for what they hold."""

from __future__ import annotations

from gonerd.demo.legal_opinions import Opinion

PELLWORTH = Opinion(
    key="legal-pellworth",
    fmt="html",
    layout="report-uk",
    path="legal/openjudgments/pellworth-holdings-v-amberley-freight-services.html",
    court="[High Court of Justice|ORG], [Business and Property Courts of England and Wales|ORG], "
    "[Commercial Court|ORG] ([KBD|ORG])",
    title="Pellworth Holdings Ltd v Amberley Freight Services Ltd",
    case_number="CL-2021-000614",
    date="2023-11-24",
    judges="Before: THE HONOURABLE MR JUSTICE [ELLERY|PER]",
    citation="[2023] EWHC 4187 (Comm)",
    url="https://www.openjudgments.org.uk/ewhc/comm/2023/4187",
    meta={
        "caption": "Between: [PELLWORTH HOLDINGS LIMITED|ORG], Claimant, and [AMBERLEY FREIGHT SERVICES LIMITED|ORG], "
        "Defendant. [Rolls Building|LOC], [Fetter Lane|LOC], [London|LOC]. Hearing dates: 6-10 November 2023.",
        "breadcrumbs": ["England and Wales", "High Court", "Commercial Court", "2023"],
    },
    body="""
| Mr Justice [Ellery|PER]:

## Introduction

1. This is a claim for damages arising out of the loss of a consignment of fresh cherries in a cold store at
[Felixstowe|LOC] in January 2021. The claimant, [Pellworth Holdings Ltd|ORG] ("[Pellworth|ORG]"), imports fresh
fruit from [South America|LOC] and [Southern Africa|LOC] and sells it to supermarkets in the [United Kingdom|LOC].
The defendant, [Amberley Freight Services Ltd|ORG] ("[Amberley|ORG]"), operates a haulage business and a
temperature-controlled warehouse near the port of [Felixstowe|LOC].

2. It is common ground that [Amberley|ORG] received 42 pallets of [Chilean|MISC] cherries into its cold store on
the evening of 14 January 2021, that a refrigeration unit serving one of the store's chambers failed during the
night, and that by the time the failure was discovered the following morning the cherries had been exposed to
temperatures well above those required for their safe storage. The consignment was rejected by [Pellworth|ORG]'s
customer and had to be destroyed.

3. [Amberley|ORG] admits that it was in breach of its obligation to store the goods at the agreed temperature.
The issues at trial were: (1) whether the contract between the parties incorporated [Amberley|ORG]'s standard
trading conditions, which limit its liability to £2 per kilogram of goods lost or damaged; (2) if so, whether that
limitation satisfies the requirement of reasonableness under the [Unfair Contract Terms Act 1977|MISC]; and (3)
whether [Pellworth|ORG] can recover, in addition to the value of the cherries, its loss of profit on a follow-on
contract with its customer, which it says it lost as a result of the failed delivery.

## The facts

4. [Pellworth|ORG] is based in [Spalding|LOC], [Lincolnshire|LOC]. Its managing director and principal witness was
Mr [Graham Fenwick-Lowe|PER], who founded the business in 2004. I found him a careful and honest witness, although
his recollection of some of the earlier dealings between the parties was understandably imperfect.

5. The cherries were grown near [Curicó|LOC], in central [Chile|LOC], and shipped from [Valparaíso|LOC] in
refrigerated containers on a vessel operated by [Andes Reefer Line|ORG]. They were intended for [Harvest Lane
Supermarkets plc|ORG] ("[Harvest Lane|ORG]"), which had agreed to buy them for sale in its stores during a
promotion around the [Chinese New Year|MISC] holiday. The vessel arrived at [Felixstowe|LOC] on 14 January 2021,
and the containers were collected by [Amberley|ORG] the same afternoon. The cherries were to be held in
[Amberley|ORG]'s cold store at between 0°C and 1°C for no more than three days before onward delivery to
[Harvest Lane|ORG]'s distribution centre at [Daventry|LOC], where they would be checked, packed and sent to
stores across [England|LOC] and [Wales|LOC]. Cherries are among the most perishable of fruits: the evidence was
that even a few hours at ambient temperature causes the stems to brown and the fruit to soften, and that a
consignment affected in that way cannot be sold at retail.

6. [Pellworth|ORG] had used [Amberley|ORG] for haulage and storage on a number of occasions since 2017. The
evidence, which I accept, is that the parties did business on about 30 occasions before January 2021. On each
occasion [Pellworth|ORG] requested a quotation by email, [Amberley|ORG] replied with a quotation, and
[Pellworth|ORG] accepted it by email or by telephone. Each of [Amberley|ORG]'s quotation emails contained, below
the signature of the sender, the following words in small grey type:

> All business is transacted subject to the Company's Standard Trading Conditions (2016 edition), a copy of which
is available on request and on our website.

7. Mr [Fenwick-Lowe|PER] accepted in cross-examination that he had "probably seen" this line, but said that he had
never read the conditions and did not know that they contained a limitation of liability. [Amberley|ORG]'s
operations manager, Ms [Kelly Ashdown|PER], gave evidence that the conditions were sent in full to
[Pellworth|ORG] when it first became a customer in 2017, with a credit account application form. [Pellworth|ORG]
could not find any record of receiving them, but did not positively dispute that they were sent.

8. The refrigeration failure was investigated by a single joint expert. That expert, Dr [Sunil
Mehra|PER], concluded that the compressor serving chamber 3 failed at about 01:40 on 15 January 2021 because of a
refrigerant leak that had developed over several weeks, and that the store's alarm system, which should have sent
a text message to the duty engineer, had been switched to a test mode during maintenance in December 2020 and
not switched back. The night supervisor, Mr [Jakub Nowak|PER], was not aware of the change. The failure was
discovered at 06:15 when the morning shift arrived.

## Issue 1: incorporation

9. The law on incorporation by a course of dealing is not in doubt. Where parties have dealt with each other on a
consistent basis on particular terms, those terms may be incorporated into a later contract even if they are not
expressly referred to on that occasion, provided that the course of dealing is sufficiently regular and
consistent. Here, however, it is not necessary to rely on a course of dealing in that sense, because the
quotation for this consignment itself contained the reference to the conditions.

10. Counsel for [Pellworth|ORG] submitted that the reference was insufficient, because it appeared in small
print below the signature, where a reader would not expect to find contractual terms, and because the
limitation clause was onerous or unusual, so that it required to be brought fairly and reasonably to the
attention of the other party. He relied on [Interfoto Picture Library Ltd|ORG] v [Stiletto Visual Programmes
Ltd|ORG] [1989] QB 433.

11. I do not accept that submission. The parties were commercial organisations who had dealt with each other many
times. Limitation clauses of this kind are standard in the haulage and warehousing industry and are, in my
judgment, neither onerous nor unusual in the relevant sense. Mr [Fenwick-Lowe|PER] has been in the fruit import
trade for almost twenty years and accepted that he knew that hauliers "generally have some sort of cap". The
reference to the conditions was clear, if not prominent, and the conditions were available on request and
online. I find that the conditions were incorporated.

## Issue 2: reasonableness

12. Because the contract was made on [Amberley|ORG]'s written standard terms of business, the limitation clause is
effective only if it satisfies the requirement of reasonableness in section 11 of the [Unfair Contract Terms Act
1977|MISC]. The burden of showing that it does so lies on [Amberley|ORG]. The question is whether the term was a
fair and reasonable one to include having regard to the circumstances which were, or ought reasonably to have
been, known to or in the contemplation of the parties when the contract was made. The guidelines in Schedule 2 to
the Act, although not directly applicable, are a helpful checklist.

13. Several factors point towards reasonableness. The parties were of broadly equal bargaining power;
[Pellworth|ORG] could have used other hauliers and cold stores at [Felixstowe|LOC], and in fact did so from time
to time. The limit of £2 per kilogram is in line with the limits used by other operators in the industry, and
[Amberley|ORG]'s conditions allowed customers to declare a higher value and pay an increased charge for greater
cover, an option which [Pellworth|ORG] never took up. It is also relevant that a cargo owner can insure its goods
far more efficiently than a warehouse keeper can insure against the risk of every customer's loss.

14. Against that, [Pellworth|ORG] points to the cause of the failure, which was not some unforeseeable mechanical
accident but the disabling of an alarm system by [Amberley|ORG]'s own staff. That is a serious failing, but the
reasonableness of the clause is to be judged at the time the contract was made, not by reference to the
particular breach that later occurred. The clause was intended to allocate the risk of loss, however caused, and
I am satisfied that it was a reasonable allocation between commercial parties of this kind. [Amberley|ORG] has
discharged the burden on it.

## Issue 3: the lost follow-on contract

15. Although it is strictly unnecessary, given my conclusion on the limitation clause, I should deal with the
claim for loss of profit, since it was fully argued and the matter may go further.

16. [Pellworth|ORG]'s case is that, after the January consignment was lost, [Harvest Lane|ORG] decided not to
award it a contract to supply stone fruit for the 2021-22 season, which would have produced a profit of about
£410,000. Mr [Fenwick-Lowe|PER] said that [Harvest Lane|ORG]'s buyer, Ms [Penelope Strand|PER], told him
in a telephone call in March 2021 that "after January, the board wants a supplier with a more reliable chain".
Ms [Strand|PER] did not give evidence.

17. The starting point is the familiar rule in [Hadley|PER] v [Baxendale|PER] (1854) 9 Exch 341: a party in
breach is liable for losses arising naturally from the breach, or such as may reasonably be supposed to have been
in the contemplation of both parties, at the time they made the contract, as the probable result of the breach.
In [Transfield Shipping Inc|ORG] v [Mercator Shipping Inc|ORG] ([The Achilleas|MISC]) [2008] UKHL 48, the
[House of Lords|ORG] emphasised that the question may also depend on whether the defendant can be taken to have
assumed responsibility for losses of the kind in question.

18. I accept that [Amberley|ORG] knew, in general terms, that [Pellworth|ORG] sold fruit to supermarkets and that
late or spoiled deliveries would cause it commercial difficulty. But there is no evidence that [Amberley|ORG]
knew anything about [Pellworth|ORG]'s relationship with [Harvest Lane|ORG], still less about any prospective
contract for the following season. A warehouse keeper storing goods for a few days at a modest charge cannot
sensibly be taken to have assumed responsibility for the loss of its customer's future business with third
parties. The loss of the follow-on contract was, in my judgment, too remote.

19. Even if that were wrong, I would not have been satisfied on the evidence that the loss of the January
consignment caused [Harvest Lane|ORG]'s decision. The only evidence of the reason for the decision was hearsay of
a conversation that took place two months later, and there was evidence that [Harvest Lane|ORG] had reduced its
number of fruit suppliers generally in 2021 as part of a wider review. The claim for loss of profit fails on
causation as well as remoteness.

## Conclusion

20. [Pellworth|ORG] is entitled to judgment for damages limited in accordance with [Amberley|ORG]'s standard
trading conditions. The consignment weighed 9,870 kilograms, so the limit is £19,740. The claim for loss of the
follow-on contract is dismissed. I will hear the parties on interest and costs if they cannot be agreed.

21. I add only this. Nothing in this judgment should be taken as approval of the way in which the alarm system at
chamber 3 was left disabled for several weeks. [Amberley|ORG] accepted through Ms [Ashdown|PER] that its
procedures have since been changed, and it was right to do so. But the parties agreed how the risk of a failure of
this kind would be allocated between them, and it is not for the court to rewrite that bargain after the event.
""",
)

MOREAU = Opinion(
    key="legal-moreau",
    fmt="html",
    layout="report-ca",
    path="legal/lexborealis/moreau-v-tessier-construction.html",
    court="[Court of Appeal for Ontario|ORG]",
    title="Moreau v. Tessier Construction Ltd.",
    case_number="COA-23-CV-0418",
    date="2024-07-30",
    judges="[Ferreira-Banks|PER], [Laframboise|PER] and [Oduya|PER] JJ.A.",
    citation="2024 ONCA 981",
    url="https://www.lexborealis.ca/on/onca/doc/2024/2024onca981/2024onca981.html",
    meta={
        "caption": "BETWEEN [Hélène Moreau|PER] and [Patrick Moreau|PER], Plaintiffs (Respondents) and [Tessier "
        "Construction Ltd.|ORG], Defendant (Appellant). Heard: May 14, 2024. On appeal from the judgment of Justice "
        "[Rowan D. Ashby|PER] of the [Superior Court of Justice|ORG], dated March 2, 2023.",
        "breadcrumbs": ["Ontario", "Court of Appeal for Ontario", "2024"],
    },
    body="""
| [Laframboise|PER] J.A.:

## A. Overview

[1] The respondents, [Hélène Moreau|PER] and [Patrick Moreau|PER], hired the appellant, [Tessier Construction
Ltd.|ORG] ("[Tessier|ORG]"), to build an addition to their home in [Orléans|LOC], a suburb of [Ottawa|LOC]. The
relationship broke down before the work was finished. The trial judge found that [Tessier|ORG] had not
substantially completed the work when it stopped, that it was therefore not entitled to the final instalment of
the contract price, and that the [Moreaus|PER] were entitled to recover the cost of completing and correcting the
work. [Tessier|ORG] appeals.

[2] For the reasons that follow, I would dismiss the appeal.

## B. Background

[3] The parties signed a fixed-price contract in April 2019. The contract price of $286,000 was payable in five
instalments tied to stages of the work, the last of which, $57,200, was due "upon substantial completion of the
Work, as certified by the Owner's consultant". The owners' consultant was an architect, [Denise Kwan|PER].

[4] In November 2019, [Tessier|ORG]'s principal, [Marc Tessier|PER], advised the owners that the work was
substantially complete and demanded the final payment. Ms. [Kwan|PER] inspected the addition and refused to
certify substantial completion, identifying, among other things, an incomplete heating system, missing exterior
cladding on the north wall, and water penetration around two windows. The owners declined to pay. [Tessier|ORG]
left the site and registered a lien against the property.

[5] The owners retained another contractor, [Rideau Valley Builders Inc.|ORG], to complete and repair the work,
at a cost of $94,350. They then sued [Tessier|ORG] for that amount, and [Tessier|ORG] counterclaimed for the
final instalment.

## C. The trial judge's decision

[6] After a seven-day trial, the trial judge found that the work was not substantially complete in November 2019.
She accepted the evidence of Ms. [Kwan|PER] and of the owners' expert, an engineer, [Olivier Beaudry|PER], that
the outstanding work and the defects were significant, and she rejected Mr. [Tessier|PER]'s evidence that they
were minor "punch list" items. She held that [Tessier|ORG] had repudiated the contract by leaving the site, and
awarded the owners their completion costs less the unpaid balance of the contract price.

## D. Analysis

[7] [Tessier|ORG] argues that the trial judge erred in interpreting the contract as making Ms. [Kwan|PER]'s
certificate a condition of the final payment, and that she should instead have applied the statutory test for
substantial completion in the [Construction Act|MISC], R.S.O. 1990, c. C.30.

[8] The interpretation of a standard-form contract aside, contractual interpretation is a question of mixed fact
and law, and the trial judge's interpretation is entitled to deference absent an extricable error of law:
[Sattva Capital Corp.|ORG] v. [Creston Moly Corp.|ORG], 2014 SCC 53, [2014] 2 S.C.R. 633, at paras. 50-53. This
contract was negotiated between the parties, and [Tessier|ORG] has identified no extricable error of law.

[9] In any event, the trial judge's conclusion does not depend on the certificate. She found, on the evidence,
that the work was not substantially complete under any test, including the statutory one. That finding was
amply supported by the record, and [Tessier|ORG] has not shown any palpable and overriding error in it.

[10] [Tessier|ORG] also argues that the trial judge should have reduced the award because some of the work done
by [Rideau Valley Builders|ORG] went beyond what the contract required. The trial judge considered this argument
and made a deduction of $6,800 for upgrades the owners chose to make. That was a finding of fact open to her.

## E. Disposition

[11] I would dismiss the appeal, with costs to the respondents in the agreed amount of $18,000, inclusive of
disbursements and applicable taxes.

| Released: July 30, 2024

| "[L. Laframboise|PER] J.A."

| "I agree. [A. Ferreira-Banks|PER] J.A."

| "I agree. [T. Oduya|PER] J.A."
""",
)

OPINIONS = (PELLWORTH, MOREAU)
