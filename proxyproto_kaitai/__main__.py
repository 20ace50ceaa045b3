"""``python -m proxyproto_kaitai``: the ``proxyproto`` command."""

from ._cli import main

raise SystemExit(main())
