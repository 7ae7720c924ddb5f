"""Stories of the Continental Post (fictional pan-European site). Synthetic text: the people, companies,
regulations and missions are invented; real institutions appear only as settings."""

from __future__ import annotations

from gonerd.demo.news_articles import NewsArticle

FERRIES = NewsArticle(
    key="continental-ferries",
    outlet="continental",
    section="europe",
    slug="parliament-backs-clean-ferries-regulation",
    title="European Parliament backs tougher emissions rules for ferries",
    description="MEPs voted for the [Clean Ferries Regulation|MISC], but [Greek|MISC] and [Croatian|MISC] "
    "operators warn of higher fares.",
    author="Sophie Renaud",
    published="2024-04-10T16:55:00+02:00",
    body="""
The [European Parliament|ORG] on Wednesday voted for new rules that would require ferries operating in
[EU|ORG] ports to cut their greenhouse gas emissions by 40 per cent by 2035, setting up difficult negotiations
with member states that depend heavily on island routes.

MEPs meeting in [Strasbourg|LOC] approved the [Clean Ferries Regulation|MISC] by 398 votes to 201, with 37
abstentions. The law would oblige operators to use shore power when docked in large ports from 2030 and to
switch gradually to low-carbon fuels or batteries on shorter routes.

The rapporteur, [Danish|MISC] MEP [Mette Kjærgaard|PER], said ferries had been "left behind" by earlier climate
legislation that focused on large cargo ships. "A ferry crossing between [Helsinki|LOC] and [Tallinn|LOC] or
between [Calais|LOC] and [Dover|LOC] runs the same route several times a day," she said. "These are exactly
the ships that can switch to batteries and shore power today."

Operators in southern [Europe|LOC] have lobbied hard against the proposal. The [Hellenic Coastal Shipping
Association|ORG], which represents [Greek|MISC] ferry companies, said the rules could add up to 15 per cent to
fares on routes to smaller islands in the [Aegean|LOC], many of which are served by older vessels.

"For people on [Ikaria|LOC] or [Kastellorizo|LOC], the ferry is not a holiday. It is the only way to get to a
hospital," said the association's president, [Nikos Vardakis|PER]. He called for longer transition periods and
[EU|ORG] funding to help small operators replace their fleets.

[Croatian|MISC] and [Italian|MISC] MEPs tabled amendments to exempt routes to islands with fewer than 5,000
inhabitants, but they were narrowly rejected. An amendment from the [Greens|ORG] to bring the deadline forward to
2032 also failed.

The [European Commission|ORG], which proposed the regulation last year, welcomed the vote. A spokesperson said
the law would be backed by money from the [Innovation Fund|ORG], which is financed by the [EU|ORG]'s carbon
market, and that the commission was "ready to listen" to concerns about island communities.

Negotiations with the [Council of the European Union|ORG], where national governments are represented, are
expected to begin in the autumn. Diplomats say [Greece|LOC], [Croatia|LOC] and [Malta|LOC] are likely to push for
exemptions, while [Denmark|LOC], [Norway|LOC]-linked operators and the [Baltic|MISC] states broadly support the
plan. [Norway|LOC], which is not an [EU|ORG] member, already runs dozens of electric ferries on its fjords.

Environmental groups gave the vote a cautious welcome. [Laura Petrescu|PER] of the [Brussels|LOC]-based campaign
group [Clean Seas Europe|ORG] said the law was "a real step forward", but that its provisions on low-carbon
fuels were "full of loopholes".

Industry analysts expect the final text to be softened. "The parliament has set out its stall, but the island
states have a lot of leverage in the council," said [Markus Feldmann|PER], a maritime policy expert at the
[Hamburg|LOC] consultancy [Nordkap Maritime|ORG]. "I would be surprised if the 2035 target survives unchanged."
""",
)

