"""The ``proxyproto`` command (also ``python -m proxyproto_kaitai``).

Owns argument parsing, output formatting and exit codes only; the work is
done by the library (`parse`, `encode`) and `proxyproto_kaitai.dissector`.

Sub-commands::

    proxyproto dissect CAPTURE… | --sample [--format table|json|jsonl] [-Y FILTER]
                                          [--lua] [--jobs N | --scheduler ADDR] [--wide]
    proxyproto parse [HEX | 'PROXY …' | - | --file F] [--datagram] [--json]
    proxyproto build {v1,v2,spp} … [--payload HEX] [-o FILE]
    proxyproto live IFACE [--count N] [--timeout S] [--format table|json|jsonl]
    proxyproto origin [--tcp HOST:PORT] [--udp HOST:PORT] [--trust CIDR …]
    proxyproto --version

Exit codes: 0 ok, 1 invalid input (a bad header, an unreadable or damaged
capture, tshark missing), 2 usage error, 3 incomplete header (``parse``),
130 when ``live`` is stopped with Ctrl-C (it still prints its report).
Errors are one line on stderr, never a traceback; an error about a file
names the file.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import ipaddress
import json
import logging
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from . import (
    AlpnTlv,
    AuthorityTlv,
    AwsTlv,
    AzureTlv,
    Command,
    Crc32cTlv,
    EncodeError,
    Family,
    GcpTlv,
    Header,
    IncompleteHeaderError,
    InvalidHeaderError,
    NetnsTlv,
    NoopTlv,
    NoSignatureError,
    SppHeader,
    SslClient,
    SslSubTlv,
    SslSubtype,
    SslTlv,
    Tlv,
    Transport,
    UniqueIdTlv,
    UnknownTlv,
    V1Family,
    V1Header,
    V2Header,
    encode,
    parse,
    to_json,
)
from ._origin import (
    DEFAULT_TRUSTED,
    HeaderPolicy,
    ProxiedDatagramTransport,
    create_datagram_endpoint,
    start_server,
)
from ._reader import DEFAULT_MAX_SIZE
from ._version import __version__
from ._wire import SPP_MAGIC, V1_MAGIC
from .dissector import (
    CaptureError,
    DissectorError,
    FileDissection,
    Report,
    find_tshark,
)
from .dissector._jobs import MergedReport, default_jobs, dissect_many, merge
from .dissector._live import LiveDissection
from .dissector._report import ProgressBar, format_table, terminal_width, tlv_summary

__all__ = ["main"]

PROG = "proxyproto"

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_INCOMPLETE = 3


class _UsageError(Exception):
    """Raised by the argument parser instead of exiting."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{self.prog}: {message}")


def _fail(message: str) -> None:
    sys.stderr.write(f"{PROG}: error: {' '.join(message.split())}\n")


# --- argument types ---------------------------------------------------------------


def _endpoint(text: str) -> tuple[ipaddress.IPv4Address | ipaddress.IPv6Address, int]:
    """``ADDR:PORT`` or ``[IPV6]:PORT``."""
    if text.startswith("["):
        addr, sep, port = text[1:].partition("]:")
    else:
        addr, sep, port = text.rpartition(":")
        if ":" in addr:
            raise argparse.ArgumentTypeError(f"{text!r}: write IPv6 endpoints as [ADDR]:PORT")
    if not sep or not port.isascii() or not port.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r}: expected ADDR:PORT or [IPV6]:PORT")
    try:
        return ipaddress.ip_address(addr), int(port)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: {addr!r} is not an IP address") from None


def _network(text: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    try:
        return ipaddress.ip_network(text, strict=True)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r}: not a network ({exc})") from None


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds: {text!r}")
    return value


def _hex(text: str) -> bytes:
    cleaned = "".join(text.split()).replace(":", "")
    if cleaned.lower().startswith("0x"):
        cleaned = cleaned[2:]
    try:
        return bytes.fromhex(cleaned)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not hex: {_clip(text)!r}") from None


def _uint(text: str) -> int:
    try:
        value = int(text, 0)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative: {text!r}")
    return value


def _raw_tlv(text: str) -> tuple[int, bytes]:
    kind, sep, value = text.partition(":")
    if not sep:
        raise argparse.ArgumentTypeError(f"{text!r}: expected TYPE:HEX, e.g. 0xe0:0102")
    tlv_type = _uint(kind)
    if tlv_type > 0xFF:
        raise argparse.ArgumentTypeError(f"{text!r}: a TLV type is one byte")
    return tlv_type, _hex(value)


