"""Story files: the contract users write to say what to crawl and what counts as relevant.

A story is a TOML file. Validation is strict on purpose: a typo in a key would otherwise silently
crawl the wrong thing for hours, so an unknown key or a bad value stops the crawl before any
request, with an error naming the file, the key and what is allowed.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tarikh.text import find_keywords

NAME_RE = re.compile(r"^[a-z0-9-]+$")


class StoryError(ValueError):
    """A story file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Story:
    """A validated story file."""

    name: str
    title: str
    start_urls: tuple[str, ...]
    allowed_domains: tuple[str, ...]
    keywords: tuple[str, ...]
    require: tuple[str, ...] = ()
    seed_urls: tuple[str, ...] = ()
    url_patterns: tuple[str, ...] = ()
    min_similarity: float = 0.2
    since: date | None = None
    until: date | None = None
    publish_body: bool = False
    demo_site: Path | None = None
    max_pages: int = 5000
    max_depth: int = 8
    download_timeout: int = 30
    description: str = ""
    license: str = ""
    contact: str = ""
    path: Path | None = field(default=None, compare=False)

    def relevance(self, text: str, similarity: float | None = None) -> tuple[bool, list[str], str | None]:
        """(relevant, keywords matched, reason when not relevant) for a title plus body.

        With seed URLs, a ``similarity`` to the seeds' topic of at least ``min_similarity``
        stands in for a keyword; ``require`` holds either way.
        """
        matched = find_keywords(text, self.keywords)
        similar = similarity is not None and similarity >= self.min_similarity
        if not matched and not similar:
            return False, [], "no-keyword"
        missing = [r for r in self.require if not find_keywords(text, [r])]
        if missing:
            return False, matched, "missing-required"
        return True, matched, None

    def wants_url(self, url: str) -> bool:
        """True when ``url`` matches one of ``url_patterns`` (every URL does when there are none)."""
        return not self.url_patterns or any(re.search(p, url) for p in self.url_patterns)

    def in_window(self, published: datetime | date | None) -> bool:
        """True when the publication date is inside ``since``/``until`` (unknown dates pass)."""
        if published is None:
            return True
        day = published.date() if isinstance(published, datetime) else published
        if self.since and day < self.since:
            return False
        return not (self.until and day > self.until)


def _string(v: Any) -> str:
    if not isinstance(v, str) or not v.strip():
        raise TypeError("a non-empty string")
    return v.strip()


def _string_list(v: Any) -> tuple[str, ...]:
    if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
        raise TypeError("a list of non-empty strings")
    return tuple(x.strip() for x in v)


def _urls(v: Any) -> tuple[str, ...]:
    urls = _string_list(v)
    if not urls:
        raise TypeError("a non-empty list of http(s) URLs")
    for u in urls:
        parts = urlsplit(u)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise TypeError(f"http(s) URLs (got {u!r})")
    return urls


def _patterns(v: Any) -> tuple[str, ...]:
    patterns = _string_list(v)
    for p in patterns:
        try:
            re.compile(p)
        except re.error as exc:
            raise TypeError(f"a list of regular expressions ({p!r}: {exc})") from None
    return patterns


def _date(v: Any) -> date:
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    if isinstance(v, str):
        try:
            return date.fromisoformat(v)
        except ValueError:
            pass
    raise TypeError("a date such as 2024-01-01")


def _bool(v: Any) -> bool:
    if not isinstance(v, bool):
        raise TypeError("true or false")
    return v


def _fraction(v: Any) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float) or not 0 < v <= 1:
        raise TypeError("a number greater than 0 and at most 1")
    return float(v)


def _positive_int(v: Any) -> int:
    if not isinstance(v, int) or isinstance(v, bool) or v < 1:
        raise TypeError("a positive integer")
    return v


def _name(v: Any) -> str:
    s = _string(v)
    if not NAME_RE.match(s):
        raise TypeError("lowercase letters, digits and hyphens ([a-z0-9-]+)")
    return s


