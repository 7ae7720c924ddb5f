"""Personal information found in the documents' text, counted with maintained libraries (no patterns of ours).

- e-mail addresses and public IPv4 addresses: the patterns and the public-address check of datatrove's
  ``PIIFormatter`` (the PII step of Hugging Face's FineWeb pipeline; datatrove is already a core dependency).
  Private, loopback and reserved IPv4 addresses are not counted (they identify nobody); IPv6 is not detected;
- phone numbers: ``phonenumbers`` (the Python port of Google's libphonenumber), ``PhoneNumberMatcher`` with
  leniency ``VALID`` (a number must be valid for its region), for numbers written in the default region's
  national format or in international format (``+44 ...``).

Cost: libphonenumber's matcher is pure Python (about half a microsecond per character), so it only sees the
parts of the text that could hold a number — windows of 40 characters around every run of seven or more digits and
separators (found for all documents at once with Arrow, then per candidate document). A valid number always lies
in such a run, so the counts equal a scan of the whole text (a test checks this); the e-mail scan only runs on
documents with an ``@``, the IP scan on documents with a dotted quad.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa

LIBRARIES = {
    "email": "datatrove PIIFormatter (e-mail pattern)",
    "phone": "phonenumbers PhoneNumberMatcher (libphonenumber, leniency VALID)",
    "ip": "datatrove PIIFormatter (IPv4 pattern, public addresses only)",
}
DEFAULT_REGION = "US"


def library_versions() -> dict[str, str]:
    from importlib.metadata import version

    return {"datatrove": version("datatrove"), "phonenumbers": version("phonenumbers")}


# a superset of what libphonenumber accepts: 7+ characters of digits and separators, starting and ending with a digit
PHONE_CANDIDATE = r"\d[\d \t().\-/]{5,}\d"
DOTTED_QUAD = r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}"
WINDOW = 40  # characters kept on each side of a candidate (a leading "+", "(", country code or extension)


def count_pii(texts: pa.ChunkedArray | None, region: str = DEFAULT_REGION) -> dict | None:
    """E-mail addresses, phone numbers and public IPv4 addresses in ``texts``, and the documents holding any."""
    if texts is None:
        return None
    import numpy as np
    import pyarrow.compute as pc
    from datatrove.pipeline.formatters.pii import PIIFormatter

    formatter = PIIFormatter()
    email_re, ip_re = formatter.emails_replacer.regex, formatter.ip_replacer.regex
    ip_ok = formatter.ip_replacer.validator

    def flags(pattern: str | None = None, literal: str | None = None) -> np.ndarray:
        found = pc.match_substring(texts, literal) if literal else pc.match_substring_regex(texts, pattern)
        return pc.fill_null(found, False).to_numpy(zero_copy_only=False).astype(bool)

    has_at, has_phone, has_quad = flags(literal="@"), flags(PHONE_CANDIDATE), flags(DOTTED_QUAD)
    counts = {"email": 0, "phone": 0, "ip": 0, "documents_with_any": 0}
    for i in np.flatnonzero(has_at | has_phone | has_quad).tolist():
        text = texts[i].as_py() or ""
        emails = sum(1 for _ in email_re.finditer(text)) if has_at[i] else 0
        phones = count_phone_numbers(text, region) if has_phone[i] else 0
        ips = sum(1 for m in ip_re.finditer(text) if ip_ok(m.group(0))) if has_quad[i] else 0
        counts["email"] += emails
        counts["phone"] += phones
        counts["ip"] += ips
        counts["documents_with_any"] += bool(emails or phones or ips)
    return counts


def count_phone_numbers(text: str, region: str = DEFAULT_REGION) -> int:
    """Phone numbers libphonenumber finds in ``text``, scanning only the windows around candidate digit runs."""
    import re

    import phonenumbers

    windows: list[list[int]] = []
    for match in re.finditer(PHONE_CANDIDATE, text):
        start, end = max(0, match.start() - WINDOW), min(len(text), match.end() + WINDOW)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    return sum(
        1
        for start, end in windows
        for _ in phonenumbers.PhoneNumberMatcher(text[start:end], region, leniency=phonenumbers.Leniency.VALID)
    )
