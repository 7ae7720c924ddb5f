"""Stories of the Northgate Business Review (fictional business site). Synthetic text: every company and
person is invented, and real institutions appear only in neutral roles."""

from __future__ import annotations

from gonerd.demo.news_articles import NewsArticle

MERGER = NewsArticle(
    key="northgate-merger",
    outlet="northgate",
    section="companies",
    slug="vintra-logistics-agrees-to-buy-kestrel-freight",
    title="Vintra Logistics agrees to buy Kestrel Freight in €1.4bn deal",
    description="The Milan-based group will become Europe's third-largest rail freight operator.",
    author="Daniel Okafor-Reyes",
    published="2024-03-18T08:30:00+00:00",
    body="""
[Vintra Logistics|ORG] has agreed to buy [Kestrel Freight|ORG], the [Dutch|MISC] rail cargo operator, for about
€1.4 billion including debt, creating what would be [Europe|LOC]'s third-largest rail freight company by volume.

The [Milan|LOC]-based group said on Monday that it would pay €18.50 a share in cash for [Kestrel|ORG], a premium
of 31 per cent to its closing price on Friday. [Kestrel|ORG]'s board, which rejected an approach from
[Vintra|ORG] last year, said it would recommend the offer to shareholders.

The deal combines [Vintra|ORG]'s network in [Italy|LOC], [Austria|LOC] and southern [Germany|LOC] with
[Kestrel|ORG]'s operations between the port of [Rotterdam|LOC] and the [Ruhr|LOC]. Together the companies run
about 1,100 trains a week and employ around 9,000 people.

[Helena Marchetti|PER], [Vintra|ORG]'s chief executive, said the acquisition would allow the group to offer
customers a single service from the [North Sea|LOC] to the [Adriatic|LOC]. "Shippers want to move more freight
by rail, but they are tired of dealing with five operators and five sets of paperwork to cross the continent,"
she said in a call with analysts.

[Kestrel|ORG] chief executive [Joost van Leeuwen|PER], who founded the company in 2002 with three locomotives
leased from [Deutsche Bahn|ORG], will join [Vintra|ORG]'s board. He said the two businesses had "almost no
overlap and a great deal in common".

The companies expect savings of about €60 million a year by 2027, mostly from sharing locomotives and
maintenance depots. [Vintra|ORG] said it did not plan any compulsory redundancies among [Kestrel|ORG]'s 2,400
staff in the [Netherlands|LOC].

The takeover will need approval from the [European Commission|ORG], which has become more willing to scrutinise
deals in the transport sector. Analysts said they did not expect serious competition concerns, as the two
companies operate mostly on different routes. "This is an end-to-end deal rather than a head-to-head one," said
[Priya Natarajan|PER], a transport analyst at [Haldane Brothers|ORG] in [London|LOC].

Rail freight has been growing in [Europe|LOC] as companies try to cut carbon emissions from their supply chains,
and the [European Union|ORG] wants to double the amount of freight carried by rail by 2050. But operators have
struggled with congestion on the main corridors, strikes and high energy prices.

[Kestrel|ORG] shares jumped 27 per cent to €17.90 in [Amsterdam|LOC] on Monday morning. [Vintra|ORG]'s shares,
which are listed in [Milan|LOC], fell 2 per cent.

[Vintra|ORG] is being advised by [Corbel Partners|ORG] and [Kestrel|ORG] by [Northmoor & Finch|ORG]. The deal is
expected to close in the fourth quarter.
""",
)

