"""Stories of the Midland Daily Courier (fictional East Midlands daily). Synthetic text; every person is
invented."""

from __future__ import annotations

from gonerd.demo.news_articles import NewsArticle

LIBRARIES = NewsArticle(
    key="midland-libraries",
    outlet="midland",
    section="local",
    slug="anger-as-county-council-confirms-library-closures",
    title="Anger as county council confirms closure of six village libraries",
    description="Campaigners say volunteers cannot replace trained staff as Leicestershire cuts library hours.",
    author="Harpreet Sandhu",
    published="2024-02-20T16:12:00+00:00",
    body="""
Six village libraries in [Leicestershire|LOC] will close in the summer after [Leicestershire County
Council|ORG] confirmed cuts to its library service on Tuesday, despite a campaign backed by more than 9,000
residents.

The libraries in [Barrow upon Soar|LOC], [Sileby|LOC], [Kibworth|LOC], [Fleckney|LOC], [Ibstock|LOC] and
[Market Bosworth|LOC] will shut their doors on July 31 unless community groups come forward to run them as
volunteer-led "community libraries", the council's cabinet decided.

The cuts are expected to save around £1.2 million a year. Councillor [Graham Tillotson|PER], the cabinet member
for communities, said the authority had been left with "no good options" after rising costs in adult social care
and children's services.

"Nobody came into local government to close libraries," [Tillotson|PER] said. "But every pound we spend on
buildings that are open a few hours a week is a pound we can't spend on looking after vulnerable people."

Campaigners packed the public gallery at [County Hall|LOC] in [Glenfield|LOC] and held up placards reading
"Books not bulldozers" as the decision was announced. [Save Leicestershire Libraries|ORG], the group that
organised the petition, said it would consider a legal challenge.

Its chair, [Ann Whitmore|PER], a retired teacher from [Kibworth|LOC], said the council was relying on volunteers
to do jobs that needed training. "A library is not just a room with books in it," she said. "It's where people
come to get help filling in benefit forms, to use a computer, to find out about their family history. You can't
hand that over to whoever is free on a Wednesday afternoon."

Several villages already run libraries with volunteers. In [Quorn|LOC], near [Loughborough|LOC], a group of
about forty residents took over the library in 2016 and now opens it five days a week. Its coordinator,
[Derek Fawcett|PER], said it had worked "better than anyone expected", but warned that it had taken years of
fundraising. "We had a head start because we had a retired librarian and an accountant in the group," he said.
"Not every village will be that lucky."

The [Chartered Institute of Library and Information Professionals|ORG] said it was "deeply concerned" about the
decision. The union [Unison|ORG], which represents many library staff, said 23 posts would go, although the
council said most of those affected would be offered jobs elsewhere in the service.

Opposition councillors also criticised the plans. [Nadia Chaudhry|PER], leader of the [Labour|ORG] group on the
council, said the closures would hit older people and families without cars hardest. "If you live in
[Fleckney|LOC] and you don't drive, the nearest library after this will be in [Wigston|LOC] or
[Market Harborough|LOC]. That is two buses each way," she said.

The council said a mobile library van would visit each of the affected villages every fortnight, and that its
online library, which lends e-books and audiobooks, had grown by 40 per cent since 2020.

A spokesperson for [Arts Council England|ORG], which oversees public libraries, said councils had a legal duty
under the [Public Libraries and Museums Act 1964|MISC] to provide a "comprehensive and efficient" service, and
that it would be looking at the decision closely.

Campaigners have until the end of April to submit bids to run the buildings. A public meeting will be held at
[Sileby|LOC] village hall on March 7.
""",
)

