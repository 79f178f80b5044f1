"""Timeline views of a release's events: terminal, one self-contained HTML page, TimelineJS3 JSON.

Read-only over a release folder, through the same DuckDB views as ``tarikh query``.
Each event is shown at the precision it was reported with (a month event never pretends to be a
day), with its summary sentence and every article behind it as a link, so a reader can check
each claim at its source. The HTML page loads nothing from the network: CSS and JS are inline,
the page is right to left, and filters (source count, modality) work offline.
"""

from __future__ import annotations

import html
import json
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tarikh.events.tables import load_tables

MODALITY_ORDER = ("reported", "scheduled", "expected", "background")


class TimelineError(ValueError):
    """A release cannot be read as a timeline (missing folder, file or column)."""


@dataclass
class Release:
    """The three tables of a release, as lists of row dicts."""

    path: Path
    events: list[dict[str, Any]]
    mentions: list[dict[str, Any]] = field(default_factory=list)
    articles: list[dict[str, Any]] = field(default_factory=list)


def load_release(path: Path) -> Release:
    """Read a release folder through :func:`tarikh.query.open_release` (the DuckDB views)."""
    from tarikh.query import open_release
    from tarikh.releases import ReleaseError

    path = Path(path)
    if not path.is_dir():
        raise TimelineError(f"release folder {path} does not exist")
    try:
        con = open_release(path)
    except ReleaseError as exc:
        raise TimelineError(str(exc)) from None
    try:
        tables = {
            name: con.sql(f"SELECT * FROM {name}").to_arrow_table().to_pylist()
            for name in ("events", "mentions", "articles")
        }
    except Exception as exc:  # duckdb raises several unrelated types for a bad file
        raise TimelineError(f"cannot read {path}: {exc}") from None
    finally:
        con.close()
    return Release(path, tables["events"], tables["mentions"], tables["articles"])


def resolve_release(release: Path | None, datasets: Path, story: str | None) -> Path:
    """The release folder to show: ``--release``, else the latest of ``DATASETS/STORY``, else the
    latest under DATASETS (the rules of :func:`tarikh.releases.resolve_release`)."""
    from tarikh.releases import ReleaseError
    from tarikh.releases import resolve_release as find

    try:
        if release is not None:
            return find(Path(release), datasets)
        if story is not None:
            return find(Path(datasets) / story, datasets)
        return find(None, datasets)
    except ReleaseError as exc:
        raise TimelineError(str(exc)) from None


def _as_date(v: Any) -> date | None:
    if v is None or isinstance(v, date) and not isinstance(v, datetime):
        return v
    if isinstance(v, datetime):
        return v.date()
    return date.fromisoformat(str(v))