BATTERY = NewsArticle(
    key="northgate-battery",
    outlet="northgate",
    section="technology",
    slug="cascadia-cellworks-raises-95m-for-iron-air-batteries",
    title="Cascadia Cellworks raises $95m to build iron-air batteries in Oregon",
    description="The Corvallis start-up plans a factory to make long-duration storage for utilities.",
    author="Mei-Ling Foster",
    published="2024-02-27T13:00:00-08:00",
    body="""
[Cascadia Cellworks|ORG], a start-up developing batteries made from iron, water and air, has raised $95 million
to build its first factory in [Oregon|LOC], the company said on Tuesday.

The funding round was led by [Timberline Ventures|ORG], a [Portland|LOC] investment firm, with participation from
[Orsa Capital|ORG] of [Stockholm|LOC] and several existing investors. It values the company at about $420
million, according to two people familiar with the deal.

Founded in 2019 by two researchers from [Oregon State University|ORG], [Cascadia|ORG] is one of a growing number
of companies working on so-called long-duration storage, which can store electricity from wind and solar farms
for days rather than hours. The technology relies on a simple chemical reaction: iron rusts as the battery
discharges and the rust is turned back into iron when it is charged.

"Lithium-ion batteries are fantastic for phones and cars, but they are too expensive to store energy for a
week," said chief executive [Nadia Elkins|PER], a chemical engineer who grew up on a farm near [Albany|LOC].
"Iron is one of the cheapest materials on the planet. That's the whole point."

The company plans to use the money to build a 200,000-square-foot factory on the site of a former paper mill in
[Millersburg|LOC], north of [Albany|LOC], creating around 300 jobs. Production is due to start in 2026.

[Cascadia|ORG] has already signed agreements to supply batteries to two utilities, including [Willamette Public
Power|ORG], which plans to install a 10-megawatt system next to a solar farm in [Linn County|LOC].
[Willamette|ORG]'s head of planning, [Roger Castillo|PER], said the utility needed storage that could keep the
lights on "through a week of grey January skies and no wind".

Co-founder [Tobias Lindqvist|PER], a [Swedish|MISC] materials scientist who moved to [Corvallis|LOC] to do his
doctorate, said the company had solved the main weakness of earlier iron-air designs, which lost much of their
energy as heat. He declined to give details, citing patents that are still pending.

Several rivals are pursuing similar technology in the [United States|LOC] and [Europe|LOC], and at least one has
already built a factory. [Ingrid Halvorsen|PER], an energy storage analyst at [Brightline Research|ORG], said
the market was large enough for several winners. "Utilities are going to need hundreds of gigawatt-hours of this
kind of storage over the next decade," she said. "The question is who can manufacture it reliably and cheaply,
not who has the cleverest chemistry."

The company has also received a $12 million grant from the [U.S. Department of Energy|ORG] and tax credits
under the [Inflation Reduction Act|MISC]. Governor's office officials in [Salem|LOC] said the state was
considering additional support through its semiconductor and clean energy programmes.
""",
)

FINTECH = NewsArticle(
    key="northgate-fintech",
    outlet="northgate",
    section="technology",
    slug="lisbon-payments-firm-pagaro-expands-to-spain-and-brazil",
    title="Lisbon payments firm Pagaro expands to Spain and Brazil",
    description="The Portuguese start-up, which processes payments for small shops, has hired 120 staff this year.",
    author="Mei-Ling Foster",
    published="2024-05-14T10:45:00+01:00",
    body="""
[Pagaro|ORG], a [Lisbon|LOC] start-up that lets small shops accept card and phone payments without a terminal,
is expanding into [Spain|LOC] and [Brazil|LOC] after tripling its revenue last year.

The company, founded in 2020 by former bank employees [Tiago Rebelo|PER] and [Carolina Azevedo|PER], said it
now processes payments for about 48,000 merchants in [Portugal|LOC], from bakeries and hairdressers to market
stalls. Its app turns a shopkeeper's smartphone into a payment terminal using the phone's contactless chip.

"In [Portugal|LOC], small businesses used to pay €30 a month just to rent a card machine, before a single
customer walked through the door," [Rebelo|PER] said in an interview at the company's offices in the
[Alcântara|LOC] district, a former industrial area on the [Tagus|LOC] that has become a hub for technology
firms. "We charge nothing up front. We only make money when they make money."

[Pagaro|ORG] will open an office in [Madrid|LOC] next month and plans to launch in [São Paulo|LOC] before the end
of the year, taking advantage of the shared language and the strong links between [Portuguese|MISC] and
[Brazilian|MISC] businesses. [Azevedo|PER], who is [Brazilian|MISC] and moved to [Lisbon|LOC] as a student, will
lead the [Latin American|MISC] expansion.

The company has hired 120 people this year, bringing its workforce to about 300, and has opened a second
engineering centre in [Porto|LOC]. It is backed by [Atlântico Ventures|ORG] and the [Dutch|MISC] fund
[Herengracht Capital|ORG], and raised €40 million last year.

[Portugal|LOC] has become one of [Europe|LOC]'s more active start-up hubs over the past decade, helped by the
[Web Summit|MISC] technology conference, which moved to [Lisbon|LOC] from [Dublin|LOC] in 2016, and by tax
incentives for foreign workers. But founders have complained about a shortage of experienced engineers and the
rising cost of housing in the capital.

[Rebelo|PER] said the [Spanish|MISC] market would be harder than [Portugal|LOC], because competition among
banks and payment firms was fiercer. "In [Spain|LOC] we are not the only ones offering this," he said. "But most
of our competitors were built for big retailers. We were built for the woman who sells fish in [Setúbal|LOC]
market."

[Pagaro|ORG] is regulated as a payment institution by the [Banco de Portugal|ORG] and said it had applied for
the licences it needed in [Brazil|LOC]. It expects to break even next year.

Some of its earliest customers say the service has changed how they run their businesses. Dona [Rosa
Figueira|PER], who has sold cheese and smoked sausages from a stall in [Lisbon|LOC]'s [Mercado de
Arroios|LOC] for 31 years, says she used to turn away tourists who had no cash. "Now the young ones pay with
their watches," she said, laughing. "I still don't understand it, but it works."
""",
)

