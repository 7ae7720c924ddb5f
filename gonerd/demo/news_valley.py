"""Stories of The Valley Sentinel (fictional mid-Willamette Valley weekly). Synthetic text; every person is
invented."""

from __future__ import annotations

from gonerd.demo.news_articles import NewsArticle

WILDFIRE = NewsArticle(
    key="valley-wildfire",
    outlet="valley",
    section="environment",
    slug="fire-districts-prepare-for-early-wildfire-season",
    title="Fire districts prepare for early wildfire season after dry spring",
    description="Benton and Linn county crews are clearing brush and recruiting seasonal firefighters.",
    author="Kyle Brandt",
    published="2024-05-21T15:40:00-07:00",
    body="""
Fire officials in [Benton County|LOC] and [Linn County|LOC] are warning residents to prepare for an early and
possibly severe wildfire season after one of the driest springs on record in the [Willamette Valley|LOC].

Rainfall at [Corvallis|LOC] since March has been about 45 percent below normal, according to the [National
Weather Service|ORG] office in [Portland|LOC], and snowpack in the [Cascade Range|LOC] melted weeks earlier than
usual. Grass on the valley floor is already turning brown.

"Normally we'd be talking about this in July," said [Corvallis Rural Fire Protection District|ORG] Chief
[Dana Whitfield|PER]. "This year the fuels are telling us it's July already."

The district has started its annual brush-clearing program two months early and is offering free chipping
services to homeowners in the hills west of [Corvallis|LOC], around [Philomath|LOC] and in the [Soap
Creek|LOC] valley. Crews will visit properties on request to advise on creating defensible space around homes.

[Whitfield|PER] said many newer residents did not realize how close they lived to the forest. "People move here
from [California|LOC] or back east because they love the trees," she said. "And then we have to explain that the
trees are also the fuel."

The [Oregon Department of Forestry|ORG], which protects private and state forest land, said it was hiring about
40 additional seasonal firefighters for its [West Oregon District|LOC], which covers [Benton|LOC],
[Lincoln|LOC] and [Polk|LOC] counties. The department is also positioning a contract helicopter at the
[Corvallis Municipal Airport|LOC] from mid-June.

District forester [Miguel Soto|PER] said the main concern was human-caused fires, which account for most of the
blazes in the valley. "Lightning starts fires up in the mountains, but down here it's people: equipment,
burning debris, cigarettes, fireworks," he said. "Almost all of those are preventable."

[Linn County|LOC] commissioners are expected to vote next week on a ban on outdoor burning starting June 1, two
weeks earlier than last year. The county is also working with the [American Red Cross|ORG] to update evacuation
plans for communities along the [Santiam|LOC] corridor, where the [Beachie Creek Fire|MISC] destroyed hundreds
of homes in 2020.

At a community meeting in [Lyons|LOC] last week, residents described lingering anxiety four years after the
2020 fires. [Brenda Holcomb|PER], who lost her home near [Mill City|LOC], said she now kept a packed bag by the
door from June to October. "Every time the wind comes from the east, my stomach drops," she said.

Officials are urging residents to sign up for emergency alerts through the [Linn-Benton Alert|ORG] system,
which sends warnings by text message and phone call. [Whitfield|PER] said only about a third of households in
her district had registered.

"The most important thing people can do costs nothing," she said. "Sign up, make a plan, and know two ways out of
your neighborhood.\"
""",
)

