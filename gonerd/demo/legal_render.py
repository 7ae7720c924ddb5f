"""Render the legal part of the demo corpus: plain-text opinions laid out like PDF conversions, and
court-website HTML pages."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from html import escape

from gonerd.demo.legal_opinions import Opinion, opinions
from gonerd.demo.legal_templates import (
    Front,
    LawSite,
    PageStyle,
    TextStyle,
    body_lines,
    center,
    marked,
    paginate,
    render_court_site,
    render_report_site,
    wrap,
)
from gonerd.demo.markup import Block, Marked, join_blocks, parse, plain

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


def court_lines(op: Opinion) -> list[str]:
    """The court's name as the caption prints it, one marked-up line each."""
    return op.court.split("\n")


# ----------------------------------------------------------------------------------------------- plain text
# Each layout returns the file's text and the blocks of its reference text: the front matter (court, caption,
# counsel, judges, notices: see :class:`Front`), then the body, as the legal cleaner reads them.
def layout_pacer(op: Opinion, body: list[Block]) -> tuple[str, list[Block]]:
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

    front = Front()
    front.blank()
    for line in court_lines(op):
        front.centred(line, width)
    front.blank(2)
    front.columns(list(op.meta["left"]), list(op.meta["right"]), split=38 if numbered else 44)
    front.blank(2)
    style = TextStyle(width=width, para_indent=8, blank_between=not op.meta.get("indent_only"), line_indent=0)
    lines = body_lines(body, style)
    page = PageStyle(
        lines_per_page=28 if numbered else 46,
        header=header,
        footer=footer,
        line_numbers=numbered,
        margin=2 if numbered else 0,
        first_page_lines=front.lines,
    )
    return paginate(lines, page), front.blocks + body


def layout_bankruptcy(op: Opinion, body: list[Block]) -> tuple[str, list[Block]]:
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

    front = Front()
    front.blank()
    for line in court_lines(op):
        front.centred(line, width)
    front.blank()
    front.columns(list(op.meta["left"]), list(op.meta["right"]), split=34)
    front.blank()
    style = TextStyle(width=width, para_indent=6, blank_between=False)
    lines = body_lines(body, style)
    page = PageStyle(28, header, footer, line_numbers=True, margin=2, first_page_lines=front.lines)
    return paginate(lines, page), front.blocks + body


def layout_circuit_memo(op: Opinion, body: list[Block]) -> tuple[str, list[Block]]:
    """A court of appeals memorandum disposition: docket header on every page, FILED stamp beside the court's
    name, caption, "Before:" line, a footnote at the foot of the first page."""
    width = 72
    lines_per_page = 44
    d = date.fromisoformat(op.date)
    header_text = (
        f"Case: {op.case_number}, {short_date(op.date, 4)}, ID: {op.meta['id']}, DktEntry: {op.meta['dkt']}"
    )
    footnote, _ = marked(str(op.meta["footnote"]))

    def header(page: int, total: int) -> list[str]:
        return [f"{header_text}, Page {page} of {total}", ""]

    def footer(page: int, total: int) -> list[str]:
        if page == 1:
            return ["", "", *wrap(footnote.text, width, 8, 8, hyphenate=False)]
        return []

    stamp = f"{MONTHS[d.month - 1][:3].upper()} {d.day} {d.year}"
    court = court_lines(op)
    front = Front()
    for left, right in zip(
        ["NOT FOR PUBLICATION", "", court[0], "", court[1]],
        ["FILED", stamp, str(op.meta["clerk"]), "[U.S. COURT OF APPEALS|ORG]", ""],
    ):
        (ml, jl), (mr, jr) = marked(left), marked(right)
        front.line(ml.centre(48) + mr.rjust(24), join=jl or jr)
    front.blank()
    front.columns(list(op.meta["left"]), [*op.meta["right"], "", str(op.doc_title)], split=40)
    front.blank()
    for line in op.meta["appeal"]:
        if line:
            front.centred(str(line), width)
        else:
            front.blank()
    front.blank()
    front.wrapped(f"Before: {op.judges}.", width, join=bool(op.meta.get("join_before")))
    front.blank()
    style = TextStyle(width=width, para_indent=6, blank_between=True)
    lines = body_lines(body, style)
    # the footnote is read where pdftotext leaves it: after the last paragraph of the first page
    room = lines_per_page - len(front.lines)
    ends = [len(body_lines(body[: k + 1], style)) for k in range(len(body))]
    if room < ends[-1] and room not in ends and room - 1 not in ends:
        raise ValueError(f"{op.key}: the first page ends inside a paragraph; move the page break")
    on_first_page = sum(end <= room for end in ends)
    blocks = front.blocks + body[:on_first_page] + [footnote.collapsed().block()] + body[on_first_page:]
    return paginate(lines, PageStyle(lines_per_page, header, footer, first_page_lines=front.lines)), blocks