RETAIL = NewsArticle(
    key="northgate-retail",
    outlet="northgate",
    section="markets",
    slug="brightwells-profits-fall-as-shoppers-cut-back",
    title="Brightwell's profits fall as shoppers cut back on homeware",
    description="The department store chain will close four shops and expand its online marketplace.",
    author="Daniel Okafor-Reyes",
    published="2024-04-25T07:00:00+01:00",
    body="""
[Brightwell's|ORG], the [British|MISC] department store chain, reported a 22 per cent fall in annual profits on
Thursday as shoppers cut back on furniture and homeware, and said it would close four of its 31 shops.

Pre-tax profit fell to £38.6 million in the year to the end of January, from £49.5 million a year earlier, on
sales that were broadly flat at £1.12 billion. Strong demand for beauty products and school uniforms was offset
by a slump in sales of sofas, beds and kitchenware, which fell by 14 per cent.

The company will close its stores in [Swindon|LOC], [Wakefield|LOC], [Ipswich|LOC] and [Stoke-on-Trent|LOC]
over the next year, affecting about 600 staff. It said it would try to find jobs for as many as possible in other
branches.

Chief executive [Fiona Castellane|PER] said the chain had been "caught between very cautious customers and
stubbornly high costs". "People are still spending on small treats and on their children," she told reporters.
"What they are not doing is replacing the sofa."

[Castellane|PER], who joined [Brightwell's|ORG] from the supermarket group [Harcourt Foods|ORG] two years ago,
said the company would invest £45 million in its website and an online marketplace that lets independent brands
sell through [Brightwell's|ORG]. The marketplace, launched last spring, now has more than 700 sellers and
accounts for about 9 per cent of online sales.

The group's flagship store on [Deansgate|LOC] in [Manchester|LOC] and its shop in [Edinburgh|LOC]'s [Princes
Street|LOC] both reported higher sales, helped by tourists. Trading was weakest in smaller towns in the
[Midlands|LOC] and the north of [England|LOC].

Shares in [Brightwell's|ORG] fell 6 per cent in early trading on the [London Stock Exchange|ORG]. [Oliver
Drummond|PER], a retail analyst at [Stanmore Securities|ORG], said the results were "roughly in line with
expectations, but the outlook is gloomy". He noted that the company had warned that the first weeks of the new
financial year had been "subdued", partly because of wet weather.

The closures will leave [Brightwell's|ORG] with 27 stores, down from 46 a decade ago. The chain, founded in
[Bath|LOC] in 1871 by draper [Thomas Brightwell|PER], has been owned since 2015 by a group of investors led by the
[Canadian|MISC] pension fund [Maple Ridge Holdings|ORG].

[Castellane|PER] said there were no plans to sell the business. "We've been around for more than 150 years," she
said. "We intend to be around for a good while longer."

Unions reacted angrily to the closures. [Usdaw|ORG], which represents shop workers, said staff in
[Wakefield|LOC] had learned about the decision from a news alert on their phones. [Brightwell's|ORG] said all
affected employees had been briefed by managers before the announcement was published.
""",
)

ARTICLES = (MERGER, BATTERY, FINTECH, RETAIL)