SCHOOLS = NewsArticle(
    key="valley-schools",
    outlet="valley",
    section="schools",
    slug="school-board-approves-later-start-times",
    title="School board approves later start times for Corvallis high schools",
    description="Classes at Crescent Valley and Corvallis high schools will start at 8:45 a.m. from fall.",
    author="Lauren Pike",
    published="2024-03-14T21:10:00-07:00",
    body="""
High school students in [Corvallis|LOC] will get an extra 45 minutes in bed from this fall after the
[Corvallis School Board|ORG] voted 5-2 on Thursday to push back the start of the school day.

Classes at [Corvallis High School|ORG] and [Crescent Valley High School|ORG] will begin at 8:45 a.m. instead of
8 a.m., and end at 3:35 p.m. Elementary schools will start earlier, at 8 a.m., so that the district can keep using
the same buses for both.

Board chair [Rebecca Tanaka|PER] said the decision followed more than a year of surveys and public meetings.
"The research on teenagers and sleep is very clear," she said. "Their body clocks are different. Asking them to
learn algebra at 8 in the morning is working against biology."

The change was supported by the [Oregon Pediatric Society|ORG] and by a majority of high school students who
responded to a district survey. Junior [Maya Okonkwo|PER], who serves as the student representative on the
board, told members that many of her classmates were "sleepwalking through first period".

But some parents of younger children said the new schedule would cause problems. [Jason Whitaker|PER], a father of
two at [Garfield Elementary|ORG], said families who relied on older siblings to pick up younger ones would
struggle. "Now the little kids get out at 2:30 and the big kids get out after 3:30," he said. "Somebody has to be
there in between, and a lot of us can't leave work."

Board members [Tom Jessup|PER] and [Carmen Ruiz|PER] voted against the plan. [Jessup|PER] said the district
should have waited until it could afford more buses. "We're solving one problem and creating another," he said.

Superintendent [Alan Fairbanks|PER] said the district would expand its after-school program at elementary
schools to cover the gap, and that the [Boys & Girls Club of Corvallis|ORG] had agreed to add places. The
district estimates the extra care will cost about $180,000 a year.

Sports schedules will also need to change. Athletic director [Pete Morrow|PER] said he was working with other
schools in the [Mid-Willamette Conference|ORG] to move some games later, and that teams might need to leave class
early for away games in [Bend|LOC] or [Roseburg|LOC].

Several other districts in [Oregon|LOC] have made similar changes in recent years, following a 2022 state
report that recommended later starts for high schools. [California|LOC] passed a law in 2019 requiring most high
schools to start no earlier than 8:30 a.m.

The new schedule takes effect on the first day of the 2024-25 school year, Aug. 28.
""",
)

HAZELNUTS = NewsArticle(
    key="valley-hazelnuts",
    outlet="valley",
    section="agriculture",
    slug="hazelnut-growers-expect-record-crop",
    title="Hazelnut growers expect record crop despite labor shortage",
    description="Oregon produces almost all of the nation's hazelnuts. Growers say finding workers is getting harder.",
    author="Kyle Brandt",
    published="2024-09-10T08:00:00-07:00",
    body="""
[Oregon|LOC]'s hazelnut growers are on course for a record harvest this fall, but many say they are struggling
to find enough workers and equipment to bring it in.

The [Oregon Hazelnut Commission|ORG] estimates the crop at about 95,000 tons, up from 79,000 tons last year, as
thousands of acres of young orchards planted in the last decade reach full production. [Oregon|LOC] grows
nearly all of the hazelnuts produced in the [United States|LOC], most of them in the [Willamette Valley|LOC].

At [Brandvold Orchards|ORG] near [Monmouth|LOC], [Erik Brandvold|PER] walked between rows of trees heavy with
nuts that will start dropping to the ground in the next two weeks. His grandfather, a [Norwegian|MISC] immigrant,
planted the first trees on the farm in 1948. "Back then it was a sideline," he said. "Now it's the whole
business."

Hazelnuts are harvested by sweeping the nuts into rows and picking them up with machines, so the crop needs far
fewer workers than berries or grapes. But growers still need drivers, mechanics and staff for the drying and
cleaning plants, and [Brandvold|PER] said he had been trying for months to fill three positions.

"Everybody in the valley is looking for the same people," he said. "The nurseries, the wineries, the
warehouses in [Salem|LOC]. We're all competing."

[Rosa Delgado|PER], who manages the [Willamette Valley Hazelnut Cooperative|ORG]'s processing plant in
[Donald|LOC], said the plant would run around the clock from late September. The cooperative has recruited about
60 seasonal workers, many of them from families who have come back every year for a decade. "We have people
who met their husbands on the sorting line," she said.

The bigger concern is price. Global prices fell last year as [Turkey|LOC], which produces about two thirds of
the world's hazelnuts, had a large harvest. [Oregon|LOC] growers sell much of their crop in-shell to buyers in
[China|LOC] and [Vietnam|LOC], and have also been trying to expand sales to chocolate and snack makers in
[Europe|LOC].

[Nicole Varga|PER], an agricultural economist at [Oregon State University|ORG], said the industry had grown
very quickly. "Hazelnut acreage in the valley has roughly doubled since 2012," she said. "That's great when
prices are good. When they're not, a lot of newer growers who borrowed money to plant are going to feel it."

Growers also credit the university's breeding program, which developed varieties such as [Jefferson|MISC] and
[McDonald|MISC] that resist eastern filbert blight, a fungal disease that devastated orchards in the 1990s.

Harvest is expected to begin in the last week of September and run until early November, weather permitting.
""",
)

