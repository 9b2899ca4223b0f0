"""Pages and feeds of our own making for the live-source tests."""

from __future__ import annotations

from tests.helpers import HTML_ARTICLE

TOWNS = ("Lima", "Quito", "La Paz", "Bogota", "Caracas", "Asuncion", "Montevideo", "Santiago")


def article(n: int) -> bytes:
    """A distinct HTML news page (the helpers' article with its own headline and paragraph)."""
    town = TOWNS[n % len(TOWNS)]
    extra = (f"<p>Delegates met again in {town} on day {n} of the talks and agreed to publish the catch figures "
             f"of every port each month, the {n}th such promise this year.</p>")
    return HTML_ARTICLE.replace("</article>", extra + "</article>").replace(
        "Chile and Peru sign fisheries accord", f"Fisheries accord, round {n}").encode("utf-8")


def rss(base: str, paths: list[str], *, dates: list[str] | None = None) -> bytes:
    items = []
    for i, path in enumerate(paths):
        date = f"<pubDate>{dates[i]}</pubDate>" if dates else ""
        items.append(f"<item><title>Item {i}</title><link>{base}{path}</link>{date}</item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Example wire</title>'
            f"<link>{base}/</link><description>news</description>{''.join(items)}</channel></rss>").encode("utf-8")


def atom(base: str, paths: list[str]) -> bytes:
    entries = "".join(
        f'<entry><title>Entry {i}</title><id>tag:example,2015:{i}</id><link rel="alternate" href="{path}"/>'
        f"<updated>2015-09-1{i}T08:00:00Z</updated></entry>"
        for i, path in enumerate(paths)
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="{base}/">'
            f"<title>Example</title><id>tag:example,2015:feed</id><updated>2015-09-14T08:00:00Z</updated>"
            f"{entries}</feed>").encode("utf-8")


def sitemap(base: str, paths: list[str]) -> bytes:
    urls = "".join(f"<url><loc>{base}{path}</loc></url>" for path in paths)
    return (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{urls}</urlset>").encode("utf-8")


def sitemap_index(base: str, paths: list[str]) -> bytes:
    maps = "".join(f"<sitemap><loc>{base}{path}</loc></sitemap>" for path in paths)
    return (f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{maps}</sitemapindex>").encode("utf-8")


HTML = {"Content-Type": "text/html; charset=utf-8"}
RSS = {"Content-Type": "application/rss+xml"}
XML = {"Content-Type": "application/xml"}
