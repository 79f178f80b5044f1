"""``python -m tarikh.demo``: serve the demo web until interrupted, printing how to reach it."""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path

from tarikh.demo.model import DemoDataError
from tarikh.demo.server import DemoWeb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tarikh.demo",
        description="Serve the bundled offline demo outlets on 127.0.0.1 (use it as an HTTP proxy).",
        epilog="example: python -m tarikh.demo --root demo --port 8765",
    )
    parser.add_argument("--root", type=Path, default=Path("demo"), help="demo folder (sites/ and articles/)")
    parser.add_argument("--port", type=int, default=0, help="port to bind on 127.0.0.1 (default: a free one)")
    args = parser.parse_args(argv)
    try:
        web = DemoWeb(args.root, port=args.port)
    except DemoDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        web.start()
    except OSError as exc:
        print(f"error: cannot listen on 127.0.0.1:{args.port}: {exc}", file=sys.stderr)
        return 2
    print(f"demo web: {len(web.articles)} articles on {len(web.hosts)} outlets")
    print(f"proxy URL: {web.proxy_url}")
    for host in web.hosts:
        print(f"  http://{host}/")
    first = web.start_urls()[0] if web.start_urls() else f"http://{web.hosts[0]}/"
    print(f"try: curl -x {web.proxy_url} '{first}'")
    print("press Ctrl-C to stop", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        web.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