def _jobs(text: str) -> int:
    value = _uint(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text!r}")
    return value


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


# --- the parser ------------------------------------------------------------------------


def _build_parser() -> _Parser:
    parser = _Parser(
        prog=PROG,
        description="PROXY protocol v1/v2 and Cloudflare SPP: dissect captures, "
        "parse and build headers.",
        epilog="Exit codes: 0 ok, 1 invalid input, 2 usage error, 3 incomplete header; "
        "130: live stopped with Ctrl-C.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    dis = sub.add_parser(
        "dissect",
        help="find every PROXY/SPP header in capture files",
        description="Find every PROXY v1, PROXY v2 and SPP header in pcap/pcapng files "
        "(needs tshark). Several files are dissected in parallel, into one report in "
        "which every header and flow names its file.",
    )
    dis.add_argument("captures", nargs="*", metavar="CAPTURE", help="pcap or pcapng files")
    dis.add_argument(
        "--sample",
        action="store_true",
        help="dissect the sample capture that comes with the package",
    )
    dis.add_argument(
        "--format",
        choices=("table", "json", "jsonl"),
        default="table",
        help="table (default): one row per connection/flow; json: one document; "
        "jsonl: one object per header",
    )
    dis.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        metavar="N",
        help=f"dissect up to N files at once (default: one per core, here {default_jobs()})",
    )
    dis.add_argument(
        "--scheduler",
        metavar="ADDR",
        default=None,
        help="send one task per file to the Dask scheduler at ADDR (tcp://HOST:PORT; "
        "default: $DASK_SCHEDULER_ADDRESS unless --jobs is given); the workers read the "
        "files (paths they see, or fsspec URLs) and need tshark and this package; "
        "needs the dask extra",
    )
    _capture_options(dis)
    dis.add_argument(
        "--full-scan",
        action="store_true",
        help="read every TCP/UDP packet instead of letting tshark pre-select (same result, slower)",
    )

    par = sub.add_parser(
        "parse",
        help="parse one header from bytes",
        description="Parse the header at the start of the given bytes.",
    )
    src = par.add_mutually_exclusive_group()
    src.add_argument(
        "hex",
        nargs="?",
        metavar="INPUT",
        help="the bytes in hex (spaces and colons allowed), a v1 line ('PROXY TCP4 …'), "
        "or - for stdin (hex or raw bytes: told apart by their content)",
    )
    src.add_argument(
        "--file", "-f", type=Path, help="read the bytes from a file (hex or raw, as stdin)"
    )
    par.add_argument(
        "--datagram", action="store_true", help="the bytes are a whole UDP datagram (enables SPP)"
    )
    par.add_argument("--json", action="store_true", help="print the header JSON object")
    par.add_argument(
        "--no-verify-crc", action="store_true", help="report a CRC32C mismatch instead of failing"
    )

    bld = sub.add_parser(
        "build",
        help="encode a v1, v2 or SPP header (for test traffic)",
        description="Encode a header. v1 prints the line itself, v2 and SPP print hex; "
        "-o FILE writes the raw bytes. The output reads back with 'proxyproto parse -'.",
    )
    kinds = bld.add_subparsers(dest="kind", metavar="KIND", parser_class=_Parser)
    b1 = kinds.add_parser("v1", help="PROXY v1 text line")
    b1.add_argument("--src", type=_endpoint, help="client ADDR:PORT")
    b1.add_argument("--dst", type=_endpoint, help="destination ADDR:PORT")
    b1.add_argument("--unknown", action="store_true", help="PROXY UNKNOWN (no addresses)")
    b2 = kinds.add_parser("v2", help="PROXY v2 binary header")
    b2.add_argument("--local", action="store_true", help="LOCAL command (default PROXY)")
    b2.add_argument("--src", type=_endpoint, help="client ADDR:PORT")
    b2.add_argument("--dst", type=_endpoint, help="destination ADDR:PORT")
    b2.add_argument("--unix", nargs=2, metavar=("SRC", "DST"), help="AF_UNIX socket paths")
    b2.add_argument(
        "--transport",
        choices=("stream", "dgram", "unspec"),
        help="default: stream with addresses, unspec without",
    )
    b2.add_argument("--alpn", help="ALPN TLV (e.g. h2)")
    b2.add_argument("--authority", help="AUTHORITY TLV (host name)")
    b2.add_argument("--crc32c", action="store_true", help="add a CRC32C TLV")
    b2.add_argument("--unique-id", type=_hex, metavar="HEX", help="UNIQUE_ID TLV")
    b2.add_argument("--noop", type=_uint, metavar="N", help="NOOP TLV of N zero bytes")
    b2.add_argument("--netns", help="NETNS TLV")
    b2.add_argument(
        "--ssl-client", type=_uint, metavar="FLAGS", help="SSL TLV client flags (default 1)"
    )
    b2.add_argument("--ssl-verify", type=_uint, metavar="N", help="SSL TLV verify (default 0)")
    for name in ("version", "cn", "cipher", "sig-alg", "key-alg", "group", "sig-scheme"):
        b2.add_argument(f"--ssl-{name}", metavar="TEXT", help=f"SSL {name.upper()} sub-TLV")
    b2.add_argument("--aws-vpce", metavar="ID", help="AWS VPC endpoint id TLV (0xEA)")
    b2.add_argument("--azure-linkid", type=_uint, metavar="N", help="Azure LINKID TLV (0xEE)")
    b2.add_argument("--gcp-id", type=_uint, metavar="N", help="GCP PSC connection id TLV (0xE0)")
    b2.add_argument(
        "--tlv",
        type=_raw_tlv,
        action="append",
        default=[],
        metavar="TYPE:HEX",
        help="any TLV (repeatable)",
    )
    bs = kinds.add_parser("spp", help="Cloudflare Simple Proxy Protocol header")
    bs.add_argument("--client", type=_endpoint, required=True, help="client ADDR:PORT")
    bs.add_argument("--proxy", type=_endpoint, required=True, help="proxy ADDR:PORT")
    for kind_parser in (b1, b2, bs):
        kind_parser.add_argument(
            "--payload", type=_hex, default=b"", metavar="HEX", help="bytes to append"
        )
        kind_parser.add_argument(
            "-o", "--output", metavar="FILE", help="write the raw bytes here (- for stdout)"
        )

    live = sub.add_parser(
        "live",
        help="capture on an interface and dissect (needs tshark and capture rights)",
        description="Capture on a network interface with tshark and report headers. "
        "Ctrl-C (exit 130) or SIGTERM (exit 0) stops the capture and prints the report.",
    )
    live.add_argument("interface", help="interface name, e.g. lo or eth0")
    live.add_argument("--count", "-c", type=_uint, help="stop after N packets")
    live.add_argument("--timeout", "-t", type=_seconds, help="stop after S seconds")
    live.add_argument("--bpf", metavar="FILTER", help="capture (BPF) filter, e.g. 'tcp or udp'")
    live.add_argument(
        "--format",
        choices=("table", "json", "jsonl"),
        default="table",
        help="table (default) or json at the end; jsonl as headers arrive",
    )
    _capture_options(live, live=True)

    org = sub.add_parser(
        "origin",
        help="a test origin: report the header of each connection/datagram, echo (TCP)",
        description="Listen behind a proxy and say what it sent. For each TCP connection: "
        'one JSON line (the header JSON plus "peer", the proxy\'s address) on stdout and '
        "to the client, then an echo of what the client sends. For each UDP datagram: a "
        "reply carrying that JSON line, behind the client's SPP header (SPP) or none "
        "(PROXY v2), and the line on stdout. Refused connections and dropped datagrams "
        "are logged on stderr. Ctrl-C or SIGTERM stops it.",
    )
    org.add_argument(
        "--tcp", type=_endpoint, action="append", default=[], metavar="HOST:PORT",
        help="listen for PROXY v1/v2 connections here (repeatable; port 0: any)",
    )  # fmt: skip
    org.add_argument(
        "--udp", type=_endpoint, action="append", default=[], metavar="HOST:PORT",
        help="listen for SPP / PROXY v2 datagrams here (repeatable; port 0: any)",
    )  # fmt: skip
    org.add_argument(
        "--trust", type=_network, nargs="+", action="extend", metavar="CIDR",
        help="networks whose headers are believed (default: "
        + " ".join(DEFAULT_TRUSTED) + "); anyone else is refused",
    )  # fmt: skip
    org.add_argument(
        "--header",
        choices=[p.value for p in HeaderPolicy],
        default=HeaderPolicy.REQUIRED.value,
        help="required (default): refuse what has none; optional: take both; "
        "ignore (TCP only): strip it, use the real peer",
    )
    org.add_argument(
        "--header-timeout", type=_seconds, default=5.0, metavar="S",
        help="close a TCP connection whose header is not complete after S seconds (default 5)",
    )  # fmt: skip
    org.add_argument(
        "--max-size", type=_uint, default=DEFAULT_MAX_SIZE, metavar="N",
        help=f"the longest header accepted (default {DEFAULT_MAX_SIZE})",
    )  # fmt: skip
    org.add_argument(
        "--no-verify-crc", action="store_true", help="accept a v2 header whose CRC32C is wrong"
    )
    return parser