TRACK = NewsArticle(
    key="valley-track",
    outlet="valley",
    section="sport",
    slug="philomath-runner-signs-with-oregon-state",
    title="Philomath distance runner signs with Oregon State",
    description="Two-time state champion Lily Amundsen will stay close to home for college.",
    author="Jordan Reyes",
    published="2024-04-24T17:25:00-07:00",
    body="""
[Philomath High School|ORG] senior [Lily Amundsen|PER], a two-time state champion in the 3,000 meters, has
signed to run for [Oregon State University|ORG] next year, choosing to stay close to home over offers from
schools in [Colorado|LOC] and [Arizona|LOC].

[Amundsen|PER] signed her letter of intent on Wednesday in the [Philomath|LOC] gym, surrounded by teammates,
coaches and her grandparents, who drove up from [Eugene|LOC] for the occasion.

"I visited a lot of places, and they were all amazing," she said. "But every time I came back over the
[Coast Range|LOC] and saw the valley, I knew this was where I wanted to be."

[Amundsen|PER] won the 3,000 at the [OSAA State Championships|MISC] as a sophomore and again last year, when she
also finished second in the 1,500. In the fall she placed fourth at the [Nike Cross Nationals|MISC] regional
meet in [Boise|LOC], the best finish by a [Philomath|LOC] runner in school history.

Her coach, [Dave Kowalczyk|PER], said her work ethic set her apart. "She's not the most naturally gifted athlete
I've coached, and she'd tell you that herself," he said. "But I've never seen anyone so consistent. She does the
boring work, every day, in the rain."

[Amundsen|PER] plans to study forestry, a choice she said was inspired by her father, [Nils Amundsen|PER], who
works for the [Bureau of Land Management|ORG]. She often trains on logging roads in the [McDonald-Dunn
Forest|LOC] north of [Corvallis|LOC].

[Oregon State|ORG] distance coach [Sharon Pilcher|PER] said [Amundsen|PER] would "fit right in" with a young
team that is trying to rebuild after several seniors graduated. "We love kids from the valley," [Pilcher|PER]
said. "They know how to run in the mud."

Before she leaves for college, [Amundsen|PER] has one more goal: a third state title at [Hayward Field|LOC] in
[Eugene|LOC] next month. She is currently ranked first in the state in the 3,000 and third in the 1,500.

The signing caps a remarkable rise for a runner who did not take up the sport until eighth grade, when a
physical education teacher at [Philomath Middle School|ORG] noticed her lapping classmates during a fitness
test. She joined the [Marys River Striders|ORG], a youth club that trains at the [Philomath|LOC] city park, and
ran her first cross-country race that fall in borrowed spikes.

"She finished 41st and came over to me and said, 'When's the next one?'" recalled club founder [Gail
Hendricks|PER]. "I knew then."

Her teammate and training partner, junior [Ava Chen|PER], said the team would miss her. "She's the one who texts
everyone at 6 a.m. to make sure we're coming to practice," [Chen|PER] said. "I'm not sure what we'll do without
the alarm clock.\"
""",
)

ARTICLES = (WILDFIRE, SCHOOLS, HAZELNUTS, TRACK)
