"""The SPP detection rule: which UDP datagrams carry evidence of Cloudflare SPP.

Owns applying the rule that ``spec/spp_detection.json`` holds as data (with
the layout of ``spec/simple_proxy_protocol.ksy``), generated into
`proxyproto_kaitai.generated.registry.SPP_DETECTION` for this package and
into ``generated/lua/proxyproto_registry.lua`` for the Wireshark plugin, so
both tools claim the same traffic. This module says whether one datagram
carries SPP evidence and of which address class; the flow part of the rule
(a reference datagram, confirmation by a second one, direction) is applied
by `._engine`. Both parts are described in ``dissector/README.md`` and in
the JSON's ``doc``.

The library's ``parse(..., datagram=True)`` does not use this: told that
bytes are SPP, it checks the format and nothing more.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from proxyproto_kaitai.generated.registry import SPP_DETECTION

__all__ = ["AddressClass", "SppRule"]


def _prefix(text: object, where: str) -> tuple[int, int]:
    """``ADDR/N`` (IPv6) as (value, mask) over 128-bit integers."""
    try:
        net = ipaddress.IPv6Network(str(text), strict=True)
    except ValueError as exc:
        raise ValueError(f"{where}: {text!r} is not an IPv6 prefix ADDR/N: {exc}") from exc
    return int(net.network_address), int(net.netmask)


@dataclass(frozen=True, slots=True)
class AddressClass:
    """Addresses that may stand in an SPP header found in unknown traffic.

    Attributes:
        name: The class's name (``ipv4_mapped``, ``ipv6_global_unicast``, …).
        prefix: An IPv6 prefix ``ADDR/N`` both addresses must lie in.
        exclude: Prefixes inside it that neither address may lie in.
        decides_alone: One datagram of this class makes its flow SPP; otherwise
            a second datagram of the flow must repeat its header.
    """

    name: str
    prefix: str
    exclude: tuple[str, ...] = ()
    decides_alone: bool = False

    def compiled(self) -> tuple[tuple[int, int], tuple[tuple[int, int], ...]]:
        """The prefix and the exclusions as (value, mask) pairs; checks them."""
        where = f"SPP address class {self.name}"
        return _prefix(self.prefix, where), tuple(_prefix(e, where) for e in self.exclude)


class SppRule:
    """The SPP detection rule, compiled for quick use on many datagrams.

    Args:
        data: The rule as ``SPP_DETECTION`` holds it (the default; tests may
            pass their own).
        extra_classes: Address classes tried after the rule's own, e.g. a
            test network's prefix (the shipped rule has no documentation
            prefix).

    Raises:
        ValueError: ``data`` is not a rule (a key missing, a bad prefix).
    """

    __slots__ = (
        "_checks",
        "classes",
        "client_addr",
        "client_port",
        "header_length",
        "magic",
        "ports_nonzero",
        "proxy_addr",
        "proxy_port",
    )

    def __init__(
        self,
        data: Mapping[str, object] = SPP_DETECTION,
        *,
        extra_classes: Iterable[AddressClass] = (),
    ) -> None:
        try:
            magic = data["magic"]
            length = data["header_length"]
            offsets = [data[f"{f}_offset"] for f in ("client_addr", "proxy_addr")]
            ports = [data[f"{f}_offset"] for f in ("client_port", "proxy_port")]
            nonzero = data["ports_nonzero"]
            raw_classes = data["address_classes"]
        except KeyError as exc:
            raise ValueError(f"not an SPP detection rule: no {exc}") from None
        if not isinstance(magic, int) or not 0 <= magic <= 0xFFFF:
            raise ValueError(f"SPP rule: magic {magic!r} is not a 16-bit number")
        if not isinstance(length, int) or not isinstance(nonzero, bool):
            raise ValueError("SPP rule: header_length or ports_nonzero has the wrong type")
        fields = [o for o in (*offsets, *ports) if isinstance(o, int) and o >= 0]
        if len(fields) != 4:
            raise ValueError(f"SPP rule: bad field offsets {[*offsets, *ports]!r}")
        if not isinstance(raw_classes, (list, tuple)):
            raise ValueError("SPP rule: address_classes is not a list")
        classes = []
        for entry in raw_classes:
            if not isinstance(entry, Mapping):
                raise ValueError(f"SPP rule: address class {entry!r} is not a mapping")
            exclude = entry.get("exclude", ())
            if not isinstance(exclude, (list, tuple)):
                raise ValueError(f"SPP rule: exclude of {entry.get('name')!r} is not a list")
            classes.append(
                AddressClass(
                    name=str(entry.get("name")),
                    prefix=str(entry.get("prefix")),
                    exclude=tuple(str(e) for e in exclude),
                    decides_alone=entry.get("decides_alone") is True,
                )
            )
        classes.extend(extra_classes)
        self.magic = magic.to_bytes(2, "big")
        self.header_length = length
        self.client_addr, self.proxy_addr, self.client_port, self.proxy_port = fields
        if max(self.client_addr, self.proxy_addr) + 16 > length:
            raise ValueError("SPP rule: an address lies past the header's end")
        if max(self.client_port, self.proxy_port) + 2 > length:
            raise ValueError("SPP rule: a port lies past the header's end")
        self.ports_nonzero = nonzero
        self.classes: tuple[AddressClass, ...] = tuple(classes)
        self._checks = tuple((c, *c.compiled()) for c in self.classes)

    def evidence(self, payload: bytes) -> AddressClass | None:
        """The address class of the SPP header ``payload`` starts with, if plausible.

        ``None`` when the datagram is too short, lacks the magic, has a zero
        port (with ``ports_nonzero``), or its two addresses are not in one of
        the rule's classes.
        """
        if len(payload) < self.header_length or payload[:2] != self.magic:
            return None
        if self.ports_nonzero and not (
            any(payload[self.client_port : self.client_port + 2])
            and any(payload[self.proxy_port : self.proxy_port + 2])
        ):
            return None
        client = int.from_bytes(payload[self.client_addr : self.client_addr + 16], "big")
        proxy = int.from_bytes(payload[self.proxy_addr : self.proxy_addr + 16], "big")
        for cls, (value, mask), exclude in self._checks:
            if (client & mask) != value or (proxy & mask) != value:
                continue
            if any((client & m) == v or (proxy & m) == v for v, m in exclude):
                continue
            return cls
        return None

    def identity(self, payload: bytes) -> bytes:
        """The bytes two headers of one flow must share: addresses and ports."""
        return payload[2 : self.header_length]