def _capture_options(parser: argparse.ArgumentParser, *, live: bool = False) -> None:
    parser.add_argument(
        "--display-filter",
        "-Y",
        metavar="FILTER",
        help="only packets matching this Wireshark display filter are looked at (a header "
        "whose first packets it drops is missed)"
        if live
        else "report only the headers this Wireshark display filter matches (any packet of "
        "a TCP connection, the datagram of a UDP header); the capture is read as without it",
    )
    parser.add_argument(
        "--lua",
        action="store_true",
        help="load the proxyproto.lua Wireshark plugin for proxyproto.* filter fields "
        "(automatic when the filter names them)",
    )
    parser.add_argument("--tshark", metavar="PATH", help="the tshark to run")
    parser.add_argument(
        "--no-verify-crc", action="store_true", help="report CRC32C mismatches without failing"
    )
    parser.add_argument(
        "--wide",
        action="store_true",
        help="print each table row on one line, nothing shortened (default: fit the "
        "terminal, COLUMNS, else 100 columns)",
    )


# --- parse ----------------------------------------------------------------------------


def _describe(header: Header, payload: int) -> str:
    data = to_json(header)
    title = "SPP" if header.kind == "spp" else f"PROXY {header.kind}"
    lines = [f"{title} header, {data['length']} bytes"]

    def row(name: str, value: Any) -> None:
        lines.append(f"  {name:<12} {value}")

    if data["command"] is not None:
        row("command", data["command"])
    row("family", data["family"])
    row("transport", data["transport"])
    src_name, dst_name = ("client", "proxy") if header.kind == "spp" else ("source", "destination")
    for name, addr, port in (
        (src_name, data["src_addr"], data["src_port"]),
        (dst_name, data["dst_addr"], data["dst_port"]),
    ):
        if addr is not None:
            row(name, _endpoint_text(addr, port))
    if data["tlvs"]:
        row("TLVs", tlv_summary(data["tlvs"]))
    if payload:
        row("payload", f"{payload} bytes follow the header")
    return "\n".join(lines)


