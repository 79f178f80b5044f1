"""Article extraction from real-world Arabic news HTML (issue 4).

``article(body, url, headers=None, hints=None, fetched_at=None) -> Article``: title, main text,
outlet, authors, language, canonical URL, and the publication/modification time with the ladder
step it came from (see :mod:`tarikh.extract.signals` for the trust order and offset rules).
"""

from __future__ import annotations

from .article import Parsed, article, parse_page
from .model import LADDER, PAGE_KINDS, Article, ExtractError, Hints

__all__ = ["LADDER", "PAGE_KINDS", "Article", "ExtractError", "Hints", "Parsed", "article", "parse_page"]
