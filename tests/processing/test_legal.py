"""clean_legal_text on real court files and on synthetic pages; the pipeline order legal → normalize."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest
from shared_fixtures import SHARED_FIXTURES, require_fixture

from gonerd.processing.decode import decode_bytes
from gonerd.processing.extract import extract_html
from gonerd.processing.legal import clean_legal_text
from gonerd.processing.normalize import normalize_text

SharedFile = Callable[..., Path]


def pipeline(text: str) -> str:
    """The order the build uses: clean_legal_text, then normalize_text."""
    return normalize_text(clean_legal_text(text))


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n") if text else []


def assert_convention(text: str) -> None:
    assert text == text.strip() and "\n\n\n" not in text
    for paragraph in paragraphs(text):
        assert paragraph and "\n" not in paragraph and paragraph == paragraph.strip(), repr(paragraph)


# ---------------------------------------------------------------------------------------------------------
# Real files
# ---------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dc_circuit() -> str:
    path = require_fixture(SHARED_FIXTURES / "legal" / "courtlistener" / "opinion_text.txt")
    return pipeline(path.read_text(encoding="utf-8"))


def test_dc_circuit_reflowed(dc_circuit: str) -> None:
    assert_convention(dc_circuit)
    paras = paragraphs(dc_circuit)
    assert 60 <= len(paras) <= 90
    # the first body paragraph, 17 hard-wrapped lines with 4 line-end hyphens, is one paragraph
    first = next(p for p in paras if p.startswith("Edwards, Chief Judge:"))
    assert 'appellee International Fidelity Insurance Co. ("IFIC" or "surety")' in first
    assert "Upon securing the payment bond, Ideal agreed to indemnify IFIC" in first
    assert 'claim brought by Modern Electric, Inc. ("Modern") against appellants' in first
    assert first.endswith("the amount sought in this case is reasonable.")


def test_dc_circuit_headings_and_block_quotes(dc_circuit: str) -> None:
    paras = paragraphs(dc_circuit)
    for heading in ("I. Background", "II. Analysis", "A. Choice of Law", "III. Conclusion", "v.", "No. 96-7169"):
        assert heading in paras
    quote = next(p for p in paras if p.startswith("the Surety shall be entitled to charge"))
    assert quote.endswith("amount of the liability to the Surety.")  # a 10-line block quote, one paragraph
    assert any(p.startswith("Indemnity Agreement at p 2. However, the parties dispute") for p in paras)


def test_dc_circuit_page_breaks_joined(dc_circuit: str) -> None:
    # three blank lines left by a page break inside a paragraph (before a non-indented line)
    assert "in which it agreed, under certain conditions, to indemnify IFIC" in dc_circuit
    assert "Wender v. United Services Auto. Ass'n, 434 A.2d 1372, 1374 (D.C. 1981)" in dc_circuit
    # ...but a page break before an indented first line is a paragraph break
    assert "\n\nThere is no clear precedent under District of Columbia law" in dc_circuit


def test_dc_circuit_hyphenation(dc_circuit: str) -> None:
    for joined in ("International", "defend against", "billing statements", "materials", "indemnity for",
                   "reasonableness", "ridiculous", "entirety", "interjected"):  # fmt: skip
        assert joined in dc_circuit
    assert dc_circuit.count("attorney-client") == 11  # two of them were broken at the line end
    assert "fact-finder" in dc_circuit and "factfinder" not in dc_circuit
    assert not re.search(r"[a-z]- [a-z]", dc_circuit), re.findall(r"\w+- \w+", dc_circuit)


def test_bva_cp1252_plain_text(shared_file: SharedFile) -> None:
    raw = shared_file("legal", "juriscraper", "bva_subexample_1.txt").read_bytes()
    text, encoding = decode_bytes(raw, name="bva_subexample_1.txt")
    assert encoding == "cp1252"
    out = pipeline(text)
    assert_convention(out)
    paras = paragraphs(out)
    assert paras[:5] == [
        "Citation Nr: A25084404",
        "Decision Date: 09/30/25 Archive Date: 09/30/25",
        "DOCKET NO. 250716-566207",
        "DATE: September 30, 2025",
        "ORDER",
    ]
    for heading in ("FINDINGS OF FACT", "CONCLUSIONS OF LAW", "Increased Rating", "Effective Dates"):
        assert heading in paras
    assert "38 U.S.C. §§ 1155, 5107(b); 38 C.F.R. §§ 3.102" in out
    assert out.count("§") == text.count("§") == 32
    # page furniture: the "(Continued on the next page)" line and the stray "?" page mark are gone
    assert "Continued on the next page" not in out and "?" not in paras
    # one-paragraph-per-line text keeps its paragraphs
    source_paragraphs = [line for line in text.splitlines() if re.search(r"\w", line)]
    assert len(paras) == len(source_paragraphs) - 1


def _sentences(text: str) -> list[str]:
    text = re.sub(r"\[\*\d+\]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return [s for s in re.split(r"(?<=[.;])\s+(?=[A-Z(])", text) if len(s) > 25]


def test_ny_html_opinion_page(shared_file: SharedFile) -> None:
    html = shared_file("legal", "juriscraper", "ny_current_template.html").read_text(encoding="utf-8")
    compare = shared_file("legal", "juriscraper", "ny_current_template.compare.html").read_text(encoding="utf-8")
    extracted = extract_html(html, url="https://www.nycourts.gov/reporter/3dseries/2026/2026_01932.htm")
    assert extracted.title == "70-35 113th St. Holdings, LLC v Auberge Grand Cent., LLC"
    out = pipeline(extracted.text)
    assert_convention(out)
    flat = re.sub(r"\s+", " ", out)
    expected = _sentences(lxml.html.fromstring(compare).text_content())
    found = [s for s in expected if s in flat]
    assert len(found) >= 0.9 * len(expected), [s for s in expected if s not in flat]
    chrome = ["skip to main content", "Adblock", "Official Reports Service", "Style Manual", "RSS Feeds",
              "Quick Contact Info", "17 Lodge Street", "(518) 453-6900", "Links to or from other sites"]  # fmt: skip
    assert [c for c in chrome if c in out] == []
    assert "[*2]" not in out and "The decision whether to grant or deny" in out  # star paging removed
    assert out.endswith("Clerk of the Court")


@pytest.mark.parametrize(
    "path",
    [("legal", "courtlistener", "opinion_text.txt"), ("legal", "juriscraper", "bva_subexample_1.txt")],
)
def test_idempotent_on_real_files(shared_file: SharedFile, path: tuple[str, ...]) -> None:
    text, _ = decode_bytes(shared_file(*path).read_bytes())
    once = clean_legal_text(text)
    assert clean_legal_text(once) == once
    assert paragraphs(normalize_text(once)) == [re.sub(r"\s+", " ", p) for p in paragraphs(once)]


# ---------------------------------------------------------------------------------------------------------
# Synthetic pages
# ---------------------------------------------------------------------------------------------------------

PAGE_1 = """Case 1:19-cv-01234-ABC Document 45 Filed 03/02/20 Page 1 of 3 PageID #: 201

                    UNITED STATES DISTRICT COURT
                    FOR THE DISTRICT OF DELAWARE

