"""The bundled offline demo web: four Arabic news outlets served from data on loopback.

``DemoWeb(root)`` loads ``demo/sites`` and ``demo/articles`` (strictly validated), and once started
answers as every outlet, by the request's absolute URI (HTTP proxy mode, how the crawl uses it) or by
its ``Host`` header. It exists so that ``make crawl`` and the end-to-end tests run the real Scrapy
crawler over real HTTP against realistic page structures without touching the network.

Run standalone with ``python -m tarikh.demo [--root demo] [--port N]``.
"""

from tarikh.demo.model import DemoArticle, DemoDataError, Site
from tarikh.demo.server import DemoWeb, LoggedRequest, load_demo

__all__ = ["DemoArticle", "DemoDataError", "DemoWeb", "LoggedRequest", "Site", "load_demo"]