def _endpoint_text(addr: str, port: int | None) -> str:
    if port is None:
        return addr
    return f"[{addr}]:{port}" if ":" in addr else f"{addr}:{port}"


_HEX_TEXT = frozenset(b"0123456789abcdefABCDEFxX: \t\r\n")


def _hex_or_raw(data: bytes, source: str) -> bytes:
    """Bytes read from stdin or a file: hex text (what ``build`` prints) or the raw bytes.

    Raw headers never look like hex text: v1 starts with ``PROXY``, v2 with
    ``\\r\\n\\r\\n\\0``, SPP with ``0x56 0xEC``.
    """
    if not data.strip() or not _HEX_TEXT.issuperset(data):
        return data
    try:
        return _hex(data.decode("ascii"))
    except argparse.ArgumentTypeError as exc:
        raise _InputError(f"{source}: {exc}") from None


def _v1_text(text: str) -> bytes:
    """A v1 line given as text: the CRLF is added (typed as ``\\r\\n`` or left out)."""
    line = text.removesuffix("\\r\\n").rstrip("\r\n")
    try:
        return line.encode("ascii") + b"\r\n"
    except UnicodeEncodeError:
        raise _InputError(f"not a PROXY v1 line (not ASCII): {_clip(text)!r}") from None


def _read_input(args: argparse.Namespace) -> bytes:
    if args.file is not None:
        try:
            data = bytes(args.file.read_bytes())
        except OSError as exc:
            raise _InputError(f"{args.file}: {exc.strerror or exc}") from None
        return _hex_or_raw(data, str(args.file))
    if args.hex is None:
        raise _UsageError(f"{PROG} parse: give HEX, a 'PROXY …' line, - (stdin) or --file FILE")
    if args.hex == "-":
        return _hex_or_raw(sys.stdin.buffer.read(), "stdin")
    if args.hex.startswith(V1_MAGIC.decode("ascii")):
        return _v1_text(args.hex)
    try:
        return _hex(args.hex)
    except argparse.ArgumentTypeError as exc:
        raise _InputError(str(exc)) from None


class _InputError(Exception):
    """Invalid input: one line on stderr, exit 1."""


