"""Render the legal part of the demo corpus: plain-text opinions laid out like PDF conversions, and
court-website HTML pages."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from gonerd.demo.legal_opinions import Opinion, opinions
from gonerd.demo.legal_templates import (
    LawSite,
    PageStyle,
    TextStyle,
    body_lines,
    caption_columns,
    center,
    paginate,
    render_court_site,
    render_report_site,
    wrap,
)
from gonerd.demo.markup import Parsed, parse

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fmt: skip

SITES = {
    "report-uk": LawSite(
        name="Open Judgments",
        domain="www.openjudgments.org.uk",
        tagline="Free access to judgments of the courts of England and Wales",
        disclaimer="This judgment was handed down by the judge remotely by circulation to the parties' "
        "representatives by email and release to the National Archives. The version published here is "
        "reproduced for information only; the official version is the one issued by the court.",
        footer="Open Judgments is an independent charitable project. Judgments are Crown copyright and are "
        "reproduced under the Open Justice Licence.",
        nav=("Judgments", "Courts", "Legislation", "Help", "About"),
        lang="en-GB",
    ),
    "report-us": LawSite(
        name="CaseLaw Commons",
        domain="www.caselawcommons.org",
        tagline="Court opinions from every state, free for everyone",
        disclaimer="CaseLaw Commons publishes opinions as released by the courts. Slip opinions may be revised "
        "before publication in the official reports. Nothing on this site is legal advice.",
        footer="CaseLaw Commons is a project of the Public Law Library Alliance, a nonprofit organization.",
        nav=("Opinions", "Jurisdictions", "Citator", "API", "Donate"),
        lang="en-US",
    ),
    "report-ca": LawSite(
        name="Lex Borealis",
        domain="www.lexborealis.ca",
        tagline="Canadian case law, free to read",
        disclaimer="Lex Borealis reproduces decisions as published by the courts. Consult the official version "
        "before relying on a decision. Some decisions are subject to publication bans.",
        footer="Lex Borealis is operated by the Northern Legal Information Society.",
        nav=("Decisions", "Legislation", "Commentary", "Help", "Français"),
        lang="en-CA",
    ),
}

CITED_BY = {
    "legal-pellworth": [
        ("Harcastle Foods Ltd v Dunmore Cold Storage Ltd [2024] EWHC 1402 (KB)", "/ewhc/kb/2024/1402"),
        ("Orwell Produce Partners LLP v Stourside Logistics Ltd [2024] EWHC 2217 (Comm)", "/ewhc/comm/2024/2217"),
    ],
    "legal-lindgren": [
        ("Okerlund v. Bluestem Power Cooperative, No. A24-0112 (Minn. Ct. App. 2024)", "/mn/ctapp/2024/a24-0112/"),
    ],
    "legal-moreau": [
        ("Grenier v. Lafleur Homes Inc., 2024 ONSC 7719", "/on/onsc/doc/2024/2024onsc7719/2024onsc7719.html"),
        ("Baptiste v. Kanata Renovations Ltd., 2024 ONSC 8120", "/on/onsc/doc/2024/2024onsc8120/2024onsc8120.html"),
    ],
}

OTHER_RULINGS = [
    ("Nguyen v. Pacific Crest Auto Sales, Inc. (23CV003981)", "/tentative-rulings/dept-7/2024-01-19/23cv003981"),
    ("Estate of Albright (23PR000212)", "/tentative-rulings/dept-7/2024-01-19/23pr000212"),
    ("Okafor v. Bayview Medical Group (22CV011730)", "/tentative-rulings/dept-7/2024-01-19/22cv011730"),
]


def human_date(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def short_date(iso: str, year_digits: int = 2) -> str:
    d = date.fromisoformat(iso)
    year = d.year % 100 if year_digits == 2 else d.year
    return f"{d.month:02d}/{d.day:02d}/{year:0{year_digits}d}"


def court_lines(op: Opinion, width: int) -> list[str]:
    return [center(line, width) for line in op.court.split("|")]


# ----------------------------------------------------------------------------------------------- plain text
def layout_pacer(op: Opinion, parsed: Parsed) -> str:
    """A federal district court order as pdftotext renders it: ECF header on every page; pleading line
    numbers when ``meta["line_numbers"]``; a footer with the page number."""
    numbered = bool(op.meta.get("line_numbers"))
    width = 66 if numbered else 74
    header_text = f"Case {op.case_number}   Document {op.meta['document']}   Filed {short_date(op.date)}"

    def header(page: int, total: int) -> list[str]:
        return [f"{header_text}   Page {page} of {total}", ""]

    footer_title = op.meta.get("footer")

    def footer(page: int, total: int) -> list[str]:
        if footer_title:
            return ["", f"Page {page} – {footer_title}"]
        return ["", center(str(page), width)]

    caption = ["", *court_lines(op, width), "", ""]
    caption += caption_columns(list(op.meta["left"]), list(op.meta["right"]), split=38 if numbered else 44)
    caption += ["", ""]
    style = TextStyle(width=width, para_indent=8, blank_between=not op.meta.get("indent_only"), line_indent=0)
    lines = body_lines(parsed.blocks, style)
    page = PageStyle(
        lines_per_page=28 if numbered else 46,
        header=header,
        footer=footer,
        line_numbers=numbered,
        margin=2 if numbered else 0,
        first_page_lines=caption,
    )
    return paginate(lines, page)


def layout_bankruptcy(op: Opinion, parsed: Parsed) -> str:
    """A bankruptcy court decision on pleading paper: long ECF header, line numbers, paragraphs marked only by
    their indentation, a footer with the short title and page number."""
    width = 66
    header_text = (
        f"Case {op.case_number}    Doc {op.meta['document']}    Filed {short_date(op.date)}    "
        f"Entered {op.meta['entered']}    Desc Main Document"
    )

    def header(page: int, total: int) -> list[str]:
        return [f"{header_text}    Page {page} of {total}", ""]

    def footer(page: int, total: int) -> list[str]:
        return ["", f"{op.meta['footer']} - {page}"]

    caption = ["", *court_lines(op, width), ""]
    caption += caption_columns(list(op.meta["left"]), list(op.meta["right"]), split=34)
    caption += [""]
    style = TextStyle(width=width, para_indent=6, blank_between=False)
    lines = body_lines(parsed.blocks, style)
    return paginate(lines, PageStyle(28, header, footer, line_numbers=True, margin=2, first_page_lines=caption))


def layout_circuit_memo(op: Opinion, parsed: Parsed) -> str:
    """A court of appeals memorandum disposition: docket header on every page, FILED stamp, footnote."""
    width = 72
    d = date.fromisoformat(op.date)
    header_text = (
        f"Case: {op.case_number}, {short_date(op.date, 4)}, ID: {op.meta['id']}, DktEntry: {op.meta['dkt']}"
    )

    def header(page: int, total: int) -> list[str]:
        return [f"{header_text}, Page {page} of {total}", ""]

    def footer(page: int, total: int) -> list[str]:
        if page == 1:
            return ["", "", *wrap(str(op.meta["footnote"]), width, 8, 8, hyphenate=False)]
        return []

    stamp = f"{MONTHS[d.month - 1][:3].upper()} {d.day} {d.year}"
    first = [
        f"{'NOT FOR PUBLICATION':^56}{'FILED':>16}",
        f"{'':56}{stamp:>16}",
        f"{'UNITED STATES COURT OF APPEALS':^56}{'CLERK, U.S. COURT':>16}",
        f"{'':56}{'OF APPEALS':>16}",
        f"{'FOR THE NINTH CIRCUIT':^56}",
        "",
        *caption_columns(list(op.meta["left"]), [*op.meta["right"], "", str(op.doc_title)], split=40),
        "",
        *[center(line, width) if line else "" for line in op.meta["appeal"]],
        "",
        *wrap(f"Before: {op.judges}.", width, 0, 0, hyphenate=False),
        "",
    ]
    style = TextStyle(width=width, para_indent=6, blank_between=True)
    lines = body_lines(parsed.blocks, style)
    return paginate(lines, PageStyle(44, header, footer, first_page_lines=first))


def layout_oregon_appeals(op: Opinion, parsed: Parsed) -> str:
    """A state appellate opinion in reporter style: running heads alternating with page numbers."""
    width = 66
    first_page = int(op.meta["first_page"])
    d = date.fromisoformat(op.date)

    def header(page: int, total: int) -> list[str]:
        number = first_page + page - 1
        if page == 1:
            left = f"No. {op.meta['number']}"
            mid = f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
            return [f"{left:<22}{mid:^22}{number:>22}", ""]
        if page % 2 == 0:
            return [f"{number:<10}{op.title:^46}", ""]
        return [f"{'Cite as ' + op.citation:<56}{number:>10}", ""]

    first = [*court_lines(op, width), ""]
    first += [center(line, width) for line in op.meta["parties"]]
    first += [""] + [center(line, width) for line in op.meta["lower"]] + [""]
    for para in op.meta["front"]:
        first += [*wrap(str(para), width, 4, 0, hyphenate=False), ""]
    style = TextStyle(width=width, para_indent=4, blank_between=True)
    lines = body_lines(parsed.blocks, style)
    return paginate(lines, PageStyle(50, header, first_page_lines=first))


def layout_mass_appeals(op: Opinion, parsed: Parsed) -> str:
    """A state appeals court slip opinion: notice box, front matter, page number centred at the foot."""
    width = 68
    notice = (
        "NOTICE: All slip opinions and orders are subject to formal revision and are superseded by the advance "
        "sheets and bound volumes of the Official Reports. If you find a typographical error or other formal "
        "error, please notify the Reporter of Decisions."
    )

    def footer(page: int, total: int) -> list[str]:
        return ["", center(str(page), width)]

    first = [*wrap(notice, width - 4, 0, 0, hyphenate=False), "", ""]
    first.append(f"{op.case_number:<40}{'Appeals Court':>28}")
    first += ["", ""]
    for line in op.meta["front"]:
        first += wrap(str(line), width, 0, 0, hyphenate=False) if line else [""]
    first += ["", ""]
    style = TextStyle(width=width, para_indent=5, blank_between=True, quote_indent=10)
    lines = body_lines(parsed.blocks, style)
    return paginate(lines, PageStyle(48, footer=footer, first_page_lines=first))


TEXT_LAYOUTS: dict[str, Callable[[Opinion, Parsed], str]] = {
    "pacer": layout_pacer,
    "bankruptcy": layout_bankruptcy,
    "circuit-memo": layout_circuit_memo,
    "oregon-appeals": layout_oregon_appeals,
    "mass-appeals": layout_mass_appeals,
}


# ----------------------------------------------------------------------------------------------------- HTML
def layout_html(op: Opinion, parsed: Parsed) -> str:
    assert op.url
    if op.layout == "court-site":
        return render_court_site(
            url=op.url,
            court=op.court,
            domain=str(op.meta["domain"]),
            title=op.title,
            case_number=op.case_number,
            department=str(op.meta["department"]),
            hearing=str(op.meta["hearing"]),
            date_iso=op.date,
            blocks=parsed.blocks,
            other_rulings=[(t, f"https://{op.meta['domain']}{u}") for t, u in OTHER_RULINGS],
        )
    site = SITES[op.layout]
    caption = f'<div class="parties"><p>{op.meta["caption"]}</p></div>'.replace("&", "&amp;")
    return render_report_site(
        site=site,
        url=op.url,
        title=op.title,
        citation=op.citation,
        court=op.court,
        date_iso=op.date,
        date_human=human_date(op.date) if site.lang != "en-GB" else _uk_date(op.date),
        judges=op.judges,
        caption_html=caption,
        blocks=parsed.blocks,
        cited_by=[(t, f"https://{site.domain}{u}") for t, u in CITED_BY.get(op.key, [])],
        breadcrumbs=list(op.meta.get("breadcrumbs", [])),
    )


def _uk_date(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def render_legal() -> Iterator[tuple[str, bytes, object]]:
    """(relative path, bytes, DemoDocument) for every legal document."""
    from gonerd.demo import make_document

    for op in opinions():
        parsed = parse(op.body)
        if op.fmt == "html":
            data = layout_html(op, parsed).encode("utf-8")
            source = op.court if op.layout == "court-site" else SITES[op.layout].name
        else:
            data = TEXT_LAYOUTS[op.layout](op, parsed).encode(op.encoding)
            source = op.court.split("|")[-1].title() if op.layout != "pacer" else op.court.replace("|", " ")
        doc = make_document(
            key=op.key,
            path=op.path,
            kind="legal",
            fmt=op.fmt,
            language="en",
            encoding="utf-8" if op.fmt == "html" else op.encoding,
            url=op.url if op.fmt == "html" else None,
            data=data,
            title=op.title,
            published=op.date,
            source=source,
            text=parsed.text,
            entities=parsed.entities,
        )
        yield op.path, data, doc