MARIA LOPEZ,
               Plaintiff,
     v.                                        Civil Action No. 19-1234-ABC
ACME SHIPPING CORP.,
               Defendant.

                        MEMORANDUM OPINION

     Plaintiff Maria Lopez brings this action against Acme
Shipping Corp. under the Jones Act, alleging that the com-
pany's negligence caused her injuries aboard the vessel Sea
Breeze in the Port of Wilmington.  Acme moves to dismiss for
lack of personal jurisdiction.  For the reasons below, the
motion is denied.

I.   BACKGROUND

     Lopez worked as a deckhand for Acme from 2015 until 2018.
She alleges that on March 3, 2018, a winch operated by
another crew member, John Park, struck her shoulder.  The
incident was reported to the United States Coast Guard, which
opened an inter-
"""
PAGE_2 = """USCA Case #19-7043      Document #1812345      Filed: 03/02/2020      Page 2 of 3
national inquiry with the Panamanian maritime authority.
Acme is a Mid-
Atlantic carrier incorporated in Delaware in 1998 and re-
organized after the pre-
2008 merger with Beta Lines.  Its self-
insurance plan covered the crew.

     The parties agree that the vessel was registered in
Panama.  As the court explained in Smith v. Jones, 123 F.3d
456 (3d Cir. 1997),

          the place of registration does not by itself
          establish where the employer is at home for
          purposes of general jurisdiction.