def _cmd_parse(args: argparse.Namespace) -> int:
    data = _read_input(args)
    try:
        header = parse(data, datagram=args.datagram, verify_crc=not args.no_verify_crc)
    except IncompleteHeaderError as exc:
        more = f" (at least {exc.needed} more bytes needed)" if exc.needed else ""
        _fail(f"incomplete header: {exc}{more}")
        return EXIT_INCOMPLETE
    except NoSignatureError as exc:
        spp_hint = not args.datagram and data.startswith(SPP_MAGIC)
        _fail(f"not a PROXY header: {exc}" + (" (SPP needs --datagram)" if spp_hint else ""))
        return EXIT_INVALID
    except InvalidHeaderError as exc:
        _fail(f"invalid header: {exc} (field {exc.field}, offset {exc.offset})")
        return EXIT_INVALID
    if args.json:
        print(json.dumps(to_json(header), indent=2))
    else:
        print(_describe(header, len(data) - len(header.raw)))
    return EXIT_OK


# --- build ----------------------------------------------------------------------------


def _v2_tlvs(args: argparse.Namespace) -> list[Tlv]:
    tlvs: list[Tlv] = []
    if args.alpn is not None:
        tlvs.append(AlpnTlv(args.alpn.encode()))
    if args.authority is not None:
        tlvs.append(AuthorityTlv(args.authority.encode()))
    if args.crc32c:
        tlvs.append(Crc32cTlv())
    if args.noop is not None:
        tlvs.append(NoopTlv(bytes(args.noop)))
    if args.unique_id is not None:
        tlvs.append(UniqueIdTlv(args.unique_id))
    subs = [
        SslSubTlv(subtype, getattr(args, f"ssl_{subtype.name.lower()}").encode())
        for subtype in SslSubtype
        if subtype is not SslSubtype.CLIENT_CERT
        and getattr(args, f"ssl_{subtype.name.lower()}") is not None
    ]
    if subs or args.ssl_client is not None or args.ssl_verify is not None:
        client = SslClient.SSL if args.ssl_client is None else args.ssl_client
        tlvs.append(SslTlv(SslClient(client), args.ssl_verify or 0, tuple(subs)))
    if args.netns is not None:
        tlvs.append(NetnsTlv(args.netns.encode()))
    if args.aws_vpce is not None:
        tlvs.append(AwsTlv.from_vpce_id(args.aws_vpce))
    if args.azure_linkid is not None:
        tlvs.append(AzureTlv.from_link_id(args.azure_linkid))
    if args.gcp_id is not None:
        tlvs.append(GcpTlv.from_id(args.gcp_id))
    tlvs.extend(UnknownTlv(t, v) for t, v in args.tlv)
    return tlvs


def _build_header(args: argparse.Namespace) -> Header:
    if args.kind == "spp":
        (client, cport), (proxy, pport) = args.client, args.proxy
        return SppHeader(client, proxy, cport, pport)
    if args.kind == "v1":
        if args.unknown:
            if args.src or args.dst:
                raise _UsageError(f"{PROG} build v1: --unknown takes no --src/--dst")
            return V1Header(V1Family.UNKNOWN)
        if not (args.src and args.dst):
            raise _UsageError(f"{PROG} build v1: give --src and --dst, or --unknown")
        (src, sport), (dst, dport) = args.src, args.dst
        token = V1Family.TCP4 if src.version == 4 else V1Family.TCP6
        return V1Header(token, src, dst, sport, dport)
    command = Command.LOCAL if args.local else Command.PROXY
    if args.unix and (args.src or args.dst):
        raise _UsageError(f"{PROG} build v2: --unix excludes --src/--dst")
    if bool(args.src) != bool(args.dst):
        raise _UsageError(f"{PROG} build v2: give both --src and --dst")
    src_addr: Any = None
    dst_addr: Any = None
    sport = dport = None
    if args.unix:
        family = Family.UNIX
        src_addr, dst_addr = (p.encode() for p in args.unix)
    elif args.src:
        (src_addr, sport), (dst_addr, dport) = args.src, args.dst
        family = Family.INET if src_addr.version == 4 else Family.INET6
    else:
        family = Family.UNSPEC
    default = "unspec" if family is Family.UNSPEC else "stream"
    transport = Transport[(args.transport or default).upper()]
    return V2Header(
        command, family, transport, src_addr, dst_addr, sport, dport, tuple(_v2_tlvs(args))
    )


