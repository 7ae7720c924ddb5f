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

BLADES = NewsArticle(
    key="northgate-blades",
    outlet="northgate",
    section="business",
    slug="the-second-life-of-wind-turbine-blades",
    title="The long goodbye: who will pay to recycle Europe's wind turbine blades?",
    description="Tens of thousands of blades are reaching retirement. A handful of companies think they can keep "
    "them out of landfill, if someone will pay.",
    author="Ingrid Solberg-Hayes",
    published="2024-06-22T07:00:00+01:00",
    image_caption="Decommissioned blades stacked at a storage yard outside Esbjerg.",
    body="""
On a windswept quay at the edge of [Esbjerg|LOC] harbour, [Mette Kragh|PER] pats the tip of a turbine blade
that is longer than the warehouse behind it. The blade spent twenty-two years turning off the [Danish|MISC] west
coast. In a few days it will be cut into sections the size of a dining table, loaded onto lorries and fed into a
machine that her company spent six years and about €40 million building.

"Everybody loves the turbine while it is spinning," says [Kragh|PER], the chief executive and co-founder of
[Fjordline Composites|ORG]. "Nobody wants to think about the blade when it comes down. For a long time the honest
answer to the question of what happens to it was: you dig a hole."

That answer is running out of time. The first large generation of onshore wind farms, built in [Denmark|LOC],
[Germany|LOC] and [Spain|LOC] in the late 1990s and early 2000s, is reaching the end of its design life. Analysts
at [Calder & Wren Research|ORG] in [Edinburgh|LOC] estimate that around 14,000 blades will be taken down across
[Europe|LOC] in the next five years, and more than 40,000 by the middle of the next decade, as older machines
are replaced with fewer, taller and far more powerful ones.

## A mountain of glass fibre

A turbine is mostly easy to recycle. The steel tower and the copper in the generator have well-established
markets, and the concrete foundations can be crushed for aggregate. The blades are the problem. They are made
from glass or carbon fibre bound together with epoxy resin, a combination designed to survive decades of storms,
salt and ultraviolet light. The properties that make them so durable make them very hard to take apart.

"You have essentially built a giant fishing rod out of glue and glass," says [Oona Kilbride|PER], who studies
composite materials at the [Clyde Institute of Materials|ORG] in [Glasgow|LOC]. "It is a triumph of engineering
and a nightmare for anyone trying to separate it into its ingredients."

Several countries, including [Germany|LOC] and the [Netherlands|LOC], already restrict the landfilling of
composite waste, and the wind industry's trade bodies have called for a [Europe|LOC]-wide ban on sending blades
to landfill by the end of the decade. Until recently, though, the alternatives were limited and expensive, and
in many places blades were simply cut up and stored in yards while their owners waited for a cheaper solution to
appear.

[Theo Marchbank|PER], who leads the energy transition team at [Calder & Wren|ORG], says the industry has been
"kicking the blade down the road". He estimates that there are already more than 8,000 decommissioned blades in
storage in northern [Europe|LOC]. "It is not yet a crisis," he says. "But the curve is very steep, and the
capacity to deal with it is not growing nearly as fast."

## Grinding, burning, dissolving

Three broad approaches are now competing for the work, and each has its champions.

The simplest is mechanical: shred the blade, grind it into a coarse powder and use the result as a filler in
concrete, asphalt or new plastic products. It is cheap and proven, but the fibres are broken into short lengths
and lose most of their value. Critics call it downcycling.

The second uses the blades as fuel and raw material in cement kilns. The resin burns, providing heat, while the
glass fibre melts into the clinker, replacing some of the sand and clay that would otherwise be quarried. At
[Cementos Alcorán|ORG]'s works near [Zaragoza|LOC], in [Aragon|LOC], around 9,000 tonnes of shredded blade
material were used last year, according to plant manager [Lucía Ferrer-Soto|PER].

"It is not glamorous, but it works today, at scale," she says. "The blade disappears completely and we use
less coal. The people who say it is not real recycling should come and see how much quarrying it saves."

The third approach is the one [Fjordline|ORG] is betting on: breaking the resin down chemically so that the long
glass fibres can be recovered almost intact. The company's process, which it calls [BladeLoop|MISC], soaks the
sections in a heated solvent bath for several hours. What comes out is a mat of clean glass fibre and a liquid
from which some of the resin's components can be reused.

[Anders Holm-Riis|PER], [Fjordline|ORG]'s chief technology officer, holds up a sample of the recovered fibre. It
looks like a hank of pale, slightly coarse wool. "This fibre has about 85 per cent of the strength of new fibre,"
he says. "That is good enough for car parts, for boat hulls, for skis. It is not yet good enough to go back into
a new blade. That is the next step."

The plant in [Esbjerg|LOC], which opened in March, can process about 6,000 tonnes of blade material a year,
roughly the equivalent of 600 blades. [Kragh|PER] says the company has signed agreements with two wind farm
operators in [Denmark|LOC] and one in northern [Germany|LOC] and is in talks about a second plant in the
[United Kingdom|LOC] or the [Netherlands|LOC].

In [Hull|LOC], on the north bank of the [Humber|LOC], a rival firm is taking a different route. [Holderness
Resin Recovery|ORG] uses pyrolysis, heating the blades to around 500C in the absence of oxygen so that the resin
breaks down into oil and gas, which are then used to power the process. Chief executive [Gareth Pennock|PER]
says his plant on the former [Marfleet|LOC] docks will be able to handle 10,000 tonnes a year when it is fully
running next spring.

In [Bremen|LOC], a research consortium led by the [Weser Composite Centre|ORG] is testing a fourth option:
enzymes that digest the resin. Its director, [Katharina Vogelsang|PER], says the method is still at laboratory
scale but could one day run at lower temperatures than any of the others. "We are where solar panels were in the
1970s," she says. "Nobody should expect a factory from us before 2030."

"We don't need a chemistry set," [Pennock|PER] says. "We need heat and a lot of patience. The fibre that comes out
is a little weaker than [Fjordline|ORG]'s, but our costs are lower, and the energy we use is almost all generated
from the blades themselves."

## Who pays

For all the engineering, the difficult question is commercial. Sending a blade to landfill in countries that
still allow it costs around €150 to €200 a tonne. Cement kilns charge a little more. Chemical recycling currently
costs several times as much, and the recovered fibre sells for far less than new fibre produced in [China|LOC] or
[Egypt|LOC].

"The economics only work if somebody is forced to do the right thing or paid to do it," says [Marchbank|PER].
"At the moment, the owner of a twenty-year-old wind farm has very little incentive to pick the expensive option."

Some operators are choosing it anyway. [Skagen Vind Energi|ORG], which owns about 340 older turbines in
[Denmark|LOC] and [Sweden|LOC], has agreed to send all of its retired blades to [Fjordline|ORG] until 2030.
[Rasmus Dalgaard|PER], its head of asset management, says the company made the decision partly because its
investors, mostly [Scandinavian|MISC] pension funds, asked about it.

"When we sell power to a supermarket chain or a data centre, the buyer now asks us where the blades will go," he
says. "It is part of the story of green electricity. If the answer is a hole in the ground, the story is not
quite so green."

In [Britain|LOC], a group of operators including [Pennine Wind Holdings|ORG] and [Tarn Valley Energy|ORG] has
asked the government in [London|LOC] for a fund, paid for by a small levy on new turbines, to cover the extra
cost of recycling old ones. [Pennock|PER] supports the idea. [Kragh|PER] fears that such a fund would reward the
cheapest process rather than the best, and says [Fjordline|ORG] would rather see a ban on landfill and a minimum
share of recovered fibre in new products.

Others are waiting for regulation. The [European Commission|ORG] is reviewing the [Waste Framework
Directive|MISC], and the industry expects it to set a target date for ending the landfilling of blades. Some
manufacturers have gone further, promising that all new blades will be fully recyclable by 2030, using resins
designed to be dissolved at the end of their life.

[Kilbride|PER] welcomes the pledges but warns that they will do little for the blades already in service. "The
recyclable blade is the answer for 2050," she says. "The blades coming down in 2025 were made in 2000, with the
technology of 2000. We have to deal with what we have."

## From blade to bridge

Not every blade needs to be broken down. In [Aalborg|LOC], two sections of a blade from a dismantled turbine now
form the deck of a footbridge over a cycle path, and in the [Basque Country|LOC] a company called
[Ekaitz Diseinua|ORG] turns blade sections into bus shelters, benches and playground equipment.

Its founder, [Iker Zubizarreta|PER], says reuse is the most sustainable option because it keeps the material in
the shape in which it was manufactured, without the energy needed to grind, burn or dissolve it. But he concedes
that it will only ever handle a small share of the volume. "You can build a lot of bus shelters," he says. "You
cannot build forty thousand."

Back in [Esbjerg|LOC], [Kragh|PER] is less worried about competition than about time. Her company's investors,
led by the [Danish|MISC] fund [Nordhavn Impact Capital|ORG] and a regional development bank, have committed
enough money to run the plant for three years at its current rate of losses. By then, she says, either the rules
will have changed or the price of recovered fibre will have risen enough to close the gap.

She points across the quay to a row of blades lying on wooden trestles, each marked with a number in yellow
paint. Some came from a wind farm on the island of [Rømø|LOC], others from a site near [Ringkøbing|LOC]. "Every
one of these has a story," she says. "Twenty years of making clean electricity. It would be a strange way to
thank them, to bury them."

The first recovered fibre from the [Esbjerg|LOC] plant has already been sold to [Varde Marine|ORG], a boatbuilder
that plans to use it in the hulls of small fishing vessels. Its owner, [Jens Vestergaard|PER], says he is paying
a little more than he would for new fibre. "It is a small premium," he says. "And my customers like the idea
that the boat they fish from was once a turbine they could see from the harbour."

Whether such goodwill can carry an industry is another matter. [Marchbank|PER] expects a wave of consolidation
among the recyclers within five years, and says the winners will be those that can offer wind farm owners a
single contract to take away everything, from the tower to the last bolt.

"The first generation of wind power was about proving that it worked," he says. "The next generation is about
proving that it can be undone cleanly. Investors and the public will judge the industry on both."
""",
)

ARTICLES = (MERGER, BATTERY, FINTECH, RETAIL, BLADES)