# key -> (parser, required, description)
_KEYS: dict[str, tuple[Callable[[Any], Any], bool]] = {
    "name": (_name, True),
    "title": (_string, True),
    "start_urls": (_urls, True),
    "keywords": (_string_list, True),
    "allowed_domains": (_string_list, False),
    "require": (_string_list, False),
    "seed_urls": (_urls, False),
    "min_similarity": (_fraction, False),
    "url_patterns": (_patterns, False),
    "since": (_date, False),
    "until": (_date, False),
    "publish_body": (_bool, False),
    "demo_site": (_string, False),
    "max_pages": (_positive_int, False),
    "max_depth": (_positive_int, False),
    "download_timeout": (_positive_int, False),
    "description": (_string, False),
    "license": (_string, False),
    "contact": (_string, False),
}

_ALLOWED = {
    "name": "a dataset name of lowercase letters, digits and hyphens",
    "title": "a non-empty string",
    "start_urls": "a non-empty list of http(s) URLs (article pages, section pages, sitemaps or feeds)",
    "keywords": "a non-empty list of strings",
    "allowed_domains": "a list of host names",
    "require": "a list of strings that must all appear",
    "seed_urls": "a list of http(s) URLs of articles whose text defines the topic",
    "min_similarity": "a number in (0, 1]: similarity to the seed articles that counts as relevant",
    "url_patterns": "a list of regular expressions; only matching URLs are followed (start URLs always are)",
    "since": "a date (2024-01-01)",
    "until": "a date (2024-12-31)",
    "publish_body": "true or false",
    "demo_site": "a folder (relative to the story file) holding the offline demo web",
    "max_pages": "a positive integer",
    "max_depth": "a positive integer",
    "download_timeout": "a positive integer (seconds to wait for one response)",
    "description": "a string",
    "license": "a string",
    "contact": "a string (an e-mail or URL for the User-Agent)",
}


def parse_story(data: dict[str, Any], source: Path | str = "<story>") -> Story:
    """Validate a story mapping; ``source`` is used in error messages."""
    where = str(source)
    unknown = sorted(set(data) - set(_KEYS))
    if unknown:
        raise StoryError(
            f"{where}: unknown key {unknown[0]!r}; allowed keys: {', '.join(sorted(_KEYS))}"
        )
    values: dict[str, Any] = {}
    for key, (parser, required) in _KEYS.items():
        if key not in data:
            if required:
                raise StoryError(f"{where}: missing required key {key!r} ({_ALLOWED[key]})")
            continue
        try:
            values[key] = parser(data[key])
        except TypeError as exc:
            raise StoryError(f"{where}: key {key!r} must be {exc}; got {data[key]!r}") from None
    if not values["keywords"]:
        raise StoryError(f"{where}: key 'keywords' must be {_ALLOWED['keywords']}")
    since, until = values.get("since"), values.get("until")
    if since and until and since > until:
        raise StoryError(f"{where}: key 'since' ({since}) is after 'until' ({until})")
    domains = values.get("allowed_domains") or tuple(
        dict.fromkeys(urlsplit(u).hostname or "" for u in values["start_urls"])
    )
    for url in (*values["start_urls"], *values.get("seed_urls", ())):
        host = (urlsplit(url).hostname or "").lower()
        if not any(host == d.lower() or host.endswith("." + d.lower()) for d in domains):
            raise StoryError(
                f"{where}: key 'allowed_domains' must include the host of every start and seed URL; "
                f"{url} would never be fetched"
            )
    demo_site = None
    if "demo_site" in values:
        base = Path(source).parent if isinstance(source, Path) else Path.cwd()
        demo_site = (base / values.pop("demo_site")).resolve()
        if not demo_site.is_dir():
            raise StoryError(f"{where}: key 'demo_site' must be {_ALLOWED['demo_site']}; {demo_site} is not one")
    values.pop("allowed_domains", None)
    return Story(
        allowed_domains=tuple(domains),
        demo_site=demo_site,
        path=Path(source) if isinstance(source, Path) else None,
        **values,
    )


def load_story(path: str | Path) -> Story:
    """Read and validate a story file."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise StoryError(f"{p}: cannot read story file ({exc.strerror})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise StoryError(f"{p}: story files must be UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise StoryError(f"{p}: not valid TOML: {exc}") from None
    return parse_story(data, p.resolve())