def _cmd_build(args: argparse.Namespace) -> int:
    if args.kind is None:
        raise _UsageError(f"{PROG} build: choose v1, v2 or spp")
    header = _build_header(args)
    try:
        data = encode(header) + args.payload
    except EncodeError as exc:
        _fail(f"cannot encode: {exc}")
        return EXIT_INVALID
    if args.output is None and args.kind != "v1":
        print(data.hex())
    elif args.output is None or args.output == "-":  # v1: the line itself
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        try:
            Path(args.output).write_bytes(data)
        except OSError as exc:
            _fail(f"{args.output}: {exc.strerror or exc}")
            return EXIT_INVALID
    return EXIT_OK


# --- dissect and live -------------------------------------------------------------------


def _emit_jsonl(finding: Any, out: TextIO) -> None:
    out.write(json.dumps(finding.to_json(), separators=(",", ":")) + "\n")
    out.flush()


def _uses_lua(args: argparse.Namespace) -> bool:
    # A filter that names the plugin's fields loads it anyway (the dissection decides).
    return bool(args.lua)


def _print_table(report: Report, args: argparse.Namespace, **sections: Any) -> None:
    width = None if args.wide else terminal_width(sys.stdout)
    print(format_table(report, width=width, filtered=bool(args.display_filter), **sections))


def _captures(args: argparse.Namespace) -> list[str]:
    captures = list(args.captures)
    if args.sample:
        from .dissector.sample import SAMPLE_PATH

        captures.append(str(SAMPLE_PATH))
    if not captures:
        raise _UsageError(f"{PROG} dissect: give one or more capture files, or --sample")
    return captures


def _scheduler(args: argparse.Namespace) -> str | None:
    """The Dask scheduler to use: ``--scheduler``, else the environment's unless ``--jobs``."""
    if args.scheduler is not None and args.jobs is not None:
        raise _UsageError(f"{PROG} dissect: --jobs and --scheduler exclude each other")
    if args.scheduler is not None:
        return str(args.scheduler)
    return None if args.jobs is not None else os.environ.get("DASK_SCHEDULER_ADDRESS") or None


def _cmd_dissect(args: argparse.Namespace) -> int:
    captures = _captures(args)
    address = _scheduler(args)
    if address is not None:
        return _dissect_cluster(args, captures, address)
    if len(captures) > 1:
        return _dissect_many(args, captures)
    bar = ProgressBar(sys.stderr)
    run = FileDissection(
        captures[0],
        display_filter=args.display_filter,
        load_lua_plugin=_uses_lua(args),
        prefilter=not args.full_scan,
        tshark_path=args.tshark,
        verify_crc=not args.no_verify_crc,
        progress=bar if bar.enabled else None,
        keep_findings=args.format != "jsonl",
    )
    try:
        for finding in run:
            if args.format == "jsonl":
                bar.close()
                _emit_jsonl(finding, sys.stdout)
    finally:
        bar.close()
    report = run.report
    if args.format == "table":
        _print_table(report, args)
    elif args.format == "json":
        print(json.dumps(report.to_json(), indent=2))
    if report.damage:
        damage = report.damage.rstrip(".")
        _fail(f"{captures[0]}: {damage}; everything before that point is reported")
        return EXIT_INVALID
    return EXIT_OK


def _dissect_many(args: argparse.Namespace, captures: list[str]) -> int:
    """Several files: dissected on ``--jobs`` processes, merged in the order given."""
    if "-" in captures:
        raise _UsageError(f"{PROG} dissect: standard input (-) is dissected alone")
    find_tshark(args.tshark)  # once, before any process starts

    def terminated(signum: int, _frame: Any) -> NoReturn:
        raise SystemExit(128 + signum)  # unwinding stops the workers and their tshark

    saved = signal.signal(signal.SIGTERM, terminated)
    results = []
    bar = ProgressBar(sys.stderr)  # the share of files done, on a terminal
    try:
        for result in dissect_many(
            captures,
            jobs=args.jobs,
            display_filter=args.display_filter,
            load_lua_plugin=_uses_lua(args),
            prefilter=not args.full_scan,
            tshark_path=args.tshark,
            verify_crc=not args.no_verify_crc,
        ):
            results.append(result)
            if args.format == "jsonl" and result.report.findings:
                bar.close()
                for finding in result.report.findings:
                    _emit_jsonl(finding, sys.stdout)
            bar(len(results) / len(captures))
    finally:
        bar.close()
        signal.signal(signal.SIGTERM, saved)
    return _print_merged(args, merge(results))


