"""Dataset card (a release's README.md) and CHANGELOG.md, rendered from data.

Why a separate module: the card and changelog are pure text functions of the release's
metadata, schema and event diff. Keeping them pure (no clock, no file system) is what makes a
release's README and CHANGELOG byte-identical when it is published twice from the same input.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tarikh.schema import TableSpec

# Fields whose change makes an event "changed" in the changelog.
EVENT_FIELDS = ("value", "grain", "date_start", "date_end", "summary", "n_mentions", "n_sources", "outlets",
                "modality")
MAX_LISTED = 200

EXAMPLE_QUERIES = (
    ("The chronology, one line per event",
     "select date_start, value, n_sources, summary from events order by date_start, event_id"),
    ("Events reported by at least two independent sources in January 2024",
     "select value, summary, outlets from events\n"
     "where date_start between date '2024-01-01' and date '2024-01-31' and n_sources >= 2\n"
     "order by date_start"),
    ("Who reported an event first",
     "select e.value, a.outlet, a.published, a.title from events e\n"
     "join articles a on list_contains(e.article_ids, a.article_id)\n"
     "where a.published = e.first_reported order by e.date_start"),
    ("Articles per outlet and month",
     "select outlet, date_trunc('month', published) as month, count(*) as n from articles\n"
     "group by all order by month, outlet"),
)


@dataclass
class EventDiff:
    """Events of this release against the previous one, by event_id."""

    added: list[Mapping[str, Any]] = field(default_factory=list)
    removed: list[Mapping[str, Any]] = field(default_factory=list)
    changed: list[tuple[Mapping[str, Any], Mapping[str, Any]]] = field(default_factory=list)

    @property
    def ids_changed(self) -> bool:
        return bool(self.added or self.removed)


def diff_events(old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]]) -> EventDiff:
    before = {e["event_id"]: e for e in old}
    after = {e["event_id"]: e for e in new}
    diff = EventDiff()
    for eid in sorted(after):
        if eid not in before:
            diff.added.append(after[eid])
        elif any(_norm(before[eid].get(k)) != _norm(after[eid].get(k)) for k in EVENT_FIELDS):
            diff.changed.append((before[eid], after[eid]))
    diff.removed = [before[eid] for eid in sorted(before) if eid not in after]
    return diff


def _norm(v: Any) -> Any:
    return list(v) if isinstance(v, tuple) else v


def _fmt(v: Any) -> str:
    if v is None:
        return "∅"
    if isinstance(v, dt.datetime):
        return v.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, list | tuple):
        return ", ".join(str(x) for x in v)
    return str(v)


def _one_line(text: Any, limit: int = 160) -> str:
    s = " ".join(str(text or "").split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _event_line(e: Mapping[str, Any]) -> str:
    return f"- `{_fmt(e.get('value'))}` ({e.get('grain')}) {_one_line(e.get('summary'))} — `{e.get('event_id')}`"


def render_changelog(story: str, version: str, previous: str | None, diff: EventDiff,
                     counts: Mapping[str, int], previous_counts: Mapping[str, int] | None,
                     previous_changelog: str | None, same_data: bool = False) -> str:
    """This release's section on top, then the previous release's changelog (history accumulates)."""
    out = [f"# Changelog: {story}", "", f"## {version}", ""]
    if previous is None:
        out.append("First release.")
    else:
        out.append(f"Compared with {previous}:" + (" the Parquet files are byte-identical (a re-publish)."
                                                   if same_data else ""))
    out.append("")
    for table in ("articles", "mentions", "events"):
        n = counts.get(table, 0)
        if previous_counts is not None:
            delta = n - int(previous_counts.get(table, 0))
            out.append(f"- {table}: {n} ({delta:+d})")
        else:
            out.append(f"- {table}: {n}")
    out.append("")
    if previous is not None:
        sections: list[tuple[str, list[str]]] = [
            ("Events added", [_event_line(e) for e in diff.added]),
            ("Events removed", [_event_line(e) for e in diff.removed]),
            ("Events changed", [_changed_line(a, b) for a, b in diff.changed]),
        ]
        for title, lines in sections:
            out.append(f"### {title} ({len(lines)})")
            out.append("")
            out.extend(lines[:MAX_LISTED] or ["None."])
            if len(lines) > MAX_LISTED:
                out.append(f"- … and {len(lines) - MAX_LISTED} more (compare the events tables)")
            out.append("")
    text = "\n".join(out)
    if previous_changelog:
        history = previous_changelog.split("\n", 2)
        rest = history[2] if len(history) == 3 and history[0].startswith("# Changelog") else previous_changelog
        text = text.rstrip("\n") + "\n\n" + rest.lstrip("\n")
    return text.rstrip("\n") + "\n"


def _changed_line(old: Mapping[str, Any], new: Mapping[str, Any]) -> str:
    parts = [
        f"{k}: {_one_line(_fmt(old.get(k)), 60)} → {_one_line(_fmt(new.get(k)), 60)}"
        for k in EVENT_FIELDS
        if _norm(old.get(k)) != _norm(new.get(k))
    ]
    return f"- `{new.get('event_id')}` ({_fmt(new.get('value'))}): " + "; ".join(parts)


def render_card(*, story: str, title: str, description: str = "", contact: str = "", version: str,
                schema_version: str, publish_body: bool,
                license_name: str, keywords: Sequence[str], since: dt.date | None, until: dt.date | None,
                counts: Mapping[str, int], outlets: Mapping[str, int], files: Sequence[Mapping[str, Any]],
                specs: Mapping[str, TableSpec], window: Mapping[str, Any]) -> str:
    """The dataset card: what it is, how it was collected, every field, limits, license, citation."""
    o: list[str] = [f"# {title}", "", f"Dataset `{story}`, version **{version}** (schema {schema_version}), "
                    "published with tarikh.", ""]
    if description:
        o += [description, ""]
    o += [
        "A timeline dataset built from Arabic news: the articles kept for the story, every dated "
        "expression found in them (`mentions`, each with the sentence it came from), and `events`: "
        "mentions of the same date about the same thing, clustered across articles and outlets.",
        "",
        f"- articles: {counts.get('articles', 0)}, mentions: {counts.get('mentions', 0)}, "
        f"events: {counts.get('events', 0)}, outlets: {len(outlets)}",
        f"- articles fetched between {_fmt(window.get('first_fetched'))} and {_fmt(window.get('last_fetched'))}; "
        f"published between {_fmt(window.get('first_published'))} and {_fmt(window.get('last_published'))}",
        "",
        "## How it was collected",
        "",
        "Outlets' sitemaps, feeds and section pages were crawled with Scrapy; each page's text and "
        "publication date were extracted (JSON-LD, meta tags, `<time>`, visible Arabic date lines); an "
        "article was kept when its title or body contains one of the story keywords after Arabic "
        "normalization (diacritics, hamza forms, ة/ه, ى/ي and glued prefixes folded)"
        + (f", published from {since.isoformat()}" if since else "")
        + (f" until {until.isoformat()}" if until else "")
        + ". Only the newest fetch of each canonical URL is kept; republished wire copies point to "
        "the original through `dup_of`. Dates in the text (Gregorian and Hijri, Arabic month names "
        "of every region, Eastern digits, weekdays and relative words) were resolved against the "
        "article's publication date on the outlet's calendar.",
        "",
        "Keywords: " + (", ".join(f"`{k}`" for k in keywords) if keywords else "(none recorded)"),
        "",
        "| outlet | articles |",
        "|---|---|",
    ]
    o += [f"| {name} | {n} |" for name, n in sorted(outlets.items())]
    o += ["", "## Redistribution policy", ""]
    if publish_body:
        o.append("Article bodies **are included** (`articles.body`): the story file allows it "
                 "(`publish_body = true`), for example because the texts belong to the publisher of this dataset.")
    else:
        o.append("Article bodies are **not included**: news outlets' copyright usually forbids "
                 "republishing full text, so `articles.body` is empty (null) in every row. Titles, URLs, "
                 "`content_sha256` and the dated sentences in `mentions` remain, so every date can be "
                 "checked against its source. The crawler's local store keeps the full text.")
    o += ["", "## Files", "", "| file | rows | bytes |", "|---|---|---|"]
    o += [f"| `{f['path']}` | {f.get('rows', '')} | {f['bytes']} |" for f in files]
    o += ["", "Checksums are in `SHA256SUMS` (`sha256sum -c SHA256SUMS`) and `manifest.json`; "
          "`tarikh download` verifies every file before installing a release. Parquet files use zstd, "
          "are sorted by date, and carry statistics and page indexes, so date-range queries read "
          "only a small part of each file.", ""]
    o += ["## Fields", ""]
    for name in ("articles", "mentions", "events"):
        spec = specs[name]
        o += [f"### `{name}`", "", spec.description, "", "| column | type | null | description |",
              "|---|---|---|---|"]
        for c in spec.columns:
            o.append(f"| `{c.name}` | {c.type} | {'yes' if c.nullable else 'no'} | {_one_line(c.description, 400)} |")
        o.append("")
    o += ["## Example queries", "", "With tarikh installed (`tarikh query \"...\"`) or with plain DuckDB "
          "after `create view events as select * from 'events.parquet'` (and the same for the other two):", ""]
    for what, sql in EXAMPLE_QUERIES:
        o += [f"{what}:", "", "```sql", sql, "```", ""]
    o += [
        "## Known limits",
        "",
        "- Coverage is what the listed outlets' sitemaps, feeds and section pages exposed during the "
        "crawl; paywalled, deleted or script-rendered pages are missing.",
        "- Dates are machine-read: a weekday or relative word (\"last Wednesday\", \"last August\") is "
        "resolved against the publication date and can be wrong when an outlet's date is wrong.",
        "- `events` are clusters of same-date mentions; two happenings on one day can share an event, "
        "and one happening reported at different grains (a day, its month) can appear twice.",
        "- `n_sources` counts articles after removing detected republications; undetected copies inflate it.",
        "- Timestamps are UTC; `published_offset` gives the outlet's offset. Dates are calendar dates, "
        "not instants.",
        "",
        "## License",
        "",
        f"The dataset's structure, dates and annotations: {license_name}. Titles, sentences and "
        "(when included) bodies remain the work of their outlets, quoted for research.",
        "",
        "## How to cite",
        "",
        "```",
        f"{title}. tarikh dataset '{story}', version {version} (schema {schema_version}). "
        f"Sources: {', '.join(sorted(outlets)) or 'none'}.",
        "```",
        "",
        "Cite the version: releases are immutable and every later one is listed in `CHANGELOG.md`.",
        "",
        "## Versions",
        "",
        "Versions are X.Y.Z. A new **major** version means the table schema changed incompatibly "
        "(see `schema_version` in `manifest.json`); a new **minor** version means events were added "
        "or removed; a new **patch** version means corrections to existing events, or new or updated "
        "articles and mentions. Ids (`article_id`, `mention_id`, `event_id`) are stable across "
        "versions, so releases can be compared row by row.",
        "",
        *([f"Contact: {contact}", ""] if contact else []),
    ]
    return "\n".join(o)
