"""Address checks: links found in feeds, sitemaps and redirects must not lead us into private networks.

A feed is untrusted input: an ``<item><link>`` to ``http://169.254.169.254/`` or ``http://10.0.0.5/admin`` would
make the scraper a proxy into the network it runs in (SSRF). Such targets are refused unless ``allow_private``.
The check resolves the host name and refuses when *any* resolved address is not global. The connection resolves
again (a DNS rebinding window remains; documented in ``docs/scraping.md``).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit


def is_public_ip(address: str) -> bool:
    """False for private, loopback, link-local, multicast, reserved, unspecified and shared (CGNAT) addresses."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int | None) -> list[str]:
    infos = socket.getaddrinfo(host, port or 80, proto=socket.IPPROTO_TCP)
    return sorted({info[4][0] for info in infos})


def address_problem(url: str) -> tuple[str, str] | None:
    """None when the URL's host resolves only to public addresses, else ``(reason, message)`` with reason
    ``private_address`` or ``dns_error``.

    IP literals are judged without any lookup; names are resolved with the system resolver.
    """
    parts = urlsplit(url)
    host = parts.hostname
    if not host:
        return "bad_url", f"no host in {url}"
    try:
        addresses = [str(ipaddress.ip_address(host))]
    except ValueError:
        try:
            addresses = resolve(host, parts.port)
        except (OSError, UnicodeError) as exc:
            return "dns_error", f"cannot resolve {host} ({exc})"
    bad = [a for a in addresses if not is_public_ip(a)]
    if bad:
        return "private_address", f"{host} is a non-public address ({', '.join(bad)}); --allow-private allows it"
    return None