def select_events(
    events: Iterable[Mapping[str, Any]],
    since: date | None = None,
    until: date | None = None,
    min_sources: int = 1,
    modalities: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """Events overlapping [since, until], with at least ``min_sources`` sources, in date order."""
    out = []
    for e in events:
        start, end = _as_date(e["date_start"]), _as_date(e["date_end"])
        if since is not None and end is not None and end < since:
            continue
        if until is not None and start is not None and start > until:
            continue
        if int(e.get("n_sources") or 0) < min_sources:
            continue
        if modalities is not None and (e.get("modality") or "reported") not in modalities:
            continue
        out.append(dict(e))
    out.sort(key=lambda e: (_as_date(e["date_start"]) or date.min, str(e["event_id"])))
    return out


def date_label(value: str, grain: str, start: Any, end: Any) -> str:
    """An Arabic label at the event's precision: a day, a month, a week, a season, a year..."""
    d = load_tables().display
    months, weekdays = d["months"], d["weekdays"]
    s, e = _as_date(start), _as_date(end)
    if s is None:
        return value
    if grain in ("day", "hour", "minute"):
        label = f"{weekdays[s.weekday()]} {s.day} {months[s.month - 1]} {s.year}"
        return label + (f" {value[11:16]}" if grain in ("hour", "minute") and len(value) > 11 else "")
    if grain == "month":
        return f"{months[s.month - 1]} {s.year}"
    if grain == "week" and e is not None:
        return f"{d['week']} {s.day} {months[s.month - 1]} - {e.day} {months[e.month - 1]} {e.year}"
    if grain == "season":
        return f"{d['seasons'].get(value[-2:], value)} {value[:4]}"
    if grain == "quarter":
        return f"{d['quarter']} {value[-1]} {value[:4]}"
    if grain == "half":
        return f"{d['half']} {value[-1]} {value[:4]}"
    if grain == "year":
        return str(s.year)
    if grain == "decade":
        return f"{d['decade']} {s.year}"
    return value


def _sources(event: Mapping[str, Any], articles: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for aid in event.get("article_ids") or []:
        a = articles.get(aid, {})
        out.append(
            {
                "article_id": aid,
                "url": a.get("url") or "",
                "outlet": a.get("outlet") or "",
                "title": a.get("title") or aid,
                "published": a.get("published"),
                "dup_of": a.get("dup_of"),
            }
        )
    out.sort(key=lambda x: (str(x["published"] or ""), x["article_id"]))
    return out


def render_text(events: Sequence[Mapping[str, Any]], articles: Sequence[Mapping[str, Any]], console: Any) -> None:
    """Print the events chronologically, one block each: date at its precision, sources and
    modality on the first line, then the summary, the outlets and the first three source URLs
    (the HTML page lists them all). Blocks, not a table, so a narrow terminal still shows the
    summary in full."""
    from rich.markup import escape

    disp = load_tables().display
    by_id = {a["article_id"]: a for a in articles}
    for e in events:
        label = date_label(e["value"], e["grain"], e["date_start"], e["date_end"])
        modality = e.get("modality") or ""
        console.print(
            f"[bold]{escape(str(e['value']))}[/bold]  {escape(label)}  ·  {e.get('n_sources', 0)} "
            f"{'source' if e.get('n_sources', 0) == 1 else 'sources'}  ·  {modality} "
            f"{escape(disp['modality'].get(modality, ''))}",
            soft_wrap=False,
        )
        console.print(f"  {escape(e.get('summary') or '')}")
        outlets = "، ".join(e.get("outlets") or [])
        if outlets:
            console.print(f"  [cyan]{escape(outlets)}[/cyan]")
        links = [s["url"] for s in _sources(e, by_id) if s["url"]]
        for url in links[:3]:
            console.print(f"  [dim]{escape(url)}[/dim]", soft_wrap=True)
        if len(links) > 3:
            console.print(f"  [dim]+{len(links) - 3}[/dim]")
        console.print()
    console.print(f"{len(events)} events")


_CSS = """
:root{--ink:#1d232b;--muted:#5d6875;--line:#d4dae1;--bg:#f7f8fa;--card:#fff;--accent:#0b6e4f}
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Naskh Arabic","Amiri","Segoe UI",Tahoma,sans-serif;background:var(--bg);
color:var(--ink);line-height:1.7}
header{padding:1rem 1.5rem;background:var(--card);border-bottom:1px solid var(--line);position:sticky;top:0;
z-index:2;box-shadow:0 1px 4px rgba(0,0,0,.06)}
.intro{margin:0;color:var(--muted);font-size:.9rem}
li.year{margin:1.6rem 0 .8rem;margin-inline-start:-.9rem;font-size:1.3rem;font-weight:bold;color:var(--accent);
background:var(--bg);padding:0 .4rem;width:max-content}
h1{margin:0 0 .3rem;font-size:1.5rem}
.filters{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;margin-top:.6rem;font-size:.95rem}
.filters label{white-space:nowrap}
main{max-width:60rem;margin:0 auto;padding:1rem 1.5rem 3rem}
ol.timeline{list-style:none;margin:0;padding:0;border-inline-start:3px solid var(--line)}
li.event{position:relative;margin:0 0 1.2rem;padding:.8rem 1rem;background:var(--card);
border:1px solid var(--line);border-radius:.5rem;margin-inline-start:1.2rem}
li.event::before{content:"";position:absolute;inset-inline-start:-1.75rem;top:1.1rem;width:.8rem;
height:.8rem;border-radius:50%;background:var(--accent)}
li.event[data-modality=scheduled]::before,li.event[data-modality=expected]::before{background:#c27c0e}
li.event[data-modality=background]::before{background:#8a94a0}
li.event[data-modality=background]{opacity:.85}
.when{font-weight:bold}
.grain,.modality,.count{font-size:.8rem;color:var(--muted);margin-inline-start:.5rem}
.summary{margin:.3rem 0}
ul.sources{margin:.2rem 0 0;padding-inline-start:1.2rem;font-size:.9rem}
.outlet{font-weight:bold}
details.more summary{cursor:pointer;color:var(--muted);font-size:.85rem}
ul.sources a{color:var(--accent)}
.copy{color:var(--muted);font-size:.8rem}
.hidden{display:none}
"""

_JS = """
(function(){
  var min=document.getElementById('min-sources');
  var boxes=document.querySelectorAll('input[name=modality]');
  var shown=document.getElementById('shown');
  // Filters can be given in the address (#min=2&hide=background,expected), so a filtered view
  // can be shared and checked without clicking.
  var q={};
  location.hash.replace(/^#/,'').split('&').forEach(function(p){var kv=p.split('=');if(kv[0]){q[kv[0]]=decodeURIComponent(kv[1]||'');}});
  if(q.min){min.value=q.min;}
  if(q.hide){var h=q.hide.split(',');boxes.forEach(function(b){if(h.indexOf(b.value)>=0){b.checked=false;}});}
  function remember(){
    var hide=[];boxes.forEach(function(b){if(!b.checked){hide.push(b.value);}});
    var frag='min='+(parseInt(min.value,10)||1)+(hide.length?'&hide='+hide.join(','):'');
    try{history.replaceState(null,'','#'+frag);}catch(e){}
  }
  function apply(){
    var n=parseInt(min.value,10)||1, ok={}, count=0;
    boxes.forEach(function(b){ok[b.value]=b.checked;});
    document.querySelectorAll('li.event').forEach(function(li){
      var vis=parseInt(li.dataset.sources,10)>=n && ok[li.dataset.modality]!==false;
      li.classList.toggle('hidden',!vis); if(vis){count++;}
    });
    // a year marker shows only while one of its events does
    var marker=null, any=false;
    document.querySelectorAll('ol.timeline > li').forEach(function(li){
      if(li.classList.contains('year')){if(marker){marker.classList.toggle('hidden',!any);} marker=li; any=false;}
      else if(!li.classList.contains('hidden')){any=true;}
    });
    if(marker){marker.classList.toggle('hidden',!any);}
    shown.textContent=count;
    document.body.setAttribute('data-filters','ready');
  }
  min.addEventListener('input',function(){apply();remember();});
  boxes.forEach(function(b){b.addEventListener('change',function(){apply();remember();});});
  apply();
})();
"""


def _sources_html(
    sources: list[dict[str, Any]], by_id: Mapping[str, Mapping[str, Any]], disp: Mapping[str, Any]
) -> str:
    """The sources of one event grouped by outlet (the count above is of outlets, so the list
    is too), each article a link; a syndicated copy is marked with the outlet it copies. Past
    ``display.sources_shown`` outlets the rest fold into a <details> so long lists do not bury
    the next event."""
    esc = html.escape
    by_outlet: dict[str, list[str]] = {}
    for s in sources:
        link = (
            f'<a href="{esc(s["url"], quote=True)}" rel="noreferrer">{esc(s["title"])}</a>'
            if s["url"]
            else esc(s["title"])
        )
        if s["dup_of"]:
            original = by_id.get(str(s["dup_of"]), {}).get("outlet") or ""
            link += f' <span class="copy">({esc(disp["copy_of"])} {esc(str(original))})</span>'
        by_outlet.setdefault(str(s["outlet"]), []).append(link)
    lines = [
        f'<li><span class="outlet">{esc(outlet)}</span>: {" · ".join(links)}</li>'
        for outlet, links in by_outlet.items()
    ]
    shown = int(disp.get("sources_shown", 4))
    if len(lines) <= shown + 1:  # folding a single line saves nothing
        return f'<ul class="sources">{"".join(lines)}</ul>'
    more = esc(str(disp["more_sources"]).format(n=len(lines) - shown))
    return (
        f'<ul class="sources">{"".join(lines[:shown])}</ul>'
        f'<details class="more"><summary>{more}</summary><ul class="sources">{"".join(lines[shown:])}</ul></details>'
    )


def render_html(
    events: Sequence[Mapping[str, Any]], articles: Sequence[Mapping[str, Any]], title: str = "tarikh"
) -> str:
    """One self-contained right-to-left HTML page (inline CSS and JS; links only, no resources)."""
    disp = load_tables().display
    esc = html.escape
    by_id = {a["article_id"]: a for a in articles}
    max_sources = max([int(e.get("n_sources") or 0) for e in events] + [1])
    present = [m for m in MODALITY_ORDER if any((e.get("modality") or "reported") == m for e in events)]
    boxes = "".join(
        f'<label><input type="checkbox" name="modality" value="{m}" checked> '
        f"{esc(disp['modality'].get(m, m))} ({m})</label>"
        for m in present
    )
    items = []
    year = None
    for e in events:
        modality = e.get("modality") or "reported"
        start = _as_date(e["date_start"])
        if start is not None and start.year != year:
            year = start.year
            items.append(f'<li class="year" aria-hidden="true">{year}</li>')
        items.append(
            f'<li class="event" id="e-{esc(str(e["event_id"]))}" data-sources="{int(e.get("n_sources") or 0)}" '
            f'data-modality="{esc(modality)}" data-date="{esc(str(e["date_start"]))}">'
            f'<div><time class="when" datetime="{esc(str(e["value"]))}">'
            f"<bdi>{esc(date_label(e['value'], e['grain'], e['date_start'], e['date_end']))}</bdi></time>"
            f'<span class="grain" title="{esc(str(e["grain"]))}">{esc(disp["precision"])}: '
            f"{esc(disp['grains'].get(e['grain'], e['grain']))}</span>"
            f'<span class="modality">{esc(disp["modality"].get(modality, modality))}</span>'
            f'<span class="count">{int(e.get("n_sources") or 0)} {esc(disp["sources"])} · '
            f"{int(e.get('n_mentions') or 0)} {esc(disp['mentions'])}</span></div>"
            f'<p class="summary">{esc(e.get("summary") or "")}</p>'
            f"{_sources_html(_sources(e, by_id), by_id, disp)}</li>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="ar" dir="rtl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<header><h1>{esc(title)}</h1>"
        f'<p class="intro">{esc(disp["intro"])}</p>'
        f'<div class="filters"><label>الحد الأدنى للمصادر <input id="min-sources" type="number" min="1" '
        f'max="{max_sources}" value="1"></label>{boxes}'
        f'<span>معروض: <output id="shown">{len(events)}</output> / {len(events)}</span></div></header>\n'
        f'<main><ol class="timeline">\n{chr(10).join(items)}\n</ol></main>\n'
        f"<script>{_JS}</script>\n</body>\n</html>\n"
    )


def _tl_date(d: date) -> dict[str, str]:
    return {"year": str(d.year), "month": str(d.month), "day": str(d.day)}


def timelinejs(
    events: Sequence[Mapping[str, Any]], articles: Sequence[Mapping[str, Any]], title: str = "tarikh"
) -> dict[str, Any]:
    """TimelineJS3 JSON: one slide per event, ranges for coarse grains, groups by modality."""
    disp = load_tables().display
    by_id = {a["article_id"]: a for a in articles}
    slides = []
    for e in events:
        s, end = _as_date(e["date_start"]), _as_date(e["date_end"])
        assert s is not None and end is not None
        start: dict[str, str] = {"year": str(s.year)}
        if e["grain"] not in ("year", "decade"):
            start["month"] = str(s.month)
        if e["grain"] in ("day", "hour", "minute", "week"):
            start["day"] = str(s.day)
        links = "".join(
            f'<li><a href="{html.escape(x["url"], quote=True)}">{html.escape(x["outlet"])}: '
            f"{html.escape(x['title'])}</a></li>"
            for x in _sources(e, by_id)
            if x["url"]
        )
        slide: dict[str, Any] = {
            "unique_id": f"e-{e['event_id']}",
            "start_date": start,
            "display_date": date_label(e["value"], e["grain"], s, end),
            "text": {
                "headline": html.escape(e.get("summary") or ""),
                "text": f"<p>{int(e.get('n_sources') or 0)} {html.escape(disp['sources'])}</p><ul>{links}</ul>",
            },
            "group": disp["modality"].get(e.get("modality") or "reported", ""),
        }
        if end != s and e["grain"] not in ("day", "hour", "minute"):
            slide["end_date"] = _tl_date(end)
        slides.append(slide)
    return {"title": {"text": {"headline": html.escape(title), "text": ""}}, "events": slides}


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and os.replace (never a half file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def timelinejs_text(events: Sequence[Mapping[str, Any]], articles: Sequence[Mapping[str, Any]], title: str) -> str:
    """TimelineJS3 JSON as text (UTF-8, Arabic kept readable)."""
    return json.dumps(timelinejs(events, articles, title), ensure_ascii=False, indent=2)
