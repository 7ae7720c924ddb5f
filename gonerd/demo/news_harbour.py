"""Stories of The Harbour Ledger (fictional south-coast daily). Synthetic text; every person is invented."""

from __future__ import annotations

from gonerd.demo.news_articles import NewsArticle

TRAM = NewsArticle(
    key="harbour-tram",
    outlet="harbour",
    section="politics",
    slug="council-backs-tram-link-to-gosport-ferry",
    title="Council backs £180m tram link to Gosport ferry after five-hour debate",
    description="Councillors voted 27 to 14 for the Harbour Line, but opponents warn the budget is fragile.",
    author="Eleanor Vickery",
    published="2024-03-12T18:40:00+00:00",
    body="""
[Portsmouth City Council|ORG] has given its backing to a £180 million tram line linking the city centre with
the [Gosport|LOC] ferry, ending more than a decade of argument over how to connect the two sides of the harbour.

After a five-hour debate at the [Guildhall|LOC] on Tuesday evening, councillors voted 27 to 14 in favour of the
scheme, known as the [Harbour Line|LOC]. The route would run from [Portsmouth & Southsea|LOC] station along
[Commercial Road|LOC] and [Queen Street|LOC] before crossing to the ferry pontoon on a new bridge at
[The Hard|LOC].

Councillor [Ruth Pemberton|PER], the cabinet member for transport, told the chamber that the vote was "the most
important decision this council has taken in a generation". She said the line would take up to 4,000 cars a day
off the [M275|LOC] and give [Gosport|LOC] residents a reliable connection to jobs in the city.

"For years people have been told to wait for the next study," [Pemberton|PER] said. "Tonight we stop studying
and start building."

The scheme still needs approval from the [Department for Transport|ORG], which is expected to contribute around
two thirds of the cost through a regional transport fund. [Gosport Borough Council|ORG], whose residents make up
most of the ferry's 2.8 million annual passengers, voted to support the plan last month.

Opposition councillors questioned the financial case. [Derek Olawale|PER], who leads the
[Liberal Democrat|ORG] group, said the council had "pencilled in optimistic passenger numbers and a contingency
that would not survive the first burst water main". He pointed to the [Edinburgh|LOC] tram project, which ran
years late and far over budget, as a warning.

[Olawale|PER] proposed an amendment that would have paused the project until an independent review had been
carried out, but it was defeated by 29 votes to 12.

The [Gosport Ferry Company|ORG], which operates the crossing, welcomed the vote. Its managing director,
[Alison Tregear|PER], said a tram stop at the pontoon would "finally make the ferry part of a proper transport
network rather than an island on its own".

Business groups were also broadly supportive. [Hugh Marchbank|PER], chair of the [Solent Chamber of
Commerce|ORG], said employers in the [Portsmouth|LOC] dockyard and at the [Queen Alexandra Hospital|LOC] had long
struggled to recruit staff from across the water. "This is a labour-market project as much as a transport
project," he said.

Not everyone in the public gallery was convinced. Residents of [Lake Road|LOC] have raised concerns about
two years of construction work outside their homes, and a petition against the route through the area gathered
3,100 signatures. [Marion Sealey|PER], who organised it, said residents felt "talked at, not listened to".

If the [Department for Transport|ORG] signs off the business case this summer, construction could begin in
2026, with the first trams running by the end of 2029. The council has said it will publish a detailed
construction plan for [Commercial Road|LOC] and [Lake Road|LOC] before any work starts.
""",
)

