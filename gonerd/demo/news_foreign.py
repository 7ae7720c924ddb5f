"""Two non-English news pages (German, Spanish) that the language filter of `gonerd build` must drop.
Synthetic text; the people and the company are invented."""

from __future__ import annotations

from gonerd.demo.news_articles import NewsArticle

NACHTZUG = NewsArticle(
    key="continental-de-nachtzug",
    outlet="continental",
    section="europe",
    slug="nachtzug-berlin-lissabon-kommt-nicht-vor-2027",
    title="Nachtzug Berlin–Lissabon kommt nicht vor 2027",
    description="Das Start-up [Meridian Nachtreisen|ORG] verschiebt seine geplante Verbindung quer durch "
    "[Europa|LOC].",
    author="Katrin Albers",
    published="2024-05-28T10:15:00+02:00",
    language="de",
    body="""
Die geplante Nachtzugverbindung von [Berlin|LOC] nach [Lissabon|LOC] wird frühestens 2027 starten. Das teilte
das Start-up [Meridian Nachtreisen|ORG] am Dienstag in [Köln|LOC] mit. Ursprünglich sollte der erste Zug bereits
im kommenden Winter über [Paris|LOC] und [Madrid|LOC] fahren.

Geschäftsführerin [Friederike Brandauer|PER] begründete die Verzögerung mit fehlenden Schlafwagen und
schwierigen Verhandlungen über Trassen in [Frankreich|LOC] und [Spanien|LOC]. „Wir haben unterschätzt, wie
kompliziert es ist, einen Zug durch vier Länder mit vier verschiedenen Bahnsystemen zu schicken“, sagte sie.

Besonders aufwendig ist der Übergang an der [spanischen|MISC] Grenze, weil das [spanische|MISC]
Hochgeschwindigkeitsnetz zwar die europäische Normalspur nutzt, viele ältere Strecken aber eine breitere Spur
haben. Das Unternehmen prüft deshalb, ob die Wagen in [Hendaye|LOC] umgespurt werden können.

Fahrgastverbände reagierten enttäuscht. „Die Nachfrage ist riesig, gerade bei jungen Reisenden, die nicht mehr
fliegen wollen“, sagte [Jonas Wittkamp|PER] vom Verband [Pro Nachtzug|ORG]. Er forderte die
[Europäische Kommission|ORG] auf, grenzüberschreitende Nachtzüge stärker zu fördern.

[Meridian Nachtreisen|ORG] hat nach eigenen Angaben 18 gebrauchte Schlafwagen aus [Österreich|LOC] und
[Italien|LOC] gekauft, die derzeit in einem Werk in [Dessau|LOC] modernisiert werden. Die Fahrt von
[Berlin|LOC] nach [Lissabon|LOC] soll etwa 30 Stunden dauern.
""",
)

CENTRO = NewsArticle(
    key="valley-es-centro",
    outlet="valley",
    section="community",
    slug="nuevo-centro-comunitario-abre-en-salem",
    title="Abre sus puertas el nuevo centro comunitario latino de Salem",
    description="El centro ofrecerá clases de inglés, asesoría legal gratuita y actividades para jóvenes.",
    author="Lucía Ibarra",
    published="2024-06-15T12:00:00-07:00",
    language="es",
    body="""
Cientos de familias celebraron el sábado la apertura del [Centro Comunitario Raíces|ORG] en el noreste de
[Salem|LOC], un espacio que ofrecerá clases de inglés, asesoría legal gratuita y programas para jóvenes.

El centro ocupa un antiguo almacén en la avenida [Lancaster|LOC] que fue renovado durante dos años con donaciones
de empresas locales y una subvención del estado de [Oregón|LOC]. Su directora, [Marisol Echeverría|PER], dijo que
la comunidad llevaba más de una década pidiendo un lugar propio.

"Aquí vienen a trabajar familias de [México|LOC], de [Guatemala|LOC], de [Honduras|LOC]. Muchas trabajan en los
viveros y en las huertas del valle y no tienen tiempo ni transporte para ir a las oficinas del centro", explicó
[Echeverría|PER]. "Ahora los servicios están cerca de sus casas."

Durante la inauguración hubo música de mariachi, puestos de comida y un partido de fútbol infantil. El alcalde
de [Salem|LOC] y varios concejales asistieron al acto.

[Rogelio Méndez|PER], un agricultor de [Woodburn|LOC] que lleva 25 años en [Oregón|LOC], dijo que se inscribirá
en las clases de inglés de los martes. "Nunca es tarde para aprender", comentó.

El centro abrirá de lunes a sábado y sus servicios serán gratuitos.
""",
)

ARTICLES = (NACHTZUG, CENTRO)
