"""Page builders for tests: small pages of our own making."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ARTICLE = """Ministers agree to reopen the northern border crossing

Published: June 4, 2014

NAIROBI: Kenya and Uganda agreed on Tuesday to reopen the Malaba border crossing after a week of talks between their trade ministers.
The two governments said lorries carrying fuel and food would be allowed through from Friday.
Officials from both countries will meet again next month to review customs procedures.

Share this article
"""

HTML_ARTICLE = """<!doctype html><html><head><title>Chile and Peru sign fisheries accord</title>
<meta property="article:published_time" content="2015-09-14T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Chile and Peru sign fisheries accord</h1>
<p>Chile and Peru signed an agreement on Monday to share data on anchovy stocks along their maritime border, ending two years of disputes over fishing quotas in the Pacific.</p>
<p>The foreign ministers of both countries met in Lima for the ceremony and said joint patrols would begin in the new year, with inspectors from each navy on board.</p>
<p>Fishing unions in the northern ports welcomed the deal but asked for compensation for the months in which their boats stayed in harbour during the dispute.</p>
</article><footer>Copyright 2015 The Example Herald. All rights reserved.</footer></body></html>"""


def write_warc(path: Path, pages: list[tuple[str, str]], *, truncate_last: int = 0) -> Path:
    """A WARC file with one HTML response record per ``(url, html)``; optionally cut bytes off the end."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=path.name.endswith(".gz"))
    for url, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=headers)
        writer.write_record(record)
    data = buffer.getvalue()
    path.write_bytes(data[: len(data) - truncate_last] if truncate_last else data)
    return path
