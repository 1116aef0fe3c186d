"""Following a site's links as a person would (tests/test_reachability.py; the 360 px width check):
breadth first from a landing page, links and GET forms and HTMX loads, never a button that changes
anything."""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.test import Client
from django.urls import Resolver404, resolve

# Pages that end a session or leave the site's own pages: never followed.
SKIP_PREFIXES = ("/static/", "/media/", "/accounts/logout/", "/i18n/", "/api/", "/twinspace/pupils/logout/")
PER_NAME = 2  # distinct addresses followed per page name (the 3rd project page proves nothing more)

class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.found.append(a["href"])
        elif tag == "form" and (a.get("method") or "get").lower() == "get" and a.get("action") is not None:
            self.found.append(a["action"] or "")
        if a.get("hx-get"):
            self.found.append(a["hx-get"])


def _name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name


def crawl(client: Client, start: str, most: int = PER_NAME, pages: list | None = None) -> tuple[set[str], list[str]]:
    """Follow links breadth first from `start` (at most `most` addresses per page name); the page names
    reached and the broken links. `pages`, when given, receives each HTML page's address (after
    redirects) in the order reached."""
    seen, reached, broken = {start}, set(), []
    per_name: dict[str, int] = {}
    queue = deque([(start, "(landing)")])
    while queue:
        url, source = queue.popleft()
        headers = {"HTTP_HX_REQUEST": "true"} if "/menu/" in url else {}
        response = client.get(url, **headers)
        while response.status_code in (301, 302) and response["Location"].startswith("/"):
            reached.add(_name(urlsplit(url).path))
            url = response["Location"]
            response = client.get(url)
        if response.status_code >= 400:
            broken.append(f"{url} ({response.status_code}) linked from {source}")
            continue
        name = _name(urlsplit(url).path)
        if name:
            reached.add(name)
        if pages is not None and "text/html" in response.get("Content-Type", ""):
            pages.append(url)
        if "text/html" not in response.get("Content-Type", "") or (name or "").startswith("admin:"):
            continue
        parser = _Links()
        parser.feed(response.content.decode())
        for href in parser.found:
            target = urljoin(url, href)
            parts = urlsplit(target)
            if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target in seen or parts.path.startswith(SKIP_PREFIXES):
                continue
            target_name = _name(parts.path)
            if target_name is None:
                broken.append(f"{target} (no such page) linked from {url}")
                continue
            if per_name.get(target_name, 0) >= most:
                continue
            per_name[target_name] = per_name.get(target_name, 0) + 1
            seen.add(target)
            queue.append((target, url))
    return reached, broken