Acme's argument therefore fails.

                              - 2 -
"""
PAGE_3 = """Case 1:19-cv-01234-ABC Document 45 Filed 03/02/20 Page 3 of 3 PageID #: 203
II.  DISCUSSION

     A court has general jurisdiction over a corporation
where it is "at home."  Daimler AG v. Bauman, 571 U.S. 117
(2014).  Acme is incorporated in Delaware.

     For these reasons, the motion to dismiss is DENIED.
"""
PAGED = f"{PAGE_1}\f{PAGE_2}\f{PAGE_3}"


@pytest.fixture(scope="module")
def paged() -> list[str]:
    out = pipeline(PAGED)
    assert_convention(out)
    return paragraphs(out)


def test_filing_stamps_and_page_numbers_removed(paged: list[str]) -> None:
    text = "\n\n".join(paged)
    for furniture in ("Document 45", "PageID", "USCA", "Page 2 of 3", "- 2 -"):
        assert furniture not in text
    assert "2" not in paged


def test_paragraph_continues_across_pages(paged: list[str]) -> None:
    para = next(p for p in paged if p.startswith("Lopez worked as a deckhand"))
    assert "the United States Coast Guard, which opened an international inquiry with the Panamanian" in para
    assert para.endswith("Its self-insurance plan covered the crew.")


def test_hyphenation_rules(paged: list[str]) -> None:
    text = "\n\n".join(paged)
    assert "alleging that the company's negligence" in text  # com- + pany's
    assert "a Mid-Atlantic carrier" in text  # capital after the hyphen: kept, no space
    assert "and reorganized after the pre-2008 merger" in text  # re- + organized; pre- + digits: kept
    assert "Its self-insurance plan" in text  # self- keeps its hyphen


def test_headings_caption_and_block_quote(paged: list[str]) -> None:
    for standalone in ("UNITED STATES DISTRICT COURT", "FOR THE DISTRICT OF DELAWARE", "MARIA LOPEZ,",
                       "Plaintiff,", "v. Civil Action No. 19-1234-ABC", "ACME SHIPPING CORP.,", "Defendant.",
                       "MEMORANDUM OPINION", "I. BACKGROUND", "II. DISCUSSION"):  # fmt: skip
        assert standalone in paged
    assert (
        "the place of registration does not by itself establish where the employer is at home for purposes "
        "of general jurisdiction."
    ) in paged
    assert "Acme's argument therefore fails." in paged
    assert paged[-1] == "For these reasons, the motion to dismiss is DENIED."


PLEADING_BODY = [
    "JANE ROE (SBN 123456)",
    "ROE LAW GROUP",
    "Attorneys for Plaintiff",
    "",
    "SUPERIOR COURT OF THE STATE OF CALIFORNIA",
    "",
    "COMPLAINT FOR UNPAID WAGES",
    "",
    "     Plaintiff Kevin Tran alleges that on June 1, 2021, the",
    "defendant, Golden Gate Freight LLC, failed to pay overtime",
    "wages owed under the California Labor Code and the wage",
    "orders of the Industrial Welfare Commission.",
    "",
    "     Golden Gate Freight employed Mr. Tran in Oakland as a",
    "driver from 2019 to 2021, and its own records confirm that",
    "he regularly worked more than forty hours per week without",
    "receiving the premium pay that California law requires for",
    "every hour beyond eight in a single workday.",
    "",
    "     Mr. Tran complained to his supervisor, Linda Alvarez, on",
    "several occasions, and each time he was told that drivers",
    "were exempt.  They are not.  The Labor Commissioner has held",
    "that local delivery drivers are entitled to overtime.",
]

PLEADING_EXPECTED = [
    "JANE ROE (SBN 123456)",
    "ROE LAW GROUP",
    "Attorneys for Plaintiff",
    "SUPERIOR COURT OF THE STATE OF CALIFORNIA",
    "COMPLAINT FOR UNPAID WAGES",
    "Plaintiff Kevin Tran alleges that on June 1, 2021, the defendant, Golden Gate Freight LLC, failed to pay "
    "overtime wages owed under the California Labor Code and the wage orders of the Industrial Welfare "
    "Commission.",
    "Golden Gate Freight employed Mr. Tran in Oakland as a driver from 2019 to 2021, and its own records "
    "confirm that he regularly worked more than forty hours per week without receiving the premium pay that "
    "California law requires for every hour beyond eight in a single workday.",
    "Mr. Tran complained to his supervisor, Linda Alvarez, on several occasions, and each time he was told "
    "that drivers were exempt. They are not. The Labor Commissioner has held that local delivery drivers are "
    "entitled to overtime.",
]


def pleading_paper(double_spaced: bool, lines_per_page: int) -> str:
    """Pleading paper: every line numbered from 1 on each page, a footer with the page number."""
    lines = [x for line in PLEADING_BODY for x in ([line, ""] if double_spaced else [line])]
    pages = []
    for page, start in enumerate(range(0, len(lines), lines_per_page), 1):
        numbered = [f"{i:>2}  {text}".rstrip() for i, text in enumerate(lines[start : start + lines_per_page], 1)]
        pages.append("\n".join([*numbered, "", f"{' ' * 17}PLAINTIFF'S COMPLAINT FOR DAMAGES - {page}"]))
    return "\f".join(pages)


@pytest.mark.parametrize(("double_spaced", "lines_per_page"), [(False, 10), (False, 7), (True, 14), (True, 28)])
def test_pleading_line_numbers_removed(double_spaced: bool, lines_per_page: int) -> None:
    assert paragraphs(pipeline(pleading_paper(double_spaced, lines_per_page))) == PLEADING_EXPECTED


def test_numbers_that_are_not_pleading_numbers_stay() -> None:
    text = "The statute is codified at\n12 U.S.C. § 1841 and was amended\n3 times since 1990.\n"
    assert pipeline(text) == "The statute is codified at 12 U.S.C. § 1841 and was amended 3 times since 1990."


OPINION_PAGES = [
    "The city of Oakland hired Ms. Alvarez in 2012 as a\nbuilding inspector, and she was promoted twice before\n"
    "the events at issue.  Her evaluations were excellent.",
    "In 2019 she reported that a contractor, Bay Pacific\nBuilders, had bribed her supervisor.  Within a month\n"
    "she was transferred to a desk position.",
    "The district court granted summary judgment to the\ncity, holding that the transfer was not an adverse\n"
    "employment action.  We disagree.",
    "A transfer that strips an employee of her duties can\ndissuade a reasonable worker from reporting fraud.\n"
    "We therefore reverse and remand.",
]


def test_running_head_with_changing_page_number() -> None:
    pages = [f"ALVAREZ v. CITY OF OAKLAND    {n}\n\n{text}\n" for n, text in enumerate(OPINION_PAGES, 1)]
    out = paragraphs(pipeline("\f".join(pages)))
    assert out == [re.sub(r"\s+", " ", t) for t in OPINION_PAGES]


def test_running_head_without_form_feeds() -> None:
    pages = "\n\n".join(f"Alvarez v. City of Oakland, No. 21-15 — Page {n}\n\n{text}" for n, text in
                        enumerate(OPINION_PAGES, 1))  # fmt: skip
    assert paragraphs(pipeline(pages)) == [re.sub(r"\s+", " ", t) for t in OPINION_PAGES]


def test_repeated_body_lines_are_not_running_heads() -> None:
    text = "\n\n".join(["The court so held.", *OPINION_PAGES[:2], "The court so held.", OPINION_PAGES[2],
                        "The court so held."])  # fmt: skip
    assert pipeline(text).count("The court so held.") == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("an inter-\nnational treaty.", "an international treaty."),
        ("the attorney-client privilege. The attorney-\nclient privilege.",
         "the attorney-client privilege. The attorney-client privilege."),
        ("the Mid-\nAtlantic region.", "the Mid-Atlantic region."),
        ("the pre-\n1990 rules.", "the pre-1990 rules."),
        ("the ex-\nwife testified.", "the ex-wife testified."),
        ("he said--\nand meant it.", "he said--and meant it."),
        ("he said —\nand meant it.", "he said — and meant it."),
        ("a well-known\nrule.", "a well-known rule."),
        ("a soft\u00ad\nhyphen.", "a softhyphen."),
        ("an inter\u2010\nnational treaty.", "an international treaty."),
        ("costs -\n$12.", "costs - $12."),
    ],
)  # fmt: skip
def test_line_end_hyphens(text: str, expected: str) -> None:
    assert pipeline(text) == expected


def test_star_paging_removed() -> None:
    assert pipeline("The decision [*2]whether to grant [*3] relief was for the court.") == (
        "The decision whether to grant relief was for the court."
    )


def test_cp1252_file_with_section_signs_and_curly_quotes(tmp_path: Path) -> None:
    text = (
        "                         OPINION\r\n\r\n"
        "     Under 38 U.S.C. § 5110, the Board’s “effective\r\n"
        "date” rule applies; see also § 3.400.  The Veteran’s\r\n"
        "claim — filed in 2022 — is granted.\r\n"
    )
    path = tmp_path / "opinion.txt"
    path.write_bytes(text.encode("cp1252"))
    decoded, encoding = decode_bytes(path.read_bytes(), name=path.name)
    assert encoding == "cp1252"
    assert paragraphs(pipeline(decoded)) == [
        "OPINION",
        "Under 38 U.S.C. § 5110, the Board’s “effective date” rule applies; see also § 3.400. The Veteran’s "
        "claim — filed in 2022 — is granted.",
    ]


def test_html_extracted_text_passes_through() -> None:
    text = "Decided on April 1, 2026\n\nLinda Christopher, J.P.\n\n2\n\nWilliam G. Ford\n\nThe plaintiff appeals."
    assert paragraphs(pipeline(text)) == [
        "Decided on April 1, 2026", "Linda Christopher, J.P.", "William G. Ford", "The plaintiff appeals."
    ]  # fmt: skip


@pytest.mark.parametrize("text", [PAGED, pleading_paper(True, 14), "\n\n".join(OPINION_PAGES)])
def test_idempotent_on_synthetic_pages(text: str) -> None:
    once = clean_legal_text(text)
    assert clean_legal_text(once) == once
    assert pipeline(pipeline(text)) == pipeline(text)


@pytest.mark.parametrize("text", ["", "\n\n", "\f\f", "   \n\t\n", "12\n\f- 3 -\n"])
def test_nothing_left(text: str) -> None:
    assert clean_legal_text(text) == ""


@pytest.mark.parametrize(
    "text",
    [
        "word " * 1_000_000,  # one 5 MB line
        "the quick brown fox jumps over the lazy dog again\n" * 100_000,  # one 5 MB paragraph
        "a-\n" * 200_000,  # hyphen at every line end
        "".join(f"{i % 28 + 1}  pleading line text\n" for i in range(200_000)),
        "\f" * 100_000,
        "[*" * 100_000 + "]",
    ],
    ids=["long-line", "long-paragraph", "hyphens", "pleading", "form-feeds", "star-paging"],
)
@pytest.mark.timeout(120)  # a hang guard against catastrophic regexes, not a speed measurement
def test_adversarial_inputs_finish(text: str) -> None:
    out = clean_legal_text(text)
    assert "\n\n\n" not in out


def test_words_spelled_with_numeral_letters_are_not_page_numbers() -> None:
    text = "The claim is\ncivil\nin nature and the court agrees with the plaintiff here.\nxiv\nNext page text."
    out = clean_legal_text(text)
    assert "civil" in out and "xiv" not in out