RUGBY = NewsArticle(
    key="midland-rugby",
    outlet="midland",
    section="sport",
    slug="wanderers-stun-severn-valley-to-stay-top",
    title="Wanderers stun Severn Valley with late try to stay top of the table",
    description="Fijian winger Semi Naivalu scored in the 79th minute as Midland Wanderers won 24-22.",
    author="Rob Kettering",
    published="2024-03-02T19:55:00+00:00",
    body="""
[Midland Wanderers|ORG] stayed top of [National League One|MISC] after a dramatic late try from [Semi
Naivalu|PER] gave them a 24-22 win over [Severn Valley|ORG] at the [Abbey Meadows|LOC] ground on Saturday.

The [Fijian|MISC] winger, signed from [Bedford Blues|ORG] in January, collected a cross-field kick from fly-half
[Tom Asquith|PER] and twisted through two tackles to score in the corner with less than a minute remaining.

It was a cruel finish for [Severn Valley|ORG], who had led for most of the second half thanks to the boot of
their [Welsh|MISC] fly-half [Rhys Pritchard|PER], who kicked five penalties and a conversion.

"We made it hard for ourselves," admitted [Wanderers|ORG] head coach [Lorna McBride|PER]. "We gave away far too
many penalties at the breakdown and [Pritchard|PER] punished us every time. But the character to come back at the
end says a lot about this group."

[Wanderers|ORG] started brightly. Captain [Ollie Harkin|PER] drove over from a lineout maul after eight minutes,
and [Asquith|PER] added the conversion and a penalty to make it 10-0.

But [Severn Valley|ORG], who have not lost away from home since October, gradually took control of the scrum.
[Pritchard|PER] kicked three penalties before half-time, and early in the second half his side scored the try of
the match when full-back [Jamie Okonjo|PER] ran from inside his own half after [Wanderers|ORG] lost the ball in
contact.

[Pritchard|PER]'s conversion and two more penalties put the visitors 22-17 ahead going into the final ten minutes,
and a crowd of more than 4,000 fell quiet as [Wanderers|ORG] spent several phases camped on the [Severn
Valley|ORG] line without breaking through.

The breakthrough came after replacement scrum-half [Callum Reid|PER] spotted space on the left. [Asquith|PER]'s
kick was perfectly weighted, and [Naivalu|PER] did the rest. [Asquith|PER] kept his nerve to add the conversion
from the touchline.

[Naivalu|PER], 24, who grew up in [Suva|LOC] and played sevens for [Fiji|LOC] before moving to [England|LOC],
said he had not expected the ball to come his way. "I was just waiting on the wing, freezing," he said with a
smile. "Then [Tom|PER] looked at me and I knew."

[Severn Valley|ORG] coach [Gareth Llewellyn|PER] said his side had "thrown it away". "We controlled the game for
sixty minutes and then switched off for one," he said. "That's the difference at the top of the league."

The result leaves [Wanderers|ORG] four points clear of [Cambridge Marauders|ORG], who beat [Darlington Park|ORG]
31-12 on Saturday, with five games remaining. [Wanderers|ORG] travel to [Cambridge|LOC] on March 16 in what could
be a title decider.

[McBride|PER] confirmed after the match that [Harkin|PER] had suffered a shoulder injury and would have a scan on
Monday. Lock [Joe Mensah|PER] is also a doubt after failing a head injury assessment in the first half.
""",
)

FLOOD = NewsArticle(
    key="midland-flood",
    outlet="midland",
    section="environment",
    slug="flood-defence-plan-for-river-soar-villages",
    title="£14m flood defence plan unveiled for River Soar villages",
    description="New embankments and a storage reservoir could protect 900 homes in the Soar valley.",
    author="Harpreet Sandhu",
    published="2024-04-08T11:20:00+01:00",
    body="""
A £14 million plan to protect hundreds of homes from flooding along the [River Soar|LOC] has been unveiled by the
[Environment Agency|ORG], four years after storms left villages between [Leicester|LOC] and [Loughborough|LOC]
under water.

The scheme would see new earth embankments built at [Cossington|LOC] and [Barrow upon Soar|LOC], and a flood
storage area created on farmland near [Rothley Brook|LOC] that could hold back around 600,000 cubic metres of
water during heavy rain. The agency says it would reduce the risk of flooding for about 900 homes and 60
businesses.

Residents in the area were badly affected in February 2020, when [Storm Dennis|MISC] caused the river to burst
its banks. More than 120 properties were flooded in [Cossington|LOC] alone, and some families were unable to
return home for over a year.

[Sarah Ingleby|PER], the agency's flood risk manager for the [East Midlands|LOC], said the plans had been drawn up
after "listening to hundreds of people who have been through the trauma of seeing their homes flooded".

"We can't stop the river flooding altogether, and we won't pretend otherwise," she said. "What we can do is make
it much less likely that water gets into people's homes, and give them more time to prepare when it does."

The plans will be displayed at drop-in events at [Cossington|LOC] village hall on April 15 and at the
[Barrow upon Soar|LOC] community centre on April 17. A formal planning application is expected to be submitted to
[Charnwood Borough Council|ORG] in the autumn.

Most of the money is expected to come from the government's national flood defence programme, but the agency
still needs to find about £2.5 million from local sources. [Leicestershire County Council|ORG] has pledged
£800,000 and the [Trent Regional Flood and Coastal Committee|ORG] is being asked to contribute.

[Mick Thorne|PER], who chairs the [Cossington Flood Action Group|ORG], welcomed the proposals but said residents
wanted to see work start quickly. "Every winter, when it rains for a few days, people here stop sleeping," he
said. "We've had enough consultations. We want diggers."

His neighbour, [Jean Hartley|PER], 78, spent fourteen months living in a caravan on her driveway after the 2020
floods. "I lost my husband's photographs, his medals, everything downstairs," she said. "If this had been built
ten years ago I might still have them."

Some farmers have raised concerns about the storage area, which would flood a section of land near
[Rothley|LOC] in extreme weather. The [National Farmers' Union|ORG] said it was in talks with the agency about
compensation for the landowners affected.

If planning permission is granted, construction could begin in 2025 and be completed by the end of 2027.
""",
)