SEAGRASS = NewsArticle(
    key="harbour-seagrass",
    outlet="harbour",
    section="science",
    slug="seagrass-meadows-return-to-langstone-harbour",
    title="Seagrass meadows return to Langstone Harbour three years after replanting",
    description="Divers from the Solent Marine Institute found the replanted beds have more than doubled in size.",
    author="Dr Kamala Rees",
    published="2024-04-03T07:15:00+01:00",
    image_caption="A diver surveys a replanted seagrass bed off Hayling Island.",
    body="""
Seagrass planted on the bed of [Langstone Harbour|LOC] three years ago has more than doubled in area, according
to a survey by scientists from the [Solent Marine Institute|ORG], raising hopes that one of the
[English Channel|LOC]'s most damaged habitats can be brought back.

Divers mapped 4.6 hectares of meadow in the channels between [Hayling Island|LOC] and the [Farlington|LOC]
marshes in February, compared with 2.1 hectares when the planting finished in 2021. Most of the growth came from
plants spreading on their own rather than from new seeds.

"We were braced for losses," said Dr [Imogen Strachan|PER], who led the survey. "Seagrass restoration has a
bad track record. Storms wash out the young plants, or the water is too cloudy for them to grow. To see the beds
filling in by themselves is the best result we could have hoped for."

Seagrass once covered large parts of the [Solent|LOC], but disease in the 1930s and decades of pollution and
dredging wiped out most of it. The meadows shelter young fish, including bass and black bream, and lock away
carbon in the sediment far faster than forests on land.

The replanting was funded by the [Ashcombe Trust|ORG], a local charity, together with the
[Environment Agency|ORG] and a group of sailing clubs from [Emsworth|LOC] and [Chichester|LOC]. Volunteers
collected around 600,000 seeds from surviving meadows near the [Isle of Wight|LOC], and students from the
[University of Portsmouth|ORG] helped to plant them in hessian bags.

[Strachan|PER]'s team found that the beds grew fastest where the water was clearest, away from the outflows of
the [Budds Farm|LOC] treatment works. The institute has shared its data with [Southern Water|ORG], which is
upgrading the plant.

[Callum Ferreira|PER], a PhD student at the institute whose family came to [Hampshire|LOC] from [Madeira|LOC],
spent much of the winter underwater counting shoots. "You are lying on the seabed in seven degrees with a
clipboard," he said. "But when you see cuttlefish eggs tied to the leaves, you know the habitat is working."

The results will be presented at the [Coastal Futures Conference|MISC] in [London|LOC] next month. Dr
[Strachan|PER] said the next step was to persuade boat owners to switch to moorings that do not scar the seabed.
Traditional chain moorings drag in circles around their anchors, leaving bare patches that are clearly visible
from the air.

Trials of so-called advanced moorings, which use elastic rodes that float above the bottom, are under way at
[Bembridge|LOC] and in [Plymouth Sound|LOC]. [Langstone Harbour Board|ORG], which manages the harbour, said it
would consider making them compulsory in the most sensitive areas.

"Nobody wants to ban boats," said [Peter Quayle|PER], the board's harbour master. "But if we can give people a
mooring that costs about the same and leaves the seagrass alone, I think most of them will take it."

Similar projects are running in [Wales|LOC] and [Scotland|LOC], where the charity [Project Seagrass|ORG] and
the [Scottish|MISC] government have set targets to restore thousands of hectares by the end of the decade.
""",
)