MUSEUM = NewsArticle(
    key="continental-museum",
    outlet="continental",
    section="culture",
    slug="lisbon-opens-museum-of-the-atlantic",
    title="Lisbon opens Museum of the Atlantic in former sardine cannery",
    description="The museum, in a restored [Tagus|LOC] cannery, tells the ocean's story through the people who "
    "worked it.",
    author="Inês Duarte",
    published="2024-06-06T12:00:00+01:00",
    image_caption="Visitors in the main hall of the Museum of the Atlantic in Lisbon.",
    body="""
A new museum devoted to the [Atlantic Ocean|LOC] opened in [Lisbon|LOC] on Thursday in a former sardine cannery
on the banks of the [Tagus|LOC], the latest in a series of cultural projects transforming the city's old
industrial waterfront.

The [Museum of the Atlantic|ORG], in the [Marvila|LOC] district, tells the story of the ocean through the people
who lived and worked on it: fishermen and whalers from the [Azores|LOC], sailors on the trade routes to
[Brazil|LOC] and [Africa|LOC], and the thousands of women who once packed fish in the city's canneries.

The building, a red-brick factory that closed in 1987, has been restored by the [Porto|LOC] architect
[Joana Seixas|PER], who kept the original cast-iron columns and the long tiled tables where sardines were once
gutted and packed into tins.

"We wanted visitors to feel the work that happened here," [Seixas|PER] said during a tour for journalists on
Wednesday. "These walls were full of noise and the smell of fish and oil. We could not bring that back, but we
did not want to paint over it either."

The museum's director, [Rui Calado|PER], said its collection of about 4,000 objects had been assembled largely
from donations by families. Among the highlights are a 19th-century whaling boat from the island of
[Pico|LOC], logbooks from [Portuguese|MISC] cod-fishing schooners that sailed to the [Grand Banks|LOC] of
[Newfoundland|LOC], and recordings of songs sung by cannery workers in the 1950s.

"Museums usually tell the story of the ocean through explorers and kings," [Calado|PER] said. "We wanted to tell
it through the people who got their hands wet."

One room is dedicated to the ocean's future, with displays on rising sea levels, plastic pollution and the
decline of fish stocks, developed with researchers from the [University of Lisbon|ORG]. Another examines
[Portugal|LOC]'s role in the [Atlantic|LOC] slave trade, a subject that has been the focus of growing public
debate in the country in recent years.

The project cost €32 million, with about half coming from [EU|ORG] regional development funds and the rest from
[Lisbon City Council|ORG] and a private foundation set up by the [Almeida Sardinha|ORG] canning family, whose
factory this once was.

[Lisbon|LOC]'s mayor's office said it expected about 300,000 visitors a year. The museum is the latest addition to
a stretch of riverside in eastern [Lisbon|LOC] where former warehouses have been turned into galleries, studios
and restaurants. Some residents have complained that the changes are driving up rents in what was long one of
the city's poorest areas.

[Maria da Luz Pereira|PER], 81, who worked in the cannery from the age of 14 until it closed, attended the
opening with her granddaughter. She said she had cried when she saw the restored packing tables. "My hands still
remember," she said. "Thirty years I stood here. Now people will pay to come and see it."
""",
)

COMET = NewsArticle(
    key="continental-comet",
    outlet="continental",
    section="science",
    slug="lyra-probe-sends-first-images-of-comet",
    title="Lyra probe sends back first close-up images of comet Halvard-Pietsch",
    description="The [European|MISC] mission reached its target after six years and found a surprisingly active "
    "surface.",
    author="Tomasz Wróbel",
    published="2024-09-19T18:20:00+02:00",
    image_caption="An image of comet Halvard-Pietsch taken from 1,200 kilometres.",
    body="""
The [Lyra|MISC] space probe has sent back its first close-up images of comet [Halvard-Pietsch|LOC], showing a
dark, cratered nucleus streaked with jets of gas and dust, scientists said on Thursday.

The images, taken from a distance of about 1,200 kilometres, were released at a press conference at the
[European Space Operations Centre|LOC] in [Darmstadt|LOC], [Germany|LOC], where the mission is controlled. They
show a nucleus about four kilometres long, shaped roughly like a peanut, with at least a dozen active jets.

"We expected a sleepy comet at this distance from the Sun," said mission scientist Dr [Annika Vestergaard|PER].
"Instead we found one that is already very busy. It is a gift for us, and a challenge for the navigation
team."

[Lyra|MISC], built by a consortium led by the [French|MISC] company [Aérospatiale Lumière|ORG] for the
[European Space Agency|ORG], was launched from [Kourou|LOC] in [French Guiana|LOC] in 2018. It has travelled
more than 3.5 billion kilometres, using flybys of [Earth|LOC] and [Mars|LOC] to pick up speed.

The comet was discovered in 2011 by two amateur astronomers, [Erik Halvard|PER] in [Norway|LOC] and [Gisela
Pietsch|PER] in [Austria|LOC], who spotted it within hours of each other. It orbits the Sun every 7.4 years and
is thought to have been formed in the outer solar system more than four billion years ago.

Over the next eighteen months, [Lyra|MISC] will map the comet's surface in detail and analyse the gas and dust
it gives off as it moves closer to the Sun. Scientists hope the measurements will help to answer questions about
whether comets delivered water and organic molecules to the early [Earth|LOC].

The mission also carries an instrument built by the [Swiss|MISC] university [ETH Zurich|ORG] that will measure
the ratio of heavy to normal water in the comet's vapour, a key clue to where [Earth|LOC]'s oceans came from.
Principal investigator Professor [Luca Brunner|PER] said the first data would be available "within weeks".

Flight director [Olumide Adebayo|PER] said the unexpected activity meant the team would keep the probe further
away than planned for the first few months. "Dust hitting the spacecraft at these speeds is like sandblasting,"
he said. "We want good pictures, but we want the spacecraft to survive to take them."

The mission has cost about €1.1 billion, shared among [ESA|ORG]'s member states, with [Germany|LOC], [France|LOC]
and [Italy|LOC] the largest contributors. [NASA|ORG] provided an ultraviolet spectrometer and is helping to track
the spacecraft through its [Deep Space Network|ORG] antennas in [California|LOC], [Spain|LOC] and
[Australia|LOC].
""",
)

