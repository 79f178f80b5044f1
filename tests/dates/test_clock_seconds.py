"""A clock with seconds after a date ("2023-12-03 11:47:52"): read to the minute, only there.

Old table-layout sites and many custom CMSs print the database timestamp as it is stored. The
seconds form is read only when the date stands right before it (punctuation at most) or when
الساعة says it is a time; alone, or after "في", "2:01:09" is a race time and stays no date.
Every sentence is our own, written for these tests. Anchor: Wednesday 2024-03-20.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from tarikh.dates import find

ANCHOR = datetime(2024, 3, 20, 16, 0)


def triples(text: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.value, e.grain) for e in find(text, ANCHOR)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("2023-12-03 11:47:52", [("2023-12-03 11:47:52", "2023-12-03T11:47", "minute")]),
        ("03-12-2023 08:05:09", [("03-12-2023 08:05:09", "2023-12-03T08:05", "minute")]),
        ("٢٠٢٤/٠٣/١٤ ٢٢:١٠:٣٠", [("٢٠٢٤/٠٣/١٤ ٢٢:١٠:٣٠", "2024-03-14T22:10", "minute")]),
        ("14 مارس 2024، 09:30:15 م", [("14 مارس 2024، 09:30:15 م", "2024-03-14T21:30", "minute")]),
        (
            "تاريخ النشر : 2023-12-03 11:47:52 عدد القراءات : 1843",
            [("2023-12-03 11:47:52", "2023-12-03T11:47", "minute")],
        ),
        # الساعة says it is a time, after a date or alone (then on the anchor day)
        (
            "الخميس 14 مارس 2024 الساعة 06:15:00 صباحا",
            [("الخميس 14 مارس 2024 الساعة 06:15:00 صباحا", "2024-03-14T06:15", "minute")],
        ),
        ("بدأ البث الساعة 20:05:00", [("الساعة 20:05:00", "2024-03-20T20:05", "minute")]),
    ],
)
def test_seconds_clock_after_a_date(text: str, want: list[tuple[str, str, str]]) -> None:
    assert triples(text) == want


def test_seconds_clock_keeps_the_zone_after_it() -> None:
    got = find("2023-12-03 11:47:52 بتوقيت عمان", ANCHOR)
    assert [(e.value, e.timezone) for e in got] == [("2023-12-03T11:47", "بتوقيت عمان")]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # race and match times are no clock: alone, or after "في" even with a date before
        ("سجلت العداءة زمنا قدره 2:19:44 في سباق الدوحة", []),
        ("أنهى المتسابق المرحلة في 1:05:30 متقدما على منافسيه", []),
        ("في 14 مارس 2024 قطع الدراج المسافة في 3:12:08", [("14 مارس 2024", "2024-03-14", "day")]),
        ("14 مارس 2024 في 1:23:45", [("14 مارس 2024", "2024-03-14", "day")]),
        # not a clock: out of range, a fourth part, a fraction of a second
        ("2024-03-14 25:10:00", [("2024-03-14", "2024-03-14", "day")]),
        ("2024-03-14 10:61:00", [("2024-03-14", "2024-03-14", "day")]),
        ("2024-03-14 1:02:03:04", [("2024-03-14", "2024-03-14", "day")]),
        ("2024-03-14 11:47:52.5", [("2024-03-14", "2024-03-14", "day")]),
    ],
)
def test_seconds_form_is_read_only_tied_to_a_date(text: str, want: list[tuple[str, str, str]]) -> None:
    assert triples(text) == want
