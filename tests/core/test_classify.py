import pytest

from gonerd.processing.classify import guess_court, looks_legal


@pytest.mark.parametrize(
    ("text", "title", "court"),
    [
        ("UNITED STATES BANKRUPTCY COURT\n\nWESTERN DISTRICT OF WASHINGTON\n\nAT SEATTLE\n\nIn re: ) Case No. 1",
         None, "United States Bankruptcy Court for the Western District of Washington"),
        ("UNITED STATES DISTRICT COURT\n\nFOR THE DISTRICT OF OREGON\n\nPORTLAND DIVISION", None,
         "United States District Court for the District of Oregon"),
        ("IN THE COURT OF APPEALS OF THE\n\nSTATE OF OREGON\n\nDaniel KESSLER, Plaintiff-Appellant,", None,
         "Court of Appeals of the State of Oregon"),
        ("NOT FOR PUBLICATION FILED\n\nUNITED STATES COURT OF APPEALS ELENA MARROQUIN, CLERK\n\nU.S. COURT OF APPEALS"
         "\n\nFOR THE NINTH CIRCUIT\n\nSAMUEL REDFERN,", None, "U.S. Court of Appeals for the Ninth Circuit"),
        ("NOTICE: All slip opinions are subject to revision.\n\n22-P-1187 Appeals Court\n\nHARLOW v. QUINN", None,
         "Appeals Court"),
        ("[2023] EWHC 4187 (Comm)\n\nHigh Court of Justice, Business and Property Courts of England and Wales", None,
         "High Court of Justice"),
        ("Defendant's demurrer is SUSTAINED.", "Superior Court of California, County of San Aurelio",
         "Superior Court of California"),
        ("The trial court, however, erred.\n\nThe court of appeals reversed.", None, None),
    ],
)
def test_guess_court(text, title, court):
    assert guess_court(text, title) == court


def test_looks_legal():
    opinion = ("The plaintiff appealed the judgment. The defendant argues the statute bars the claim; we affirm "
               "and remand pursuant to § 12. ") * 5
    news = ("The council met on Monday to discuss the new tram line. Residents said the plan was overdue, and the "
            "mayor promised a decision by spring. ") * 5
    assert looks_legal(opinion) and not looks_legal(news)
