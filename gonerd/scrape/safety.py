"""Address checks: links found in feeds, sitemaps and redirects must not lead us into private networks.

A feed is untrusted input: an ``<item><link>`` to ``http://169.254.169.254/`` or ``http://10.0.0.5/admin`` would
make the scraper a proxy into the network it runs in (SSRF). Such targets are refused unless ``allow_private``.
What the user names themselves (a URL, ``--api-base``) is trusted by origin (:func:`trust_origin`): a redirect
from it to another port of the same host is checked like any other target.
The check resolves the host name and refuses when *any* resolved address is not global. The connection resolves
again (a DNS rebinding window remains; documented in ``docs/scraping.md``).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for: IPv4-mapped, 6to4, Teredo (the client), NAT64, IPv4-compatible."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if any(ip in net for net in _NAT64) or (ip in _IPV4_COMPATIBLE and int(ip) > 1):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_public_ip(address: str) -> bool:
    """False for private, loopback, link-local, multicast, reserved, unspecified and shared (CGNAT) addresses,
    and for IPv6 forms that carry one of them (IPv4-mapped, 6to4, Teredo, NAT64, IPv4-compatible)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            if not (embedded.is_global and not embedded.is_multicast):
                return False
            if ip.ipv4_mapped is not None:
                return True
    return ip.is_global and not ip.is_multicast


DEFAULT_PORTS = {"http": 80, "https": 443}


def trust_origin(url: str) -> str | None:
    """``scheme://host:port`` (default port written out) of a URL, the unit of trust: a host the user named is
    not address-checked, but only on the port (and scheme) they named. Another port of the same loopback or
    private host is another service (an admin interface, a database's HTTP port) and is checked like any host.
    None for a URL that cannot be taken apart."""
    try:
        parts = urlsplit(url)
        scheme, host, port = parts.scheme.lower(), (parts.hostname or "").lower(), parts.port
    except ValueError:
        return None
    if not host:
        return None
    port = port if port is not None else DEFAULT_PORTS.get(scheme)
    return f"{scheme}://[{host}]:{port}" if ":" in host else f"{scheme}://{host}:{port}"


def resolve(host: str, port: int | None) -> list[str]:
    infos = socket.getaddrinfo(host, port or 80, proto=socket.IPPROTO_TCP)
    return sorted({info[4][0] for info in infos})


def address_problem(url: str) -> tuple[str, str] | None:
    """None when the URL's host resolves only to public addresses, else ``(reason, message)`` with reason
    ``private_address`` or ``dns_error``.

    IP literals are judged without any lookup; names are resolved with the system resolver.
    """
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError as exc:
        return "bad_url", f"unusable URL {url!r} ({exc})"
    if not host:
        return "bad_url", f"no host in {url}"
    try:
        addresses = [str(ipaddress.ip_address(host))]
    except ValueError:
        try:
            addresses = resolve(host, port)
        except (OSError, UnicodeError) as exc:
            return "dns_error", f"cannot resolve {host} ({exc})"
    bad = [a for a in addresses if not is_public_ip(a)]
    if bad:
        return "private_address", f"{host} is a non-public address ({', '.join(bad)}); --allow-private allows it"
    return None
