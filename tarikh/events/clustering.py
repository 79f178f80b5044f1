"""Events: mentions that tell the same happening, clustered across articles and outlets.

Rules (the "why" is GDELT's lesson, counting reports is not counting events, and ACLED's, a
month is not a day):

1. **Same date, same precision.** Only mentions with the same value at the same grain may join
   (minute and hour mentions count as their day). Different days never merge, and a month
   mention never joins a day event, so merging never widens a date.
2. **Same content.** Within one date, a mention joins the existing cluster holding its most
   similar mention when the idf-weighted overlap of their sentences' content words reaches
   ``clustering.same_event``; otherwise it founds a new cluster. Content words are the folded
   words of the sentence once every date expression in it is cut out, stop words and date words
   (``content.stop_words``) are dropped, and the article prefix is stripped. Mentions are taken
   in a canonical order (publication time, article_id, offset), so the result does not depend on
   the input order, and later reports join earlier clusters.
   **Lead and references.** An article's *lead* is its title and its body up to and including
   its first dated sentence that is not headline-like (a standfirst has no full stop). Only
   the lead's mentions of one date pool their words (a terse headline borrows the lede's);
   sentences further down keep their own, since one article may tell two happenings of one
   day. A body mention outside the lead whose date the lead does not name is a *reference*
   (a recalled day: "وكانت الحكومة قد صادقت على الاتفاق مساء أمس"); it joins the most similar
   event of its date at the weaker ``clustering.same_event_reference``. A later sentence on
   the lead's own date that matches no event founds a *provisional* event: when all reports are
   in, it goes back to the article's lead event unless another outlet's report (not a wire
   copy) joined it and, pooled, it does not tell the lead's happening ("وفي باريس ... اليوم":
   a second happening of that day). So the outcome does not depend on who published first.
3. **Founding needs content.** A sentence with fewer than ``content.min_content_words`` content
   words (a dateline, a bare date) neither founds nor joins an event; its mention stays in
   ``mentions`` and in no event's ``mention_ids``. Nor does a date inside a dateline that opens
   a lede ("بيروت - الأربعاء 5 أغسطس 2020م: قضى ..."): it is the filing day
   (``mentions.is_dateline``, ``modality.dateline``).
4. **Background is not news.** A cluster whose mentions are all ``background`` (context such as
   "في عام 2014") is never a ``reported`` event. When ``clustering.background_events`` is true
   all such clusters of one date become a single event of modality ``background`` (context is
   shown once per date, and the timeline can hide it); otherwise they are left out of events.
   Exception: a *day* named as context on a day that also has news ("منذ 17 تشرين الأول" when
   the attacks of 17 October are reported) refers to that news, so its mentions join the most
   similar event of that day instead. Any other event's modality is the strongest
   evidence it holds: ``reported`` if any mention reports it as having happened, else
   ``scheduled``, else ``expected`` (a plan that later happened is a reported event).
   **4b. Spans are not happenings.** A mention that names a span counted from the
   publication day, by its start, end or length ("منذ تموز الماضي"، "خلال الأسبوع الماضي"،
   "حتى صباح اليوم"، "قبل نحو عام"، "منذ يوم الجمعة"), never founds an event: after all other
   mentions are clustered it joins the most similar event of its date when one exists and
   shares some content (``clustering.same_event_reference``), else it stays in ``mentions``
   only (its row and modality unchanged). A calendar date after منذ ("منذ عام 1991"، "منذ 31
   أكتوبر 2022"، "منذ 17 أكتوبر الماضي") names the happening that opened the span and is not a
   span; neither is a deadline ("حتى سبتمبر من العام المقبل", a plan). Cue words are data
   (``modality.span`` in ``tarikh/data/modality.toml``); see ``mentions.is_span_reference``.
5. **Coarse events stay coarse.** A cluster coarser than a day (week, month, season, quarter,
   year, decade) stays an event of its own at its own grain ("في يناير سلمت السفيرة رسالة" is
   a January event even when another outlet dates the letter to the 24th: a reader sees both
   precisions, and nothing is widened or narrowed). It is dropped only when it adds nothing:
   every one of its mentions shares its sentence with a finer clustered mention inside its
   range ("في كانون الثاني، وتحديدا يوم 24 منه"). Its mentions stay in ``mentions``.
6. **Summary.** The medoid sentence among the original (non-copy) reports, taken from the
   sentences that tell the event best (:func:`summary_rank`): with the event's modality, naming
   no rival date, from a lead rather than a reference, a full sentence rather than a headline.
7. **Identity.** ``event_id`` is the first 16 hex digits of sha256 of the cluster's earliest
   mention_id (canonical order), so an event keeps its id when later reports join it.
8. **Counting.** ``n_sources`` counts distinct outlets after replacing each syndicated copy by its
   original (``dup_of``): a wire copy is one report. ``outlets`` lists exactly those outlets.
   ``n_mentions`` counts every clustered mention (copies included, they stay traceable), and
   ``article_ids`` lists every article with a mention in the event.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from tarikh.events.mentions import Mention
from tarikh.events.tables import Tables
from tarikh.text import iter_words_with_offsets, words

GRAIN_RANK = {
    "minute": 0,
    "hour": 0,
    "day": 0,
    "week": 1,
    "month": 2,
    "season": 3,
    "quarter": 3,
    "half": 3,
    "year": 4,
    "decade": 5,
}
MODALITY_STRENGTH = ("reported", "scheduled", "expected", "background")
_ARTICLE_PREFIXES = ("وال", "بال", "فال", "كال", "ولل", "لل", "ال")
_CLITICS = "وبلفك"


def content_readings(word: str, tables: Tables) -> set[str]:
    """The forms a folded word is matched under, so that two outlets' wordings can meet.

    The word without the article (or one glued clitic when the rest is still a word), without a
    final ه (agreement) or a pronoun/plural suffix from ``content.suffixes``, and the concept of
    its synonym group (``content.synonyms``: مفاوضات and محادثات meet). Empty for stop words.
    """
    stop_words = tables.stop_words
    if word in stop_words or len(word) < 2 or word.isdigit() and len(word) <= 2:
        return set()
    base = word
    for p in _ARTICLE_PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 2:
            base = word[len(p) :]
            break
    if base in stop_words:
        return set()
    if base == word and word[0] in _CLITICS and word[1:] in stop_words:
        return set()  # وفي، ومن، بعدما: a glued conjunction on a function word
    # The word as written stays a reading: "باليستي" is not "بال" + "يستي".
    out = {base, word}
    if base == word and word[0] in _CLITICS and len(word) >= 5:
        out.add(word[1:])
    for form in list(out):
        for suffix in tables.suffixes:
            if form.endswith(suffix) and len(form) - len(suffix) >= 3:
                out.add(form[: -len(suffix)])
    out -= stop_words
    out |= {tables.synonyms[f] for f in out if f in tables.synonyms}
    return out


def sentence_content(
    sentence: str,
    cut: list[tuple[int, int]],
    tables: Tables,
    focus: tuple[int, int] | None = None,
    window: int = 0,
) -> tuple[frozenset[str], int]:
    """Content readings of a sentence, and the number of content words.

    The date expressions at ``cut`` (spans relative to the sentence) are blanked out first. With
    ``window > 0`` and a ``focus`` span (the mention), only the ``window`` nearest content words
    on each side of the focus count: long Arabic news sentences often chain two happenings, and
    the words next to a date are the ones that tell what happened on it.
    """
    chars = list(sentence)
    for s, e in cut:
        for i in range(max(0, s), min(len(chars), e)):
            chars[i] = " "
    blanked = "".join(chars)
    found: list[tuple[int, set[str]]] = []
    for start, _end, w in iter_words_with_offsets(blanked):
        r = set()
        for f in words(w):
            r |= content_readings(f, tables)
        if r:
            found.append((start, r))
    if window > 0 and focus is not None:
        before = [x for x in found if x[0] < focus[0]][-window:]
        after = [x for x in found if x[0] >= focus[1]][:window]
        found = before + after
    readings: set[str] = set()
    for _, r in found:
        readings |= r
    return frozenset(readings), len(found)


_SENTENCE_END = (".", "!", "?", "؟", "…")
_CLOSERS = "\"'”’»)] \n\t"


def headline_like(sentence: str) -> bool:
    """A sentence with no final full stop (after any closing quote): a title or a standfirst.
    Arabic news never ends those with a full stop; body sentences always end with one."""
    return not sentence.rstrip(_CLOSERS).endswith(_SENTENCE_END)


def lead_sentences(article_mentions: list[Mention], body_start: int) -> set[int]:
    """Sentence indices of the article's lead: the title, and the body up to and including its
    first dated sentence that is not headline-like (a standfirst such as "إصابات في هجوم مساء
    السبت" is a second headline; the lede after it tells what happened, when)."""
    lead = {m.row["sentence_index"] for m in article_mentions if m.sentence_start < body_start}
    for m in sorted(article_mentions, key=lambda x: x.row["sentence_index"]):
        if m.sentence_start < body_start:
            continue
        lead.add(m.row["sentence_index"])
        if not headline_like(m.row["sentence"]):
            break
    return lead


def mark_references(article_mentions: list[Mention], body_start: int) -> None:
    """Mark the article's *references*, in place: body mentions outside the lead whose date
    (:func:`event_key`) the lead does not name.

    A report tells one happening in its lead; the other days it names further down ("وكانت
    الحكومة قد صادقت على الاتفاق مساء أمس", "حرب تموز 2006") recall happenings told elsewhere,
    in a few loose words, so they join an existing event of their date on weaker evidence
    (``clustering.same_event_reference``) instead of founding a duplicate.
    """
    lead = lead_sentences(article_mentions, body_start)
    lead_keys = {
        event_key(m.row) for m in article_mentions if m.row["sentence_index"] in lead and not m.dateline
    }
    for m in article_mentions:
        m.lead = m.row["sentence_index"] in lead
        m.reference = not m.lead and event_key(m.row) not in lead_keys


def pool_by_article(
    article_mentions: list[Mention], bags: dict[str, tuple[frozenset[str], int]], body_start: int
) -> None:
    """Give the lead mentions of one article (title and lede, see :func:`lead_sentences`) of the
    same date (same :func:`event_key`) the union of their content, in place.

    A headline ("هجوم مساء السبت") and the lede that tells the same Saturday in detail are one
    report; pooling lets the headline match other outlets through the lede's words. Body
    sentences further down are not pooled: an article may tell a second happening of the same
    day ("وفي جبهة أخرى ...") and pooling would glue the two into one event.
    """
    lead = lead_sentences(article_mentions, body_start)
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for m in article_mentions:
        if m.row["sentence_index"] in lead:
            groups[event_key(m.row)].append(m.row["mention_id"])
    for ids in groups.values():
        if len(ids) < 2:
            continue
        pooled = frozenset().union(*(bags[i][0] for i in ids))
        count = max(bags[i][1] for i in ids)
        for i in ids:
            bags[i] = (pooled, count)


def event_key(row: Mapping[str, Any]) -> tuple[str, str]:
    """(grain, value) at which mentions may merge; minute and hour mentions count as their day."""
    grain, value = str(row["grain"]), str(row["value"])
    if grain in ("minute", "hour"):
        return "day", value[:10]
    return grain, value


class _Similarity:
    """idf-weighted overlap |A∩B|w / sqrt(|A|w |B|w), idf over the distinct sentences."""

    def __init__(self, bags: list[frozenset[str]]) -> None:
        df: Counter[str] = Counter()
        for bag in set(bags):
            df.update(bag)
        n = max(1, len(set(bags)))
        self.idf = {w: math.log(1.0 + n / c) for w, c in df.items()}

    def weight(self, bag: frozenset[str]) -> float:
        return sum(self.idf.get(w, 0.0) for w in bag)

    def __call__(self, a: frozenset[str], b: frozenset[str]) -> float:
        if not a or not b:
            return 0.0
        inter = self.weight(a & b)
        if inter == 0.0:
            return 0.0
        return inter / math.sqrt(self.weight(a) * self.weight(b))


_NEVER = datetime.min.replace(tzinfo=UTC)


def _canonical(m: Mention) -> tuple[int, datetime, str, int, int]:
    """Publication time (unknown last), article_id, offset: the order mentions are clustered in."""
    pub = m.published_utc if m.published_utc is not None else _NEVER
    return (0 if m.published_utc is not None else 1, pub, m.row["article_id"], m.row["char_start"], m.row["char_end"])


def _strength(modalities: list[str]) -> str:
    for mod in MODALITY_STRENGTH:
        if mod in modalities:
            return mod
    return "reported"


def cluster(
    mentions: list[Mention],
    bags: Mapping[str, tuple[frozenset[str], int]],
    dup_of: Mapping[str, str],
    outlet_of: Mapping[str, str],
    published_of: Mapping[str, datetime | None],
    tables: Tables,
) -> list[dict[str, Any]]:
    """Event rows (sorted by date_start, event_id) from mentions.

    ``bags`` maps mention_id to (content readings, content word count).
    """
    sim = _Similarity([bags[m.row["mention_id"]][0] for m in mentions])
    by_key: dict[tuple[str, str], list[list[Mention]]] = defaultdict(list)
    homes: dict[tuple[str, tuple[str, str]], list[Mention]] = {}
    spans: list[Mention] = []
    later: list[tuple[list[Mention], list[Mention]]] = []
    for m in sorted(mentions, key=_canonical):
        bag, n_words = bags[m.row["mention_id"]]
        if n_words < tables.min_content_words or m.dateline:
            continue  # rule 3: a bare date or a dateline's filing date tells no happening
        if m.span:
            spans.append(m)  # rule 4b: spans never found an event; they may join one below
            continue
        best, best_score = None, 0.0
        for c in by_key[event_key(m.row)]:
            score = max(sim(bag, bags[o.row["mention_id"]][0]) for o in c)
            if score > best_score:
                best, best_score = c, score
        # A reference (or a cluster of references only) joins on weaker evidence: see
        # mark_references.
        loose = best is not None and (m.reference or all(o.reference for o in best))
        threshold = tables.same_event_reference if loose else tables.same_event
        home = homes.get((m.row["article_id"], event_key(m.row)))
        if best is not None and best_score >= threshold:
            best.append(m)
        elif home is not None and not m.lead and not m.reference:
            # A later sentence on the day of the article's own lead that matches no report yet
            # founds a provisional cluster: it may tell a second happening of that day that
            # another outlet reports later ("وفي باريس ... اليوم"). If no other article joins
            # it, it elaborates the lead and goes back to the lead's event (below).
            c_new = [m]
            by_key[event_key(m.row)].append(c_new)
            later.append((c_new, home))
        else:
            by_key[event_key(m.row)].append([m])
        if m.lead:
            for c in by_key[event_key(m.row)]:
                if m in c:
                    homes.setdefault((m.row["article_id"], event_key(m.row)), c)
    merged_into: dict[int, list[Mention]] = {}
    for c_new, home in later:
        # A provisional cluster (see above) elaborates its lead ("قادر اليوم على حماية أمنه")
        # and its mentions go back to the lead's event, unless another outlet's report (a wire
        # copy is not one) joined it and, pooled, it does not tell the lead's happening (overlap
        # with the lead's event below ``clustering.same_event``): then it is a second happening
        # of that day ("وفي باريس ..."). Deciding this after all reports are clustered makes it
        # independent of which outlet published first.
        while id(home) in merged_into:  # the lead's event was itself a provisional cluster
            home = merged_into[id(home)]
        pooled_new = frozenset().union(*(bags[o.row["mention_id"]][0] for o in c_new))
        pooled_home = frozenset().union(*(bags[o.row["mention_id"]][0] for o in home))
        alone = len({dup_of.get(o.row["article_id"], o.row["article_id"]) for o in c_new}) == 1
        if alone or sim(pooled_new, pooled_home) >= tables.same_event:
            by_key[event_key(c_new[0].row)].remove(c_new)
            home.extend(c_new)
            home.sort(key=_canonical)
            merged_into[id(c_new)] = home
    for m in spans:
        # Rule 4b: a span ("منذ تموز الماضي") joins the most similar event of its date when it
        # shares some content with it; otherwise it stays in mentions only.
        bag = bags[m.row["mention_id"]][0]
        best, best_score = None, 0.0
        for c in by_key.get(event_key(m.row), []):
            score = max(sim(bag, bags[o.row["mention_id"]][0]) for o in c)
            if score > best_score:
                best, best_score = c, score
        if best is not None and best_score >= tables.same_event_reference:
            best.append(m)  # appended last: the event keeps the id of the mention that founded it
    clusters: list[tuple[tuple[str, str], list[Mention]]] = []
    for key, cs in by_key.items():
        context = sorted(
            (m for c in cs if all(m.row["modality"] == "background" for m in c) for m in c), key=_canonical
        )
        news = [c for c in cs if any(m.row["modality"] != "background" for m in c)]
        if context and key[0] == "day" and news:
            # A day named as context ("منذ 17 تشرين الأول") on a day that has news refers to
            # that news: the context joins the most similar event of the day (ties: earliest).
            ctx_bag = frozenset().union(*(bags[m.row["mention_id"]][0] for m in context))
            target = max(
                news, key=lambda c: max(sim(ctx_bag, bags[o.row["mention_id"]][0]) for o in c)
            )
            target.extend(context)
            target.sort(key=_canonical)
            context = []
        clusters.extend((key, c) for c in news)
        if context and tables.background_events:
            clusters.append((key, context))

    # Rule 5: a coarse cluster is explained when each of its mentions shares its sentence with
    # a finer clustered mention inside its range ("في يناير، وتحديدا يوم 24 منه").
    finer_in_sentence: dict[tuple[str, int], list[tuple[int, date, date]]] = defaultdict(list)
    for key, c in clusters:
        for m in c:
            finer_in_sentence[(m.row["article_id"], m.row["sentence_index"])].append(
                (GRAIN_RANK.get(key[0], 0), m.row["date_start"], m.row["date_end"])
            )

    def explained(m: Mention, rank: int) -> bool:
        lo, hi = m.row["date_start"], m.row["date_end"]
        return any(
            r < rank and lo <= s and e <= hi
            for r, s, e in finer_in_sentence[(m.row["article_id"], m.row["sentence_index"])]
        )

    kept = [
        (key, c)
        for key, c in clusters
        if GRAIN_RANK.get(key[0], 0) == 0 or not all(explained(m, GRAIN_RANK.get(key[0], 0)) for m in c)
    ]
    dated_sentences: dict[tuple[str, int], list[tuple[tuple[str, str], date, date]]] = defaultdict(list)
    for m in mentions:
        dated_sentences[(m.row["article_id"], m.row["sentence_index"])].append(
            (event_key(m.row), m.row["date_start"], m.row["date_end"])
        )
    events = [
        _event_row(key, c, bags, sim, dup_of, outlet_of, published_of, dated_sentences) for key, c in kept
    ]
    events.sort(key=lambda e: (e["date_start"], e["event_id"]))
    return events


def summary_rank(
    m: Mention,
    key: tuple[str, str],
    modality: str,
    dated_sentences: Mapping[tuple[str, int], list[tuple[tuple[str, str], date, date]]],
) -> tuple[bool, bool, bool, bool]:
    """How well a mention's sentence can summarize the event ``key`` (smaller is better), in
    order: it tells the event with the event's modality (a reported event is not summed up by
    its plan, "تنطلق غدا"); it names no other date of the same or a finer grain (a sentence
    that also names the 5th is about the 5th too, while a coarser context such as "منذ حرب
    تموز 2006" is not a rival); it is a lead, not a passing reference; it is a full sentence,
    not a headline."""
    rank = GRAIN_RANK.get(key[0], 0)
    others = any(
        k != key and GRAIN_RANK.get(k[0], 0) <= rank
        for k, _s, _e in dated_sentences.get((m.row["article_id"], m.row["sentence_index"]), [])
    )
    return m.row["modality"] != modality, others, m.reference, headline_like(m.row["sentence"])


def _event_row(
    key: tuple[str, str],
    c: list[Mention],
    bags: Mapping[str, tuple[frozenset[str], int]],
    sim: _Similarity,
    dup_of: Mapping[str, str],
    outlet_of: Mapping[str, str],
    published_of: Mapping[str, datetime | None],
    dated_sentences: Mapping[tuple[str, int], list[tuple[tuple[str, str], date, date]]],
) -> dict[str, Any]:
    first = c[0]  # canonical order: the earliest mention
    event_id = hashlib.sha256(first.row["mention_id"].encode("utf-8")).hexdigest()[:16]
    article_ids = sorted({m.row["article_id"] for m in c})
    originals = [m for m in c if m.row["article_id"] not in dup_of] or c
    # Summary: the medoid sentence among original (non-copy) reports; ties to the earliest.
    # Candidates are the sentences that tell this event best (see summary_rank): one that also
    # names another day is about that day too ("صوت في 5 كانون الثاني" for the 3rd), and a
    # headline or a passing reference says less than a lede.
    modality = _strength([m.row["modality"] for m in c])
    top = min(summary_rank(m, key, modality, dated_sentences) for m in originals)
    candidates = [m for m in originals if summary_rank(m, key, modality, dated_sentences) == top]
    best, best_score = candidates[0], -1.0
    for m in candidates:
        b = bags[m.row["mention_id"]][0]
        score = sum(sim(b, bags[o.row["mention_id"]][0]) for o in originals if o is not m)
        if score > best_score + 1e-12:
            best, best_score = m, score
    outlets = sorted({outlet_of[dup_of.get(a, a)] for a in article_ids if dup_of.get(a, a) in outlet_of})
    times = [t for a in article_ids if (t := published_of.get(a)) is not None]
    first_reported = min(times).astimezone(UTC) if times else None
    d_start: date = first.row["date_start"]
    d_end: date = first.row["date_end"]
    if key[0] == "day":
        d_start = d_end = date.fromisoformat(key[1])
    return {
        "event_id": event_id,
        "value": key[1],
        "grain": key[0],
        "date_start": d_start,
        "date_end": d_end,
        "summary": best.row["sentence"],
        "n_mentions": len(c),
        "n_sources": len(outlets),
        "article_ids": article_ids,
        "mention_ids": sorted(m.row["mention_id"] for m in c),
        "first_reported": first_reported,
        "modality": modality,
        "outlets": outlets,
    }