def _dissect_cluster(args: argparse.Namespace, captures: list[str], address: str) -> int:
    """Files dissected on a Dask cluster (one task per file), merged in the order given."""
    if "-" in captures:
        raise _UsageError(
            f"{PROG} dissect: standard input cannot go to a Dask cluster (its workers "
            "read the files); add --jobs 1 to dissect it here"
        )
    from .dissector._dask import (
        ClusterDissection,
        ClusterError,
        DaskNotInstalledError,
        FilesProgress,
        connect,
    )

    try:
        client = connect(address)
    except (ClusterError, DaskNotInstalledError) as exc:
        _fail(f"--scheduler: {exc}")
        return EXIT_INVALID

    def terminated(signum: int, _frame: Any) -> NoReturn:
        raise SystemExit(128 + signum)  # unwinding cancels the tasks and closes the client

    saved = signal.signal(signal.SIGTERM, terminated)
    bar = FilesProgress(sys.stderr, len(captures))
    try:
        run = ClusterDissection(
            captures,
            client,
            progress=bar,
            display_filter=args.display_filter,
            load_lua_plugin=_uses_lua(args),
            prefilter=not args.full_scan,
            tshark_path=args.tshark,
            verify_crc=not args.no_verify_crc,
        )
        for result in run:
            if args.format == "jsonl" and result.report.findings:
                bar.close()
                for finding in result.report.findings:
                    _emit_jsonl(finding, sys.stdout)
    finally:
        bar.close()
        client.close()
        signal.signal(signal.SIGTERM, saved)
    return _print_merged(args, run.merged)


def _print_merged(args: argparse.Namespace, merged: MergedReport) -> int:
    """Print a merged report in ``args.format``; the problems go to stderr, one line each."""
    if args.format == "table":
        parts = [(r.file, r.report, r.error) for r in merged.files]
        _print_table(merged.report, args, sections=parts)
    elif args.format == "json":
        print(json.dumps(merged.to_json(), indent=2))
    for problem in merged.problems:
        _fail(problem)
    return EXIT_INVALID if merged.problems else EXIT_OK


def _cmd_live(args: argparse.Namespace) -> int:
    def started() -> None:
        sys.stderr.write(f"{PROG}: capturing on {args.interface}… (Ctrl-C to stop)\n")
        sys.stderr.flush()

    run = LiveDissection(
        args.interface,
        count=args.count or None,
        timeout=args.timeout,
        bpf_filter=args.bpf,
        display_filter=args.display_filter,
        load_lua_plugin=_uses_lua(args),
        tshark_path=args.tshark,
        verify_crc=not args.no_verify_crc,
        keep_findings=args.format == "json",
        on_start=started,
    )
    received: list[int] = []

    def stop(signum: int, _frame: Any) -> None:
        received.append(signum)
        run.stop()

    stop_signals = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    saved = {sig: signal.signal(sig, stop) for sig in stop_signals}
    try:
        for finding in run:
            if args.format == "jsonl":
                _emit_jsonl(finding, sys.stdout)
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
    if args.format == "table":
        _print_table(run.report, args)
    elif args.format == "json":
        print(json.dumps(run.report.to_json(), indent=2))
    if received:
        name = signal.Signals(received[0]).name
        sys.stderr.write(f"{PROG}: stopped by {name}\n")
    return 130 if signal.SIGINT in received else EXIT_OK


# --- origin ---------------------------------------------------------------------------

_NO_HEADER: dict[str, Any] = dict.fromkeys(
    ("kind", "command", "family", "transport", "src_addr", "src_port", "dst_addr", "dst_port",
     "length"),
)  # fmt: skip


def _origin_line(header: Header | None, peer: Any) -> dict[str, Any]:
    """The header JSON (all null without a header) plus ``peer``: the proxy's address."""
    line = to_json(header) if header is not None else {**_NO_HEADER, "tlvs": []}
    line["peer"] = {"addr": peer[0], "port": peer[1]} if peer else None
    return line


