"""`make bench`: run every benchmark script in bench/ and print their reports one after another.

Each script measures ours against the baseline its issue names, side by side in one run, and
prints ratios. A failing script is reported and the others still run; the exit status says
whether all of them succeeded.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    wanted = set(argv)
    scripts = sorted(p for p in HERE.glob("bench_*.py") if not wanted or p.stem.removeprefix("bench_") in wanted)
    failed: list[str] = []
    for script in scripts:
        print(f"\n=== {script.stem} ===", flush=True)
        started = time.monotonic()
        proc = subprocess.run([sys.executable, str(script)], cwd=HERE.parent)
        print(f"--- {script.stem}: {'ok' if proc.returncode == 0 else 'FAILED'} "
              f"in {time.monotonic() - started:.1f} s", flush=True)
        if proc.returncode != 0:
            failed.append(script.stem)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
