"""Personal information found in the documents' text, counted with maintained libraries (no patterns of ours).

- e-mail addresses and public IPv4 addresses: the patterns and the public-address check of datatrove's
  ``PIIFormatter`` (the PII step of Hugging Face's FineWeb pipeline; datatrove is already a core dependency).
  Private, loopback and reserved IPv4 addresses are not counted (they identify nobody); IPv6 is not detected;
- phone numbers: ``phonenumbers`` (the Python port of Google's libphonenumber), ``PhoneNumberMatcher`` with
  leniency ``VALID`` (a number must be valid for its region), for numbers written in the default region's
  national format or in international format (``+44 ...``).

This is a per-document scan (regular expressions and libphonenumber's matcher): documents without a digit skip the
phone and IP scan, documents without ``@`` the e-mail scan.
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


def count_pii(texts: pa.ChunkedArray | None, region: str = DEFAULT_REGION) -> dict | None:
    """E-mail addresses, phone numbers and public IPv4 addresses in ``texts``, and the documents holding any."""
    if texts is None:
        return None
    import phonenumbers
    import pyarrow.compute as pc
    from datatrove.pipeline.formatters.pii import PIIFormatter

    formatter = PIIFormatter()
    email_re = formatter.emails_replacer.regex
    ip_re = formatter.ip_replacer.regex
    ip_ok = formatter.ip_replacer.validator
    has_at = pc.match_substring(texts, "@").to_numpy(zero_copy_only=False)
    has_digit = pc.match_substring_regex(texts, r"\d").to_numpy(zero_copy_only=False)
    counts = {"email": 0, "phone": 0, "ip": 0, "documents_with_any": 0}
    candidates = (has_at | has_digit).nonzero()[0]
    for i in candidates.tolist():
        text = texts[i].as_py() or ""
        emails = sum(1 for _ in email_re.finditer(text)) if has_at[i] else 0
        phones = ips = 0
        if has_digit[i]:
            phones = sum(1 for _ in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID))
            ips = sum(1 for m in ip_re.finditer(text) if ip_ok(m.group(0)))
        counts["email"] += emails
        counts["phone"] += phones
        counts["ip"] += ips
        counts["documents_with_any"] += bool(emails or phones or ips)
    return counts