def layout_oregon_appeals(op: Opinion, body: list[Block]) -> tuple[str, list[Block]]:
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

    front = Front()
    for line in court_lines(op):
        front.centred(line, width)
    front.blank()
    for line in op.meta["parties"]:
        front.centred(str(line), width)
    front.blank()
    for line in op.meta["lower"]:
        front.centred(str(line), width)
    front.blank()
    for para in op.meta["front"]:
        front.wrapped(str(para), width, 4, 0)
        front.blank()
    style = TextStyle(width=width, para_indent=4, blank_between=True)
    lines = body_lines(body, style)
    return paginate(lines, PageStyle(50, header, first_page_lines=front.lines)), front.blocks + body


def layout_mass_appeals(op: Opinion, body: list[Block]) -> tuple[str, list[Block]]:
    """A state appeals court slip opinion: notice box, front matter, page number centred at the foot."""
    width = 68
    notice = (
        "NOTICE: All slip opinions and orders are subject to formal revision and are superseded by the advance "
        "sheets and bound volumes of the [Official Reports|MISC]. If you find a typographical error or other formal "
        "error, please notify the Reporter of Decisions."
    )

    def footer(page: int, total: int) -> list[str]:
        return ["", center(str(page), width)]

    front = Front()
    front.wrapped(notice, width - 4)
    front.blank(2)
    court, _ = marked(court_lines(op)[-1])
    front.line(Marked(op.case_number).ljust(40) + court.rjust(28))
    front.blank(2)
    for line in op.meta["front"]:
        if line:
            front.wrapped(str(line), width)
        else:
            front.blank()
    front.blank(2)
    style = TextStyle(width=width, para_indent=5, blank_between=True, quote_indent=10)
    lines = body_lines(body, style)
    return paginate(lines, PageStyle(48, footer=footer, first_page_lines=front.lines)), front.blocks + body


TEXT_LAYOUTS: dict[str, Callable[[Opinion, list[Block]], tuple[str, list[Block]]]] = {
    "pacer": layout_pacer,
    "bankruptcy": layout_bankruptcy,
    "circuit-memo": layout_circuit_memo,
    "oregon-appeals": layout_oregon_appeals,
    "mass-appeals": layout_mass_appeals,
}


# ----------------------------------------------------------------------------------------------------- HTML
def layout_html(op: Opinion, body: list[Block]) -> tuple[str, list[Block]]:
    """A court's own page (no front matter in the text) or a law-report site, whose header paragraphs
    (citation, court, parties, judges) are part of the extracted text; the date is not (it is metadata)."""
    assert op.url
    if op.layout == "court-site":
        html = render_court_site(
            url=op.url,
            court=plain(op.court),
            domain=str(op.meta["domain"]),
            title=op.title,
            case_number=op.case_number,
            department=str(op.meta["department"]),
            hearing=str(op.meta["hearing"]),
            date_iso=op.date,
            blocks=body,
            other_rulings=[(t, f"https://{op.meta['domain']}{u}") for t, u in OTHER_RULINGS],
        )
        return html, body
    site = SITES[op.layout]
    citation, court, caption, judges = (Marked.parse(str(x)) for x in (op.citation, op.court, op.meta["caption"],
                                                                        op.judges))  # fmt: skip
    html = render_report_site(
        site=site,
        url=op.url,
        title=op.title,
        citation=citation.text,
        court=court.text,
        date_iso=op.date,
        date_human=human_date(op.date) if site.lang != "en-GB" else _uk_date(op.date),
        judges=judges.text,
        caption_html=f'<div class="parties"><p>{escape(caption.text, quote=False)}</p></div>',
        blocks=body,
        cited_by=[(t, f"https://{site.domain}{u}") for t, u in CITED_BY.get(op.key, [])],
        breadcrumbs=list(op.meta.get("breadcrumbs", [])),
    )
    return html, [m.collapsed().block() for m in (citation, court, caption, judges)] + body


def _uk_date(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def render_legal() -> Iterator[tuple[str, bytes, object]]:
    """(relative path, bytes, DemoDocument) for every legal document."""
    from gonerd.demo import make_document

    for op in opinions():
        body = parse(op.body).blocks
        if op.fmt == "html":
            html, blocks = layout_html(op, body)
            data = html.encode("utf-8")
            source = plain(op.court) if op.layout == "court-site" else SITES[op.layout].name
        else:
            text, blocks = TEXT_LAYOUTS[op.layout](op, body)
            data = text.encode(op.encoding)
            court = [plain(line) for line in court_lines(op)]
            source = court[-1].title() if op.layout != "pacer" else " ".join(court)
        reference = join_blocks(blocks)
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
            text=reference.text,
            entities=reference.entities,
        )
        yield op.path, data, doc
