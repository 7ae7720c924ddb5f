"""Site chrome shared by the news templates: reader comments, "most read" lists, cookie and newsletter texts.

Everything here is boilerplate that a cleaner must remove. The comments and headlines deliberately mention
entity-like names (all fictional) so that a leak into the main text would show up in the entity evaluation.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Comment:
    """A reader comment."""

    user: str
    text: str
    likes: int


COMMENTS: dict[str, tuple[Comment, ...]] = {
    "en": (
        Comment(
            "HarbourWatcher", "Same story every year. Councillor Pemberton promised this in 2019 too.", 14
        ),
        Comment(
            "dmcallister", "Good to see proper reporting on this. Thanks to the reporter for following up.", 9
        ),
        Comment("Linnea_K", "Has anyone asked Trevor Blanchard at the Ashcombe Trust what he thinks?", 3),
        Comment("old_salt_62", "I worked at Rennick Yard for thirty years and nobody ever asked us.", 22),
        Comment(
            "Priya Venkatesh", "The photo caption is wrong, that is the Saltmarsh Bridge, not the quay.", 5
        ),
        Comment(
            "NorthEndNeil", "Typical. Money for consultants in Brussels, nothing for the bus routes.", 17
        ),
        Comment("margo.f", "My daughter plays for Ferrybridge Athletic and the pitches are a disgrace.", 8),
        Comment("quietreader", "Why is there no mention of the Hollins report from last year?", 2),
        Comment("Gareth Ll.", "Excellent piece. Forwarded it to our MP, Mrs Okonedo-Price.", 11),
        Comment("sceptic_in_slough", "I'll believe it when I see it. Remember the Kestrel Line fiasco?", 26),
        Comment("JB_Thornbury", "Can the Courier please do a follow-up on the Dunmore Road closures?", 4),
        Comment("AnnaLiesl", "Fascinating. I heard Dr Ruth Achterberg speak about this in Utrecht.", 6),
        Comment(
            "riverside_resident", "The consultation closed before half the street even got the leaflet.", 12
        ),
        Comment("Tomasz W", "As a Polish engineer living here I can say the plans look solid.", 7),
        Comment("fenland_fan", "Go on the Wanderers! Best season since Harkin was captain.", 19),
        Comment("PaulineR", "Comments like the one above are why nobody reads these sections.", 1),
        Comment("ex_ledger_sub", "Paywall again? I'm cancelling, sorry Harbour Ledger.", 0),
        Comment("mkostova", "Sofia did the same thing five years ago and it worked fine.", 10),
    ),
    "de": (
        Comment("Leser_aus_Kiel", "Endlich berichtet jemand darüber. Frau Brandauer hat völlig recht.", 12),
        Comment("H. Voss", "Das hat man in Hamburg schon vor zehn Jahren versucht.", 4),
        Comment("bahnfahrer77", "Und wer bezahlt das am Ende? Wie immer die Pendler.", 21),
    ),
    "es": (
        Comment("vecino_salem", "Por fin una noticia sobre nuestro barrio. Gracias, señora Ibarra.", 9),
        Comment("Jorge R.", "Mi hijo estudia en la escuela Maplewood y está muy contento.", 5),
        Comment("lupita_or", "¿Y el transporte? Nadie habla de los autobuses de la línea 14.", 13),
    ),
}

MOST_READ: dict[str, tuple[str, ...]] = {
    "harbour": (
        "Councillor Dermot Ashgrove quits Harbour Board after parking permit row",
        "Seven things to do in Portsmouth this weekend",
        "Rennick Yard workers vote to accept new pay offer",
        "Police appeal after van crashes into Gosport sea wall",
        "Ferry fares to the Isle of Wight to rise again in April",
    ),
    "midland": (
        "Leicester café owner Jasvinder Dhillon wins national bakery award",
        "Roadworks chaos on the A6 as Midland Highways admits delays",
        "Nuneaton pensioner, 94, celebrates with skydive",
        "Wanderers sign Fijian winger Semi Naivalu on two-year deal",
        "Bin collections: what changes for Charnwood residents",
    ),
    "northgate": (
        "Ostrava Steelworks lifts forecast as order book fills",
        "Why investors are cooling on Baltic shipping start-ups",
        "Interview: Helena Marchetti on running Vintra Logistics",
        "Copper price hits two-year high on Chilean supply worries",
        "The quiet rise of Lisbon's fintech cluster",
    ),
    "valley": (
        "Linn County deputies recover stolen tractor near Scio",
        "Obituary: Harold 'Hal' Pettigrew, founder of Pettigrew Feed & Seed",
        "Corvallis brewery Fenwick Ales opens second taproom",
        "Letters: Readers weigh in on the McKenzie River bridge",
        "Photos: Albany Veterans Day parade",
    ),
    "continental": (
        "Why Vienna keeps topping the liveability rankings",
        "Commissioner Aurelio Santangelo defends fisheries quota plan",
        "Night trains are back. Are passengers?",
        "Inside the Baltic data-centre boom",
        "Explainer: how the European Parliament elects its president",
    ),
}

# "Related stories" of the non-English editions (slug, headline).
FOREIGN_RELATED: dict[str, tuple[tuple[str, str], ...]] = {
    "de": (
        (
            "europe/eu-kommission-will-grenzueberschreitende-zuege-foerdern",
            "EU-Kommission will grenzüberschreitende Züge fördern",
        ),
        ("business/schlafwagen-werk-in-dessau-sucht-fachkraefte", "Schlafwagen-Werk in Dessau sucht Fachkräfte"),
        ("europe/pendler-in-koeln-klagen-ueber-ausfaelle", "Pendler in Köln klagen über Zugausfälle"),
    ),
    "es": (
        ("es/archives/abre-clinica-gratuita-en-woodburn", "Abre una clínica gratuita en Woodburn"),
        ("es/archives/becas-para-estudiantes-latinos-en-chemeketa", "Becas para estudiantes latinos en Chemeketa"),
        ("es/archives/feria-de-empleo-en-el-centro-de-salem", "Feria de empleo en el centro de Salem"),
    ),
}

COOKIE_TEXT = {
    "en": (
        "We and our 214 partners use cookies and similar technologies to store and access information on "
        "your device, to personalise content and ads, to provide social media features and to analyse our "
        "traffic. "
        "You can change your choices at any time by visiting Privacy settings."
    ),
    "de": (
        "Wir und unsere 214 Partner verwenden Cookies und ähnliche Technologien, um Informationen auf Ihrem "
        "Gerät zu speichern, Inhalte und Anzeigen zu personalisieren und unseren Datenverkehr zu "
        "analysieren."
    ),
    "es": (
        "Usamos cookies propias y de terceros para mejorar nuestros servicios, personalizar la publicidad y "
        "analizar sus hábitos de navegación. Puede cambiar la configuración en cualquier momento."
    ),
}

NEWSLETTER_TEXT = {
    "en": "Get the day's top stories delivered to your inbox every morning. Free, unsubscribe at any time.",
    "de": "Die wichtigsten Nachrichten des Tages jeden Morgen im Postfach. Kostenlos, jederzeit kündbar.",
    "es": "Reciba cada mañana las noticias más importantes del día en su correo. Gratis y sin compromiso.",
}


def pick(seed: str, items: tuple, count: int) -> list:
    """Deterministically pick ``count`` distinct items for ``seed`` (no global random state involved)."""
    scored = sorted(items, key=lambda item: hashlib.sha1(f"{seed}:{item}".encode()).hexdigest())
    return list(scored[:count])


def number(seed: str, low: int, high: int) -> int:
    """A deterministic integer in ``[low, high]`` for ``seed``."""
    return low + int(hashlib.sha1(seed.encode()).hexdigest()[:8], 16) % (high - low + 1)