DANUBE = NewsArticle(
    key="continental-danube",
    outlet="continental",
    section="long-reads",
    slug="the-river-that-could-carry-europe",
    title="The river that could carry Europe",
    description="Low water, old locks and a shortage of skippers: on board a barge from [Vienna|LOC] to the "
    "[Black Sea|LOC].",
    author="Sophie Renaud",
    published="2024-08-24T07:00:00+02:00",
    image_caption="The pusher tug Morava leaves the port of Vienna with four barges of grain.",
    body="""
The captain of the pusher tug [Morava|MISC] has a rule about the river: never trust it in August.
[Dragan Ilić|PER], a broad-shouldered [Serbian|MISC] of 58 who has spent 37 years on the [Danube|LOC], taps the
depth gauge on the bridge as his convoy of four barges, loaded with 6,000 tonnes of [Austrian|MISC] wheat, edges
out of the port of [Vienna|LOC] into the current. "Last week there were two metres here," he says. "Today, one
metre sixty. Tomorrow, who knows?"

The journey from [Vienna|LOC] to the [Romanian|MISC] port of [Constanța|LOC] on the [Black Sea|LOC] covers about
1,800 kilometres and passes through [Slovakia|LOC], [Hungary|LOC], [Croatia|LOC], [Serbia|LOC] and
[Bulgaria|LOC]. In a good season it takes [Ilić|PER] and his crew of five around ten days. In a bad one, when the
water drops and the barges have to be lightened, it can take three weeks, and the cargo arrives on three
convoys instead of one.

[Europe|LOC]'s politicians talk a great deal about the [Danube|LOC]. For the [European Commission|ORG], it is a
vital part of the continent's plans to move freight off the roads and cut transport emissions. A single convoy
like [Ilić|PER]'s carries as much as 240 lorries. But the people who work on the river say it has been neglected
for decades, and that climate change is making its problems worse.

## A river of bottlenecks

The stretch downstream of [Vienna|LOC] is one of the most notorious. Between the [Austrian|MISC] capital and
[Bratislava|LOC], the river runs freely through the [Donau-Auen National Park|LOC], a protected wetland of
floodplain forests and gravel banks. Plans to deepen the channel have been fought over for thirty years by
engineers, shipping companies and conservationists, and the compromise that was eventually reached has only
partly solved the problem.

"Everyone agrees the river should carry more freight, and everyone agrees the national park should be
protected," says [Katharina Gruber|PER], a hydrologist at the [University of Natural Resources and Life
Sciences|ORG] in [Vienna|LOC]. "The difficulty is that in a dry summer those two goals collide on the same few
kilometres of gravel."

Further down, in [Hungary|LOC], there are more than thirty shallow sections between [Szob|LOC] and the
[Serbian|MISC] border where barges regularly run aground in low water. Projects to dredge the worst of them have
been announced several times and repeatedly delayed. [Ilić|PER] knows each of them by name, and by the
groundings he has seen there. "At [Dunaföldvár|LOC] in 2022 we waited nine days," he says. "Nine days, drinking
coffee, looking at the sand."

The summer of 2022 was a warning for the whole industry. A drought across central [Europe|LOC] pushed water
levels on the [Rhine|LOC] and the [Danube|LOC] to record lows. Barges sailed with a quarter of their normal loads,
freight rates tripled and some shipments of coal and grain had to be moved to trains and lorries. Scientists at
the [International Commission for the Protection of the Danube River|ORG] warn that such summers are likely to
become more common as rainfall patterns change and the glaciers that feed the river's [Alpine|MISC] tributaries
shrink.

## The [Iron Gates|LOC]

Three days out of [Vienna|LOC], the [Morava|MISC] passes [Budapest|LOC] at dawn, the [Hungarian Parliament|LOC]
glowing pink on the east bank, and by evening the convoy is anchored near [Mohács|LOC], waiting for a berth at
the border. [EU|ORG] rules mean the barges have to clear customs before entering [Serbia|LOC], which is not a
member of the union, and the checks can take anything from two hours to two days.

In [Serbia|LOC] the river widens and slows. Past [Novi Sad|LOC] and [Belgrade|LOC], where the [Sava|LOC] joins
from the west, the [Danube|LOC] enters the [Iron Gates|LOC], a spectacular gorge where it cuts through the
[Carpathian|LOC] and [Balkan|LOC] mountains and forms the border between [Serbia|LOC] and [Romania|LOC]. Two
huge dams, built jointly by [Yugoslavia|LOC] and [Romania|LOC] in the 1960s and 1980s, generate electricity and
raise the water level, and ships pass them through a series of locks.

The locks are a source of constant complaint. Built more than half a century ago, they need expensive repairs,
and when one chamber is closed for maintenance the queues can stretch for days. The [Romanian|MISC] and
[Serbian|MISC] operators of the locks say they have been upgrading them with help from [EU|ORG] funds, and that
waiting times have improved over the past two years.

[Ilić|PER] is unconvinced. "They fix one gate and another breaks," he says, as the [Morava|MISC] inches into the
upper chamber of the [Đerdap I|LOC] lock in the late afternoon, the rock walls of the gorge towering above.
Deckhand [Stefan Marković|PER], 24, leans over the side with a boathook to keep the barges from scraping the
concrete. It is his second season on the river. His father and grandfather were boatmen too.

## Life on board

Life on the [Morava|MISC] follows the rhythm of the river. The crew sleep in small cabins below the
wheelhouse, and meals are cooked in turns in a galley barely big enough for two. [Ilić|PER] insists on eating
together at least once a day, usually a thick bean soup or grilled fish bought from fishermen who row out to
the convoy near [Smederevo|LOC]. The television picks up [Serbian|MISC], [Hungarian|MISC] and
[Romanian|MISC] channels depending on the bank, and the crew argue cheerfully about football in four languages.

The engineer, [Béla Kovács|PER], a quiet [Hungarian|MISC] from [Paks|LOC] who has worked with [Ilić|PER] for
fifteen years, spends most of his day in the engine room, nursing two diesel engines that were built in the
1990s. [Donau Transit|ORG] plans to replace them with cleaner engines next winter, partly paid for by an
[EU|ORG] grant. [Kovács|PER] is sceptical of anything with too many electronics. "Old engines you can fix with a
hammer," he says. "New engines you fix with a laptop, and the laptop is in [Vienna|LOC]."

## Who will steer the barges?

That, in the end, may be the industry's biggest problem. Across [Europe|LOC], inland shipping companies are
struggling to recruit young crew members. The work is hard and the hours are long: crews typically spend two or
three weeks on board, followed by a similar period at home. Pay in the eastern countries along the [Danube|LOC]
is far lower than on the [Rhine|LOC], where many of the best-qualified boatmen have gone to work.

[Donau Transit|ORG], the [Vienna|LOC]-based company that operates the [Morava|MISC], employs about 400 people
on 35 vessels. Its chief executive, [Andreas Lechner|PER], says that a quarter of its captains will reach
retirement age within five years. "We can buy new boats. We can't buy experience," he says. "A captain who knows
the [Danube|LOC] in low water is worth more than any piece of equipment."

The company has started a training programme with a shipping school in [Galați|LOC], in eastern [Romania|LOC],
and pays for young crew members to take the exams needed for a captain's licence. [Lechner|PER] is also lobbying
for the [EU|ORG] to simplify the rules for recognising qualifications between countries, which he says make it
unnecessarily hard for boatmen from [Serbia|LOC] and [Ukraine|LOC] to work on ships flying [EU|ORG] flags.

The war in [Ukraine|LOC] has changed the river in other ways. Since 2022, when [Russia|LOC]'s invasion disrupted
exports from [Ukrainian|MISC] ports on the [Black Sea|LOC], the lower [Danube|LOC] has become an important route
for [Ukrainian|MISC] grain. Convoys load at the river ports of [Izmail|LOC] and [Reni|LOC] and sail to
[Constanța|LOC], or are towed upstream to [Central European|MISC] buyers. The extra traffic has brought business
to the [Romanian|MISC] ports, but also long queues at the [Sulina Canal|LOC], the narrow channel that links the
river to the sea.

## Money and plans

The [European Union|ORG] has promised to help. Under its trans-[European|MISC] transport network rules, member states
along the [Danube|LOC] are required to guarantee a minimum navigable depth of 2.5 metres on most of the river for
much of the year by 2030. A programme known as the [Danube Fairway Initiative|MISC] is meant to coordinate
dredging, maintenance and the installation of new water-level sensors between [Germany|LOC] and the
[Black Sea|LOC].

But progress has been patchy. The [European Court of Auditors|ORG] has criticised earlier river projects for
poor coordination, noting that improvements in one country were often undermined by bottlenecks in the next.
[Zsófia Halász|PER], a transport economist in [Budapest|LOC] who has studied the [Danube|LOC] for twenty years,
says governments have tended to treat the river as a border rather than a shared resource.

"Each country looks after its own section, with its own budget and its own environmental rules," she says. "A
barge captain doesn't care whose fault it is that he's stuck. He just knows the river doesn't work as one
system."

Some in the industry see an opportunity in new technology. The [Dutch|MISC] start-up [Riverwise|ORG] has
developed software that uses satellite images and sensor data to predict water depths along the river several
days in advance, allowing companies to plan how heavily to load their barges. [Donau Transit|ORG] has been
testing it since the spring. [Lechner|PER] says it has already saved the company several groundings, and a good
deal of money.

Environmental groups, meanwhile, argue that the answer is not to reshape the river to fit the ships but to build
ships that fit the river. The [WWF|ORG] has campaigned for years against large-scale dredging in [Hungary|LOC] and
[Bulgaria|LOC], and supports the development of lighter, shallow-draught vessels. Several shipyards in
[Romania|LOC] and [Serbia|LOC] are working on designs.

## Journey's end

Eleven days after leaving [Vienna|LOC], the [Morava|MISC] reaches the [Danube–Black Sea Canal|LOC] at
[Cernavodă|LOC], a shortcut that takes ships directly to [Constanța|LOC] and avoids the long loop through the
delta. The wheat will be loaded on to a bulk carrier bound for [Egypt|LOC].

The journey has gone well, by [Ilić|PER]'s standards. The convoy ran aground only once, briefly, near
[Vidin|LOC] in [Bulgaria|LOC], and was freed within hours by a passing tug. The locks at the [Iron Gates|LOC]
took six hours rather than the two days he had feared.

Standing on the deck as the barges are tied up alongside the grain terminal, he looks out at the sea, flat and
grey beyond the port cranes. He has been offered a job on the [Rhine|LOC], he says, with a [German|MISC] company
that would pay him almost twice as much. He has turned it down three times.

"The [Rhine|LOC] is a motorway," he says, with a shrug. "Everything is organised, everything is signposted. The
[Danube|LOC] is alive. You have to listen to it."

Then he laughs. "Also, my wife is in [Novi Sad|LOC]. If I go to the [Rhine|LOC], she will kill me."

In two days the [Morava|MISC] will turn around and head back upstream, this time with empty barges, to collect a
cargo of steel coils in [Linz|LOC]. The return journey against the current takes longer and burns nearly twice
as much fuel. [Ilić|PER] has already checked the forecasts for the upper river. There is rain in the
[Alps|LOC], he says, which should bring the water up by the time they reach [Hungary|LOC]. Or it may not.

"Every trip you learn something," he says. "After 37 years, mostly you learn that you don't know the river as
well as you thought."
""",
)

ARTICLES = (FERRIES, MUSEUM, COMET, DANUBE)