BYELECTION = NewsArticle(
    key="midland-byelection",
    outlet="midland",
    section="politics",
    slug="belgrave-north-by-election-candidates-confirmed",
    title="Five candidates to fight Belgrave North council by-election",
    description="Voters go to the polls on May 2 after the resignation of long-serving councillor Vinod Mistry.",
    author="Tariq Hussain",
    published="2024-04-05T09:05:00+01:00",
    body="""
Five candidates will contest the [Belgrave North|LOC] by-election on [Leicester City Council|ORG] next month,
after the resignation of veteran councillor [Vinod Mistry|PER] for health reasons.

[Mistry|PER], 77, represented the ward for [Labour|ORG] for 28 years and was one of the longest-serving members
of the council. He announced in February that he was stepping down on medical advice, saying it had been "the
honour of my life" to serve the people of [Belgrave|LOC].

The nominations, published by the council on Thursday, confirm that [Labour|ORG] has selected [Anjali Parmar|PER],
a 34-year-old pharmacist who runs a family business on [Belgrave Road|LOC], known locally as the [Golden Mile|LOC] for
its jewellers and sari shops.

[Parmar|PER] said she wanted to focus on parking, litter and support for small traders. "[Belgrave Road|LOC] is
famous all over the world for its [Diwali|MISC] celebrations, but for the other 360 days of the year businesses
here are struggling," she said.

The [Conservative|ORG] candidate is [Daniel Whitby|PER], a retired police officer who stood unsuccessfully in
the same ward in 2023. He has campaigned for more CCTV cameras around [Cossington Street|LOC] and
[Melton Road|LOC].

The [Liberal Democrats|ORG] have chosen [Fatima Osei|PER], a youth worker, while the [Green Party|ORG] is
standing [Ben Hollings|PER], a teacher at a local primary school. An independent, [Suresh Rao|PER], a former
[Labour|ORG] member who left the party last year, completes the list.

[Rao|PER] said he was standing because residents felt "taken for granted" by the main parties. "People have voted
the same way here for decades and what have they got? Potholes and a leisure centre that's been shut for two
years," he said, referring to the [Belgrave Neighbourhood Centre|LOC] pool, which closed in 2022 for repairs.

The city council said the repairs had been delayed by problems with the building's roof and that it hoped to
reopen the pool by the end of the year.

Turnout in city council by-elections is often low. When the neighbouring [Rushey Mead|LOC] ward held a
by-election in 2022, fewer than one in five registered voters took part.

Professor [Helen Ashworth|PER] — a political scientist at the [University of Leicester|ORG] — said the contest
would be watched for signs of how independent candidates were performing in the city. "In several
[Midlands|LOC] cities we've seen independents take seats from [Labour|ORG] in areas it used to win easily," she
said. "[Belgrave North|LOC] is not the most likely place for an upset, but it's an interesting test."

Polling stations will be open from 7am to 10pm on May 2, the same day as the elections for the
[Leicestershire|LOC] police and crime commissioner. The count will take place at the [Leicester
Arena|LOC] on Friday morning.
""",
)

ARTICLES = (LIBRARIES, RUGBY, FLOOD, BYELECTION)
