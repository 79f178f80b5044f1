"""Load and validate the demo web's data: outlet files, calendar names, templates and articles.

The demo is data (``demo/sites/*.toml``, ``demo/sites/<outlet>/*.html``, ``demo/articles/<outlet>/*.toml``),
written by hand by several people. A typo there must stop the server with a message naming the file and
the field, not surface later as a wrong page or a crawl test that fails for no visible reason. So every
file is checked here, strictly (unknown keys included), before anything is served.
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

KINDS = ("modern", "wordpress", "legacy", "wire")
"""Page structures the renderer knows; each outlet file picks one with ``kind``."""

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_HOST = re.compile(r"^[a-z0-9]+(?:[.-][a-z0-9]+)*\.example$")
_OFFSET = re.compile(r"^([+-])(\d{2}):(\d{2})$")
# TIMEX3-style values used in `facts` (see docs/contracts.md, dates).
_TIMEX = re.compile(r"^(?:\d{3}|\d{4}(?:-(?:\d{2}(?:-\d{2})?|W\d{2}|Q[1-4]|SP|SU|FA|WI))?)$")
_DROP = re.compile(r"^[a-z][a-z-]*$")


class DemoDataError(ValueError):
    """A demo data file is missing, unreadable or holds a bad value; names the file and the field."""

    def __init__(self, path: Path, field_name: str | None, message: str) -> None:
        self.path = path
        self.field = field_name
        where = f"{path}: field '{field_name}'" if field_name else str(path)
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Section:
    """An outlet section: ``key`` as used by articles and URLs, Arabic ``label``, numeric ``id``."""

    key: str
    label: str
    id: int


@dataclass(frozen=True)
class Calendar:
    """Arabic names for weekdays, month families and Hijri months, loaded from ``_calendar.toml``."""

    weekdays: tuple[str, ...]
    months: Mapping[str, tuple[str, ...]]
    am: str
    pm: str
    gmt: str


@dataclass(frozen=True)
class Site:
    """One demo outlet, as described by ``demo/sites/<key>.toml``."""

    key: str
    kind: str
    host: str
    name: str
    tagline: str
    tz: timezone
    encoding: str
    page_size: int
    masthead_today: bool
    copyright: str
    start_paths: tuple[str, ...]
    sections: tuple[Section, ...]
    formats: Mapping[str, str]
    eastern_formats: frozenset[str]
    options: Mapping[str, Any]
    comments: tuple[tuple[str, str], ...]
    pages: Mapping[str, tuple[str, str]]
    templates: Mapping[str, string.Template]
    path: Path
    fingerprint: str = ""

    @property
    def base_url(self) -> str:
        return f"http://{self.host}"

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def section_by_id(self, sid: int) -> Section | None:
        return next((s for s in self.sections if s.id == sid), None)

    def template(self, name: str) -> string.Template:
        try:
            return self.templates[name]
        except KeyError:
            folder = self.path.parent / self.key
            raise DemoDataError(folder / f"{name}.html", None, "template is missing") from None


@dataclass(frozen=True)
class DemoArticle:
    """One article of the demo web plus its ground truth (never rendered into pages).

    ``url`` is the canonical URL the outlet serves it at; ``alternate_urls`` are other addresses that
    reach the same article (shortlinks, AMP, print pages). ``expected_drop`` says why a story should
    drop an irrelevant article (``keywords``, ``window``...), ``None`` for relevant ones.
    """

    outlet: str
    slug: str
    id: int
    section: str
    title: str
    body: str
    published_at: datetime
    modified_at: datetime | None
    lead: str | None
    author: str | None
    tags: tuple[str, ...]
    related: tuple[str, ...]
    syndicated_from: str | None
    relevant: bool
    facts: tuple[str, ...]
    expected_drop: str | None
    path: Path
    url: str = ""
    alternate_urls: tuple[str, ...] = ()
    fingerprint: str = ""

    @property
    def paragraphs(self) -> list[str]:
        """Body paragraphs: blank-line separated blocks, inner newlines joined by spaces."""
        blocks = re.split(r"\n\s*\n", self.body.strip())
        return [
            " ".join(line.strip() for line in b.splitlines() if line.strip()) for b in blocks if b.strip()
        ]

    @property
    def last_modified(self) -> datetime:
        return max(self.published_at, self.modified_at) if self.modified_at else self.published_at

    @property
    def published(self) -> str:
        """Publication time as ISO 8601 text with its offset (``published_at`` is the datetime)."""
        return self.published_at.isoformat()

    @property
    def modified(self) -> str | None:
        return self.modified_at.isoformat() if self.modified_at else None


@dataclass
class DemoData:
    """Everything loaded from one demo root."""

    root: Path
    calendar: Calendar
    sites: dict[str, Site] = field(default_factory=dict)
    articles: list[DemoArticle] = field(default_factory=list)


# --------------------------------------------------------------------------- helpers


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise DemoDataError(path, None, f"not valid TOML: {exc}") from None
    except OSError as exc:
        raise DemoDataError(path, None, f"cannot read: {exc}") from None


def _check_keys(
    path: Path, data: Mapping[str, Any], required: Sequence[str], optional: Sequence[str]
) -> None:
    allowed = set(required) | set(optional)
    for key in data:
        if key not in allowed:
            raise DemoDataError(path, key, f"unknown key; allowed: {', '.join(sorted(allowed))}")
    for key in required:
        if key not in data:
            raise DemoDataError(path, key, "is required")


def _str(path: Path, data: Mapping[str, Any], key: str, *, optional: bool = False) -> str | None:
    value = data.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise DemoDataError(path, key, f"must be a non-empty string, got {value!r}")
    return value


def _str_list(path: Path, data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DemoDataError(path, key, f"must be a list of non-empty strings, got {value!r}")
    return tuple(value)


def parse_offset(path: Path, key: str, text: Any) -> timezone:
    """``+03:00`` -> a fixed timezone; the demo uses fixed offsets so pages never depend on tz data."""
    match = _OFFSET.match(text) if isinstance(text, str) else None
    if not match:
        raise DemoDataError(path, key, f"must be a UTC offset like '+03:00', got {text!r}")
    sign = 1 if match.group(1) == "+" else -1
    hours, minutes = int(match.group(2)), int(match.group(3))
    if hours > 14 or minutes >= 60:
        raise DemoDataError(path, key, f"offset out of range: {text!r}")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _aware(path: Path, key: str, value: Any, *, optional: bool = False) -> datetime | None:
    if value is None and optional:
        return None
    if isinstance(value, str):  # FORMAT.md writes them quoted; a bare TOML date-time is fine too
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise DemoDataError(path, key, f"not an ISO 8601 date-time: {value!r}") from None
    if not isinstance(value, datetime):
        raise DemoDataError(
            path, key, f"must be a TOML offset date-time like 2024-01-25T10:30:00+03:00, got {value!r}"
        )
    if value.tzinfo is None:
        raise DemoDataError(path, key, f"needs a UTC offset (e.g. +03:00), got {value.isoformat()}")
    return value


# --------------------------------------------------------------------------- calendar


def load_calendar(path: Path) -> Calendar:
    """Read ``_calendar.toml``: 7 weekdays (Monday first), 12 names per month family, am/pm suffixes."""
    data = _read_toml(path)
    _check_keys(path, data, ["weekdays", "months", "clock"], [])
    weekdays = _str_list(path, data, "weekdays")
    if len(weekdays) != 7:
        raise DemoDataError(path, "weekdays", f"needs 7 names (Monday first), got {len(weekdays)}")
    months_raw = data["months"]
    if not isinstance(months_raw, dict):
        raise DemoDataError(path, "months", "must be a table of month-name lists")
    months: dict[str, tuple[str, ...]] = {}
    for family in ("egyptian", "levantine", "maghrebi", "hijri"):
        names = _str_list(path, months_raw, family) if family in months_raw else ()
        if len(names) != 12:
            raise DemoDataError(path, f"months.{family}", f"needs 12 names, got {len(names)}")
        months[family] = names
    clock = data["clock"]
    if not isinstance(clock, dict):
        raise DemoDataError(path, "clock", "must be a table with am and pm")
    am, pm, gmt = _str(path, clock, "am"), _str(path, clock, "pm"), _str(path, clock, "gmt")
    assert am is not None and pm is not None and gmt is not None
    return Calendar(weekdays=weekdays, months=months, am=am, pm=pm, gmt=gmt)


# --------------------------------------------------------------------------- sites


_SITE_REQUIRED = ["kind", "host", "name", "timezone", "encoding", "page_size", "sections", "formats"]
_SITE_OPTIONAL = [
    "tagline",
    "masthead_today",
    "copyright",
    "start_paths",
    "options",
    "digits",
    "comments",
    "pages",
]
_FORMATS_BY_KIND = {
    "modern": ("article_date", "listing_date"),
    "wordpress": ("article_date", "listing_date", "comment_date"),
    "legacy": ("article_date", "listing_date"),
    "wire": ("article_date", "listing_date"),
}

_COMMON_TEMPLATES = ("page", "article", "listing", "home", "card", "aside", "message")
_TEMPLATES_BY_KIND = {
    "modern": _COMMON_TEMPLATES,
    "wordpress": (*_COMMON_TEMPLATES, "amp", "comments", "comment"),
    "legacy": (*_COMMON_TEMPLATES, "print"),
    "wire": _COMMON_TEMPLATES,
}
_OPTIONS_BY_KIND = {
    "modern": ("most_read", "jsonld_eastern_every", "news_sitemap_size"),
    "wordpress": ("most_read", "feed_size"),
    "legacy": ("most_read", "bare_content_type_ids"),
    "wire": (),
}


def load_site(path: Path, check_format: Any) -> Site:
    """Read one outlet file and its template folder ``demo/sites/<key>/``.

    ``check_format(path, key, pattern, date_only)`` validates a date pattern (see ``dateformat``).
    """
    key = path.stem
    if not _SLUG.match(key):
        raise DemoDataError(path, None, f"outlet file name must be [a-z0-9-]+.toml, got {path.name}")
    data = _read_toml(path)
    _check_keys(path, data, _SITE_REQUIRED, _SITE_OPTIONAL)
    kind = data["kind"]
    if kind not in KINDS:
        raise DemoDataError(path, "kind", f"must be one of {', '.join(KINDS)}, got {kind!r}")
    host = data["host"]
    if not isinstance(host, str) or not _HOST.match(host):
        raise DemoDataError(path, "host", f"must be a lower-case host under .example, got {host!r}")
    encoding = _str(path, data, "encoding")
    assert encoding is not None
    try:
        "".encode(encoding)
    except LookupError:
        raise DemoDataError(path, "encoding", f"unknown encoding {encoding!r}") from None
    page_size = data["page_size"]
    if not isinstance(page_size, int) or isinstance(page_size, bool) or not 1 <= page_size <= 100:
        raise DemoDataError(path, "page_size", f"must be an integer 1..100, got {page_size!r}")
    masthead_today = data.get("masthead_today", False)
    if not isinstance(masthead_today, bool):
        raise DemoDataError(path, "masthead_today", "must be true or false")

    sections_raw = data["sections"]
    if not isinstance(sections_raw, dict) or not sections_raw:
        raise DemoDataError(path, "sections", "must be a non-empty table of [sections.<key>] tables")
    sections: list[Section] = []
    for skey, sdata in sections_raw.items():
        fname = f"sections.{skey}"
        if not _SLUG.match(skey) or not isinstance(sdata, dict):
            raise DemoDataError(path, fname, "section keys are [a-z0-9-]+ tables with label and id")
        unknown = set(sdata) - {"label", "id"}
        if unknown:
            raise DemoDataError(path, f"{fname}.{sorted(unknown)[0]}", "unknown key; allowed: id, label")
        label = _str(path, sdata, "label")
        sid = sdata.get("id")
        if not isinstance(sid, int) or isinstance(sid, bool) or sid < 1:
            raise DemoDataError(path, f"{fname}.id", f"must be a positive integer, got {sid!r}")
        if any(s.id == sid for s in sections):
            raise DemoDataError(path, f"{fname}.id", f"id {sid} is used by another section")
        assert label is not None
        sections.append(Section(key=skey, label=label, id=sid))

    formats_raw = data["formats"]
    if not isinstance(formats_raw, dict):
        raise DemoDataError(path, "formats", "must be a table of date patterns")
    needed = list(_FORMATS_BY_KIND[kind]) + (["masthead"] if masthead_today else [])
    for name in needed:
        if name not in formats_raw:
            raise DemoDataError(path, f"formats.{name}", f"is required for kind {kind!r}")
    formats: dict[str, str] = {}
    for name, pattern in formats_raw.items():
        if not isinstance(pattern, str):
            raise DemoDataError(path, f"formats.{name}", "must be a string pattern")
        check_format(path, f"formats.{name}", pattern, name == "masthead")
        formats[name] = pattern
    digits = data.get("digits", {})
    eastern = _str_list(path, digits, "eastern") if isinstance(digits, dict) else None
    if eastern is None or (isinstance(digits, dict) and set(digits) - {"eastern"}):
        raise DemoDataError(path, "digits", "must be a table with one key: eastern = [format names]")
    for name in eastern:
        if name not in formats:
            raise DemoDataError(path, "digits.eastern", f"names unknown format {name!r}")

    options = data.get("options", {})
    if not isinstance(options, dict):
        raise DemoDataError(path, "options", "must be a table")
    for name, value in options.items():
        allowed_options = _OPTIONS_BY_KIND[kind]
        if name not in allowed_options:
            raise DemoDataError(
                path,
                f"options.{name}",
                f"unknown option for kind {kind!r}; allowed: {', '.join(allowed_options)}",
            )
        if name == "bare_content_type_ids":
            if not isinstance(value, list) or not all(
                isinstance(i, int) and not isinstance(i, bool) for i in value
            ):
                raise DemoDataError(path, f"options.{name}", "must be a list of article ids")
        elif not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise DemoDataError(path, f"options.{name}", f"must be a non-negative integer, got {value!r}")
    pages: dict[str, tuple[str, str]] = {}
    pages_raw = data.get("pages", {})
    if not isinstance(pages_raw, dict):
        raise DemoDataError(path, "pages", 'must be a table of [pages."/path"] tables with title and text')
    for page_path, pdata in pages_raw.items():
        fname = f"pages.{page_path}"
        if not page_path.startswith("/") or not isinstance(pdata, dict) or set(pdata) != {"title", "text"}:
            raise DemoDataError(path, fname, "static pages are '/path' keys with exactly title and text")
        ptitle, ptext = _str(path, pdata, "title"), _str(path, pdata, "text")
        assert ptitle is not None and ptext is not None
        pages[page_path] = (ptitle, ptext)
    comments: list[tuple[str, str]] = []
    for i, c in enumerate(data.get("comments", [])):
        if not isinstance(c, dict) or set(c) != {"author", "text"}:
            raise DemoDataError(path, f"comments[{i}]", "each comment needs exactly author and text")
        author, text = _str(path, c, "author"), _str(path, c, "text")
        assert author is not None and text is not None
        comments.append((author, text))
    start_paths = _str_list(path, data, "start_paths")
    for p in start_paths:
        if not p.startswith("/"):
            raise DemoDataError(path, "start_paths", f"paths start with '/', got {p!r}")

    templates = _load_templates(path.parent / key)
    for name in _TEMPLATES_BY_KIND[kind]:
        if name not in templates:
            raise DemoDataError(
                path.parent / key / f"{name}.html", None, f"template is missing (needed by kind {kind!r})"
            )
    return Site(
        key=key,
        kind=kind,
        host=host,
        name=str(_str(path, data, "name")),
        tagline=str(_str(path, data, "tagline", optional=True) or ""),
        tz=parse_offset(path, "timezone", data["timezone"]),
        encoding=encoding,
        page_size=page_size,
        masthead_today=masthead_today,
        copyright=str(_str(path, data, "copyright", optional=True) or ""),
        start_paths=start_paths,
        sections=tuple(sections),
        formats=formats,
        eastern_formats=frozenset(eastern),
        options=options,
        comments=tuple(comments),
        pages=pages,
        templates=templates,
        path=path,
    )


def _load_templates(folder: Path) -> dict[str, string.Template]:
    if not folder.is_dir():
        raise DemoDataError(folder, None, "template folder is missing")
    templates: dict[str, string.Template] = {}
    for file in sorted(folder.glob("*.html")):
        text = file.read_text(encoding="utf-8")
        tpl = string.Template(text)
        if not tpl.is_valid():
            raise DemoDataError(file, None, "bad $placeholder in template (write $$ for a literal $)")
        templates[file.stem] = tpl
    return templates


# --------------------------------------------------------------------------- articles


_ART_REQUIRED = ["slug", "id", "section", "published", "title", "body", "relevant"]
_ART_OPTIONAL = ["modified", "author", "lead", "tags", "related", "syndicated_from", "facts", "expected_drop"]


def load_article(path: Path, site: Site) -> DemoArticle:
    """Read and check one article file against its outlet (section, slug = file name, dates)."""
    data = _read_toml(path)
    _check_keys(path, data, _ART_REQUIRED, _ART_OPTIONAL)
    slug = data["slug"]
    if not isinstance(slug, str) or not _SLUG.match(slug):
        raise DemoDataError(path, "slug", f"must match [a-z0-9-]+, got {slug!r}")
    if slug != path.stem:
        raise DemoDataError(path, "slug", f"must equal the file name {path.stem!r}, got {slug!r}")
    art_id = data["id"]
    if not isinstance(art_id, int) or isinstance(art_id, bool) or art_id < 1:
        raise DemoDataError(path, "id", f"must be a positive integer, got {art_id!r}")
    section = data["section"]
    if not isinstance(section, str) or site.section(section) is None:
        keys = ", ".join(s.key for s in site.sections)
        raise DemoDataError(path, "section", f"{section!r} is not a section of {site.key} ({keys})")
    published = _aware(path, "published", data["published"])
    modified = _aware(path, "modified", data.get("modified"), optional=True)
    assert published is not None
    if modified is not None and modified < published:
        raise DemoDataError(path, "modified", "is earlier than published")
    relevant = data["relevant"]
    if not isinstance(relevant, bool):
        raise DemoDataError(path, "relevant", "must be true or false")
    facts = _str_list(path, data, "facts")
    for fact in facts:
        if not _TIMEX.match(fact):
            raise DemoDataError(
                path, "facts", f"{fact!r} is not a TIMEX3 value like 2024-01-24, 2023-08, 2014"
            )
    expected_drop = data.get("expected_drop")
    if expected_drop is not None:
        if not isinstance(expected_drop, str) or not _DROP.match(expected_drop):
            raise DemoDataError(
                path, "expected_drop", f"must be a reason like 'keywords' or 'window', got {expected_drop!r}"
            )
        if relevant:
            raise DemoDataError(
                path, "expected_drop", "only irrelevant articles (relevant = false) are dropped"
            )
    syn = _str(path, data, "syndicated_from", optional=True)
    if syn is not None and not re.match(r"^[a-z0-9-]+/[a-z0-9-]+$", syn):
        raise DemoDataError(path, "syndicated_from", f"must be '<outlet>/<slug>', got {syn!r}")
    related = _str_list(path, data, "related")
    for r in related:
        if not _SLUG.match(r):
            raise DemoDataError(path, "related", f"{r!r} is not a slug")
    title = _str(path, data, "title")
    body = _str(path, data, "body")
    assert title is not None and body is not None
    return DemoArticle(
        outlet=site.key,
        slug=slug,
        id=art_id,
        section=section,
        title=title.strip(),
        body=body,
        published_at=published,
        modified_at=modified,
        lead=(_str(path, data, "lead", optional=True) or "").strip() or None,
        author=_str(path, data, "author", optional=True),
        tags=_str_list(path, data, "tags"),
        related=related,
        syndicated_from=syn,
        relevant=relevant,
        facts=facts,
        expected_drop=expected_drop,
        path=path,
    )


def check_links(articles: Sequence[DemoArticle]) -> None:
    """Cross-file checks: unique ids and slugs per outlet, related and syndicated_from targets exist."""
    seen_ids: dict[tuple[str, int], Path] = {}
    keys = {(a.outlet, a.slug) for a in articles}
    for a in articles:
        other = seen_ids.setdefault((a.outlet, a.id), a.path)
        if other != a.path:
            raise DemoDataError(a.path, "id", f"id {a.id} is also used by {other}")
        for r in a.related:
            if (a.outlet, r) not in keys:
                raise DemoDataError(a.path, "related", f"no article {r!r} in outlet {a.outlet}")
            if r == a.slug:
                raise DemoDataError(a.path, "related", "an article cannot be related to itself")
        if a.syndicated_from is not None:
            outlet, slug = a.syndicated_from.split("/", 1)
            if (outlet, slug) not in keys:
                raise DemoDataError(a.path, "syndicated_from", f"no article {a.syndicated_from!r}")
            if outlet == a.outlet:
                raise DemoDataError(a.path, "syndicated_from", "must name another outlet's article")
