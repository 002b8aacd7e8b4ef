"""Run every benchmark in bench/ (files named bench_*.py), each printing ours beside a reference.

Benchmarks measure speed and memory; tests never do. Each benchmark module has a ``main()``
that prints its figures next to a peer or baseline measured in the same run, because the
machines are shared and noisy.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)  # jieba logs its dictionary loading at DEBUG on import
    modules = sorted(HERE.glob("bench_*.py"))
    if not modules:
        print("No benchmarks yet: add bench/bench_<topic>.py with a main() function.")
        return 0
    for path in modules:
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        print(f"== {path.stem}")
        started = time.perf_counter()
        module.main()
        print(f"   ({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