class _Origin:
    """What ``proxyproto origin`` serves: the TCP callback and the UDP protocol."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.stop = asyncio.Event()
        self.writers: set[asyncio.StreamWriter] = set()
        self.listening: list[tuple[str, str, int]] = []  # ("tcp" | "udp", host, port)

    def emit(self, line: dict[str, Any]) -> bytes:
        text = json.dumps(line, separators=(",", ":"))
        try:
            self.out.write(text + "\n")
            self.out.flush()
        except (BrokenPipeError, ValueError):  # stdout went away (``| head``): stop
            self.stop.set()
        return text.encode() + b"\n"

    async def tcp(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.writers.add(writer)
        try:
            line = _origin_line(
                writer.get_extra_info("proxy_header"), writer.get_extra_info("proxy_peername")
            )
            writer.write(self.emit(line))
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            self.writers.discard(writer)
            writer.close()

    def udp(self) -> asyncio.DatagramProtocol:
        origin = self

        class Echo(asyncio.DatagramProtocol):
            transport: ProxiedDatagramTransport

            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                self.transport = transport  # type: ignore[assignment]

            def datagram_received(self, data: bytes, addr: Any) -> None:
                proxy, header = self.transport.flow_of(addr) or (addr, None)
                self.transport.sendto(origin.emit(_origin_line(header, proxy)), addr)

        return Echo()


async def _serve_origin(args: argparse.Namespace, origin: _Origin) -> None:
    trusted = args.trust if args.trust is not None else DEFAULT_TRUSTED
    common: dict[str, Any] = {
        "trusted": trusted,
        "header": args.header,
        "verify_crc": not args.no_verify_crc,
    }
    servers: list[asyncio.Server] = []
    transports: list[ProxiedDatagramTransport] = []
    try:
        for addr, port in args.tcp:
            server = await start_server(
                origin.tcp, str(addr), port, header_timeout=args.header_timeout,
                max_size=args.max_size, backlog=1024, **common,
            )  # fmt: skip
            servers.append(server)
            for sock in server.sockets:
                origin.listening.append(("tcp", *sock.getsockname()[:2]))
                _note(f"listening on tcp {_endpoint_text(*sock.getsockname()[:2])}")
        for addr, port in args.udp:
            transport, _ = await create_datagram_endpoint(origin.udp, (str(addr), port), **common)
            transports.append(transport)
            origin.listening.append(("udp", *transport.get_extra_info("sockname")[:2]))
            _note(f"listening on udp {_endpoint_text(*transport.get_extra_info('sockname')[:2])}")
        nets = " ".join(str(n) for n in trusted)
        _note(f"trusting {nets}; header {args.header}; Ctrl-C stops")
        await origin.stop.wait()
    finally:
        for server in servers:
            server.close()
        for transport in transports:
            transport.close()
        for writer in list(origin.writers):
            writer.close()
        for server in servers:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(server.wait_closed(), 5)
        await asyncio.sleep(0)  # let the transports finish closing


def _note(text: str) -> None:
    sys.stderr.write(f"{PROG} origin: {text}\n")
    sys.stderr.flush()


def _cmd_origin(args: argparse.Namespace) -> int:
    if not args.tcp and not args.udp:
        raise _UsageError(f"{PROG} origin: give --tcp HOST:PORT, --udp HOST:PORT or both")
    if args.udp and args.header == HeaderPolicy.IGNORE:
        raise _UsageError(f"{PROG} origin: --header ignore is for TCP only (SPP replies need it)")
    log = logging.getLogger("proxyproto_kaitai.origin")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(f"{PROG} origin: %(message)s"))
    log.addHandler(handler)
    saved_level = log.level
    log.setLevel(logging.INFO)
    origin = _Origin(sys.stdout)

    async def run() -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, origin.stop.set)
        try:
            await _serve_origin(args, origin)
        finally:
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(sig)

    try:
        asyncio.run(run())
    finally:
        log.removeHandler(handler)
        log.setLevel(saved_level)
    _note("stopped")
    return EXIT_OK


_COMMANDS = {
    "dissect": _cmd_dissect,
    "parse": _cmd_parse,
    "build": _cmd_build,
    "live": _cmd_live,
    "origin": _cmd_origin,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return the exit code (0 ok, 1 invalid, 2 usage, 3 incomplete)."""
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help(sys.stderr)
            return EXIT_USAGE
        return _COMMANDS[args.command](args)
    except SystemExit as exc:  # --help
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except _UsageError as exc:
        sys.stderr.write(f"{exc}\n")
        return EXIT_USAGE
    except _InputError as exc:
        _fail(str(exc))
        return EXIT_INVALID
    except KeyboardInterrupt:
        _fail("interrupted")
        return 130
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, and keep Python from
        # complaining when it flushes stdout at exit.
        with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_INVALID
    except Exception as exc:
        return _report_error(exc)


def _report_error(exc: Exception) -> int:
    if isinstance(exc, CaptureError | DissectorError):
        _fail(str(exc))
        return EXIT_INVALID
    if isinstance(exc, OSError):
        _fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
        return EXIT_INVALID
    _fail(f"internal error ({type(exc).__name__}: {exc}); please report it")
    return EXIT_INVALID