CUP = NewsArticle(
    key="harbour-cup",
    outlet="harbour",
    section="sport",
    slug="harbour-athletic-reach-county-cup-final",
    title="Harbour Athletic reach county cup final after penalty shoot-out drama",
    description="Goalkeeper Danny Okafor saved two spot-kicks as Athletic edged Ferrybridge at Fratton Park.",
    author="Marcus Bell",
    published="2024-04-17T22:05:00+01:00",
    body="""
[Harbour Athletic|ORG] are through to the [Hampshire Senior Cup|MISC] final for the first time in 11 years
after goalkeeper [Danny Okafor|PER] saved two penalties in a tense shoot-out against [Ferrybridge Athletic|ORG]
at [Fratton Park|LOC] on Wednesday night.

The semi-final finished 2-2 after extra time, with [Ferrybridge|ORG] twice coming from behind in front of a
crowd of 3,412, the biggest for a county cup tie at the ground in years.

[Harbour|ORG] took the lead after 19 minutes when [Kieran Mulvey|PER] headed in [Josh Adeyemi|PER]'s corner
at the near post. [Ferrybridge|ORG], who play two divisions higher, levelled before half-time through
[Luca Bianchi|PER], the [Italian|MISC] striker who joined them from [Salisbury|LOC] in January.

[Adeyemi|PER] restored [Harbour|ORG]'s advantage with a low shot from the edge of the area on 71 minutes, and the
part-timers looked to be heading for the final until [Ferrybridge|ORG] substitute [Tom Hollis|PER] turned in a
cross with three minutes of normal time left.

Extra time was scrappy, with both sides visibly tired, and the game went to penalties. [Okafor|PER], a
27-year-old postman from [Cosham|LOC], dived to his left to keep out [Bianchi|PER]'s first kick and then stood
tall to block [Hollis|PER]'s attempt. [Mulvey|PER] scored the winning penalty to send the travelling
[Harbour|ORG] fans on to the pitch.

"I've been dreaming about this since I was a kid," [Okafor|PER] said. "I do my round at six in the morning, so
I'll be delivering letters on about three hours' sleep. I don't care."

[Harbour|ORG] manager [Gary Whitlock|PER] praised his players' discipline. "We knew we'd have to suffer," he
said. "[Ferrybridge|ORG] had more of the ball, but we stuck to the plan and [Danny|PER] was outstanding."

[Ferrybridge|ORG] boss [Steve Kinsella|PER] was gracious in defeat. "Penalties are cruel, but they deserved it,"
he said. "Their keeper won it for them."

[Harbour Athletic|ORG] will face [Basingstoke Rovers|ORG] in the final at [St Mary's Stadium|LOC] in
[Southampton|LOC] on May 6. [Rovers|ORG] beat [Winchester Albion|ORG] 3-0 in the other semi-final on Tuesday.

The club has already been contacted by the [Hampshire Football Association|ORG] about ticket allocations, and
chairman [Brian Sutcliffe|PER] said he hoped to take "at least a thousand" supporters up the [M27|LOC].

It has been a remarkable season for a club that was nearly wound up three years ago after losing its sponsor.
[Sutcliffe|PER], a retired electrician, took over with a group of supporters and the club now owns its
[Eastney|LOC] ground outright. "We sold raffle tickets and did sponsored walks," he said. "Nights like this make
every one of them worth it."
""",
)

FESTIVAL = NewsArticle(
    key="harbour-festival",
    outlet="harbour",
    section="culture",
    slug="spinnaker-film-festival-opens-with-portuguese-drama",
    title="Spinnaker Film Festival opens with Portuguese fishing drama",
    description="Director Beatriz Lacerda's 'The Salt Year' opened the tenth festival at the Kings Theatre.",
    author="Saoirse Flanagan",
    published="2024-05-09T21:30:00+01:00",
    image_caption="Director Beatriz Lacerda on the red carpet outside the Kings Theatre.",
    body="""
The tenth [Spinnaker Film Festival|MISC] opened on Thursday night with the [UK|LOC] premiere of
[The Salt Year|MISC], a [Portuguese|MISC] drama about a fishing family in the [Algarve|LOC] that has been winning
admirers on the festival circuit since its debut in [Rotterdam|LOC] in January.

Director [Beatriz Lacerda|PER] walked the red carpet outside the [Kings Theatre|LOC] in [Southsea|LOC] with her
lead actor, [Rui Mendonça|PER], who plays a trawler captain facing the end of his family's business. Both said
they had been struck by how many people in [Portsmouth|LOC] had a connection to the sea.

"In [Olhão|LOC], where we filmed, everyone's grandfather was a fisherman," [Lacerda|PER] told the audience
before the screening. "Walking along the seafront here today, I thought I could have made the same film in
[Portsmouth|LOC]."

The film, shot mostly on a working boat off the [Portuguese|MISC] coast, follows [Mendonça|PER]'s character
through a year in which fish stocks collapse and his son leaves to work in a hotel in [Lisbon|LOC]. Critics have
compared its quiet, observational style to [Italian|MISC] neorealism.

Festival director [Naomi Feltham|PER] said this year's programme of 64 films from 23 countries was the largest in
the event's history. Highlights include [Northern Lights Over Tromsø|MISC], a [Norwegian|MISC] documentary about
a women's ice hockey team, and a restored print of [The Dockyard Strike|MISC], a 1958 [British|MISC] film shot in
the city that has not been shown publicly for decades.

[Feltham|PER] said the festival, which began in a church hall in [Fratton|LOC] with a budget of £4,000, had
survived the pandemic only because of support from [Arts Council England|ORG] and local businesses. "There were
months when we didn't know if there would be an eleventh festival, let alone a tenth," she said.

Screenings run until May 19 at the [Kings Theatre|LOC], [No6 Cinema|LOC] at [Gunwharf Quays|LOC] and, for the
first time, on a giant outdoor screen on [Southsea Common|LOC]. A strand of short films made by students at
[Highbury College|ORG] will be shown free of charge on the closing weekend.

Tickets for [The Salt Year|MISC]'s second screening on Saturday sold out within an hour of the opening night,
the organisers said.

[Lacerda|PER] will take part in a question-and-answer session with the [BBC|ORG] film critic [Harriet Oduya|PER]
after that screening. She is also due to visit [Portsmouth Grammar School|ORG] on Friday to talk to sixth-form
students about making films on small budgets, something she said she knew "far too much about".
""",
)

SHIPWRIGHTS = NewsArticle(
    key="harbour-shipwrights",
    outlet="harbour",
    section="long-reads",
    slug="the-last-shipwrights-of-rennick-yard",
    title="The last shipwrights of Rennick Yard",
    description="For 140 years one family has repaired wooden boats on the Camber. Can it survive another decade?",
    author="Eleanor Vickery",
    published="2024-06-01T06:00:00+01:00",
    image_caption="Colin Pettifer fits a new oak frame to a 1930s pilot cutter in the main shed at Rennick Yard.",
    body="""
At half past seven on a grey Monday morning, [Colin Pettifer|PER] is already standing under the hull of a
ninety-year-old pilot cutter, running his thumb along a plank that has been in the water since before the
[Second World War|MISC]. "Feel that," he says, pressing a screwdriver into the wood until it sinks in up to the
handle. "Soft as cheese. She'll need six new planks on this side alone."

[Pettifer|PER] is 64 and has worked at [Rennick Yard|LOC], a cluster of timber sheds and a slipway on the edge of
the [Camber|LOC] in [Old Portsmouth|LOC], since he left school at sixteen. He is one of four full-time shipwrights
still employed at the yard, which has been repairing wooden boats for the same family since 1884. When he
started there were twenty-two.

The yard's owner, [Margaret Rennick|PER], is the fourth generation of her family to run it. She keeps a
photograph of her great-grandfather, [Josiah Rennick|PER], on the wall of the office, a bearded man in a bowler
hat standing beside the frames of a fishing smack. "He'd be amazed we're still here," she says. "Honestly, some
days so am I."

## A trade in decline

Wooden boatbuilding was once one of the biggest employers around the harbour. In the early twentieth century,
dozens of small yards along the [Portsmouth|LOC] and [Gosport|LOC] shores built and repaired fishing boats,
ferries and yachts, while thousands of shipwrights worked in the naval dockyard across the water. The arrival of
fibreglass in the 1960s changed everything. Plastic boats were cheaper to build and needed almost no
maintenance, and one by one the small yards closed or turned themselves into marinas.

[Rennick Yard|LOC] survived by specialising. In the 1970s [Margaret|PER]'s father, [Donald Rennick|PER], began to
take on the restoration of historic vessels, first for private owners and later for museums and trusts. The
yard rebuilt the [Spirit of Eastney|MISC], a 1911 sailing lifeboat now displayed at the [Historic Dockyard|LOC],
and in the 1990s it replaced most of the deck of a [Dutch|MISC] sailing barge that had been brought over from
[Rotterdam|LOC] on the back of a lorry.

Today about half of the yard's work comes from owners of classic yachts, many of them based in [France|LOC],
[Norway|LOC] and the [Netherlands|LOC], and the rest from heritage organisations. The cutter [Pettifer|PER] is
working on belongs to a sailing trust in [Bristol|LOC] that takes young people to sea. It was built in
[Cornwall|LOC] in 1934 and spent forty years guiding ships into the [Bristol Channel|LOC].

"People think wooden boats are a hobby for rich men," [Rennick|PER] says. "Some of our owners are rich, I won't
pretend otherwise. But a lot of these boats belong to charities and clubs that have been raising money for ten
years to get them back in the water."

## Skills that cannot be written down

The biggest problem the yard faces is not money but people. Of the four shipwrights, two are over sixty.
[Pettifer|PER] plans to retire next year. The yard's youngest full-time employee, [Alfie Dunstan|PER], is 23
and came to [Rennick Yard|LOC] three years ago as an apprentice after studying at the [International Boatbuilding
Training College|ORG] in [Lowestoft|LOC].

"Most of what I know I learned from [Colin|PER]," [Dunstan|PER] says, as he steams a length of oak in a long
wooden box connected to a wallpaper steamer. "You can read about it in books, but the books don't tell you what
the wood feels like when it's ready to bend, or how much you can push it before it cracks."

He pulls the plank out with thick gloves and, working quickly with [Pettifer|PER], clamps it around the curve of
the hull. The oak hisses and creaks. Within a few minutes it has cooled and set into its new shape. "If you're
slow, you've wasted a day's work and a very expensive piece of timber," [Pettifer|PER] says.

The [Heritage Crafts Association|ORG], a charity that monitors traditional skills, lists wooden boatbuilding as
endangered in [Britain|LOC]. Its most recent survey estimated that fewer than 300 people in the country earn their
living mainly from building or repairing wooden boats, and that the number has fallen by about a third in
fifteen years.

[Jennifer Okoro|PER], who compiled the survey, says small yards struggle to take on apprentices because it takes
at least four years before a trainee can work unsupervised. "A business with five staff simply can't carry that
cost for that long," she says. "When the older craftspeople retire, their knowledge goes with them, and it is
very hard to get back."

## Oak, larch and paperwork

Timber is the other worry. The yard uses mostly oak for frames and larch for planking, and both have become
more expensive and harder to find in the lengths and quality boatbuilding needs. [Rennick|PER] buys much of her
oak from a family sawmill in [Herefordshire|LOC] that selects trees years before they are felled.

"The trees we're using now were planted when Queen [Victoria|PER] was on the throne," she says. "You have to
think in centuries in this business, which is not how anybody else thinks any more."

Since [Britain|LOC] left the [European Union|ORG], the yard has also had to deal with new paperwork for its
continental customers. Boats coming from [France|LOC] or the [Netherlands|LOC] for repair now need customs
declarations, and owners have been caught out by rules on how long a vessel can stay in the country before it
becomes liable for import duty. [Rennick|PER] says she lost at least two jobs last year to yards in
[Brittany|LOC] because the owners did not want the hassle.

"I've spent more time on the phone to customs agents than I have in the shed," she says. "My father would have
found it hilarious."

## Customers from across the water

One of the yard's most loyal customers is [Henrik Solberg|PER], a retired ferry captain from [Bergen|LOC] who
has brought his 1927 gaff cutter, the [Havørn|MISC], across the [North Sea|LOC] to [Rennick Yard|LOC] every
third winter for almost twenty years. There are good yards in [Norway|LOC], he says, but none that know his boat
as well. "[Colin|PER] has replaced more of her than I have," he jokes. "By now she is probably more
[English|MISC] than [Norwegian|MISC]."

[Solberg|PER] first heard of the yard from a [Danish|MISC] friend who had met [Donald Rennick|PER] at a classic
boat rally in [Brest|LOC] in the 1990s. Word of mouth is still how most customers arrive. The yard has a website,
but [Rennick|PER] admits she updates it "roughly once a leap year", and it does no advertising beyond a stand at
the [Southampton International Boat Show|MISC] every other September.

That reputation matters, because the work is slow and expensive. A full restoration of a forty-foot wooden yacht
can take two years and cost more than the boat will ever be worth on the open market. Owners who commit to that,
[Rennick|PER] says, are not looking for the cheapest quote. They want to know that the yard will still be there
to look after the boat in ten years' time.

[Solberg|PER] says that is exactly what worries him. "I am 74. The boat is 97. I would like us both to outlive
the people who repair her, but I would also like somebody to be there to do it," he says. "If [Rennick Yard|LOC]
closes, I honestly don't know where I would go."

## A new generation

There are signs of hope. Last autumn the yard took on two new apprentices, [Priya Lal|PER] and
[Owen Matthias|PER], with funding from the [Ashcombe Trust|ORG] and a grant from the [National Lottery
Heritage Fund|ORG]. [Lal|PER], who is 19 and grew up in [Fratton|LOC], had never been on a boat before she saw
an advert for the apprenticeship at [Highbury College|ORG].

"I liked woodwork at school, but I thought I'd end up making kitchens," she says. "Now I'm fitting a keel on a
boat that's older than my grandmother."

[Matthias|PER], 26, is a former [Royal Navy|ORG] engineer who served on a frigate in the [Gulf|LOC] before
deciding he wanted to work with his hands. He says the discipline of naval life has been useful in a yard where
mistakes can be expensive. "In the navy there is a right way to do everything," he says. "Here it's the same,
except nobody writes it down. You watch [Colin|PER] and you copy him."

The yard has also started running weekend courses for amateurs, teaching skills such as caulking, splicing and
varnishing. The courses, which cost £240 a day, are booked up until the end of the year, and [Rennick|PER] says
they now bring in almost as much money as some of the smaller repair jobs.

## The future of the [Camber|LOC]

The wider threat to the yard is the value of the land it sits on. The [Camber|LOC] has been transformed over the
past twenty years, and the old fish market and warehouses around [Rennick Yard|LOC] have been replaced by
restaurants and flats with views across the harbour to the [Spinnaker Tower|LOC]. [Rennick|PER] says she
receives a letter from a developer "about once a month", and that some of the offers have been hard to ignore.

The yard's slipway is listed by [Historic England|ORG], which gives it some protection, and
[Portsmouth City Council|ORG]'s local plan designates the waterfront for marine industry. Councillor
[Ruth Pemberton|PER], whose ward includes [Old Portsmouth|LOC], says the council has "no intention" of allowing
the site to be redeveloped. "Working waterfronts are part of what makes this city special," she says. "Once they
are gone, they are gone for ever."

But [Rennick|PER] is realistic. She is 58 and has no children who want to take over. She has spoken to the
[Ashcombe Trust|ORG] and to a group of customers about turning the business into a not-for-profit company that
would own the yard and guarantee its future, and talks are at an early stage.

"I don't want to be the last [Rennick|PER] at [Rennick Yard|LOC]," she says. "But if I am, I want to be the one
who made sure it carried on without us."

Back in the shed, [Pettifer|PER] and [Dunstan|PER] are fitting the next plank. The radio is tuned to a station
playing old soul records, and the smell of steamed oak and pine tar fills the air. Outside, a ferry to the
[Isle of Wight|LOC] slides past the harbour mouth.

[Pettifer|PER] steps back and looks at the hull. "She'll go another ninety years," he says. "Longer than any of
us, anyway."

Asked what he will miss most when he retires, he thinks for a long time. "The smell," he says finally. "And the
young ones. [Alfie|PER] is better than I was at his age. Don't tell him I said that."

Later that week, [Dunstan|PER] is asked the same question in reverse: what will he do when [Pettifer|PER] has
gone? He looks across the shed to where the two apprentices are sanding the cutter's new planks, arguing about
whose turn it is to make the tea. "Teach them," he says. "That's how it's always worked here. Somebody taught
[Colin|PER], [Colin|PER] taught me, and I'll teach them. As long as there are boats on the [Camber|LOC] that need
fixing, somebody in this shed should know how to fix them."
""",
)

ARTICLES = (TRAM, SEAGRASS, CUP, FESTIVAL, SHIPWRIGHTS)
