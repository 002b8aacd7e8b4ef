"""Load test: `zhijiang serve` with the production settings on PostgreSQL and the demo data,
driven by Debian's `wrk` over loopback (`make bench-load`).

It measures, in one run, the health endpoint (the framework's floor: one ``SELECT 1``) and a
mixed workload: the anonymous job board page 30 %, the anonymous positions API 30 %, the
signed-in ``/api/v1/me`` 30 % (an API token), a certificate's verification page 10 %. wrk is a
closed loop: each connection sends its next request when the last one is answered, so latency
grows with the connections (Little's law: at 32 connections and 600 req/s the median alone is
53 ms). The mixed workload therefore runs at a sweep of connection counts (4, 8, 16, 32 by
default), and the goal is judged at the busiest point whose p99 stays within the goal: the load
the server sustains at that latency. ``--only NAME`` runs one endpoint of the mix alone instead
(board, positions, me, certificate), to see which one makes the tail. Each phase runs a fixed
number of seconds (the whole run about 70 s); the server is started here and stopped at the
end, whatever happens. Nothing leaves 127.0.0.1.

Needs PostgreSQL at 127.0.0.1:5432 (trust auth, user postgres; another URL with --postgres) and
`wrk` (`apt-get install wrk`). The database (zhijiang_load) is made and filled with the demo on
the first run (a few minutes) and kept for the next; --fresh makes it anew.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORK = ROOT / "var" / "load"
GOAL = {"rps": 300.0, "p99_ms": 100.0, "errors": 0, "share_of_health": 0.25}
MIXED = [("board", 3), ("positions", 3), ("me", 3), ("certificate", 1)]
SWEEP = "4,8,16,32"
SERVER_GROUP: list[int] = []  # the running server's process group
WRK_SCRIPT = """
local paths = {%(paths)s}
local token = "%(token)s"
local i = 0
request = function()
  i = i %% #paths + 1
  local path = paths[i]
  if path == "/api/v1/me" then
    return wrk.format("GET", path, {["Authorization"] = "Bearer " .. token})
  end
  return wrk.format("GET", path)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %%d, "seconds": %%f, "p50_us": %%d, "p99_us": %%d, "errors": %%d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout))
end
"""
SETUP_SCRIPT = """
import json
from zhijiang.accounts import auth
from zhijiang.accounts.models import User
from zhijiang.credentials.models import Certificate
_token, raw = auth.api_token_create(user=User.objects.get(username="learner"), name="load")
certificate = Certificate.objects.order_by("pk").first()
print(json.dumps({"token": raw, "certificate": str(certificate.uuid)}))
"""


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10, help="length of each phase (≤ 60)")
    parser.add_argument(
        "--connections", default=SWEEP, help=f"open connections, a comma list (default {SWEEP})"
    )
    parser.add_argument(
        "--only", choices=[name for name, _weight in MIXED], help="one endpoint instead of the mix"
    )
    parser.add_argument("--workers", type=int, default=0, help="server processes (0: default)")
    parser.add_argument("--threads", type=int, default=0, help="threads each (0: default)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/zhijiang_load")
    parser.add_argument("--fresh", action="store_true", help="make the database anew")
    args = parser.parse_args()
    args.seconds = max(1, min(args.seconds, 60))
    try:
        args.sweep = sorted({max(1, min(int(n), 256)) for n in args.connections.split(",")})
    except ValueError:
        parser.error("--connections takes whole numbers separated by commas, e.g. 4,8,16,32")
    if urlsplit(args.postgres).hostname not in {"127.0.0.1", "localhost", "::1"}:
        parser.error("--postgres must be on this machine (127.0.0.1)")
    return args


def _environment(args: argparse.Namespace, keys: dict[str, str]) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO")}
    env.update(keys)
    env.update(
        ZHIJIANG_ENV="production",
        DATABASE_URL=args.postgres,
        ALLOWED_HOSTS="127.0.0.1",
        PUBLIC_URL=f"http://127.0.0.1:{args.port}",
        SECURE_SSL_REDIRECT="false",  # plain http on loopback, no TLS proxy in front
        ZHIJIANG_VAR_DIR=str(WORK / "var"),
        LOG_LEVEL="WARNING",
        # The workload signs no one up, and nothing may leave the machine: no SMS gateway.
        SMS_CONSOLE_IN_PRODUCTION="true",
    )
    for name, value in (("WEB_WORKERS", args.workers), ("WEB_THREADS", args.threads)):
        if value:
            env[name] = str(value)
    return env


def _database(args: argparse.Namespace) -> dict[str, str]:
    """The database with the demo, made when missing (or --fresh), and the secrets that its
    signing keys were made with."""
    import psycopg

    name = urlsplit(args.postgres).path.lstrip("/")
    keys_file = WORK / f"{name}.keys.json"
    admin = args.postgres.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists and keys_file.exists() and not args.fresh:
            keys = dict(json.loads(keys_file.read_text()))
            _zhijiang(["migrate", "--noinput"], env=_environment(args, keys))  # new migrations
            return keys
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    keys = {
        "SECRET_KEY": secrets.token_urlsafe(48),
        "PII_HASH_KEY": secrets.token_urlsafe(32),
        "CREDENTIAL_KEY_SECRET": secrets.token_urlsafe(32),
    }
    env = _environment(args, keys)
    print(f"Database {name}: migrating and loading the demo (a few minutes)…", flush=True)
    (WORK / "setup.log").unlink(missing_ok=True)
    _zhijiang(["migrate", "--noinput"], env=env)
    _zhijiang(["occupations", "load"], env=env)
    _zhijiang(["demo", "--allow-production"], env=env)
    keys_file.write_text(json.dumps(keys))
    return keys


def _zhijiang(command: list[str], *, env: dict[str, str]) -> None:
    """Run a ``zhijiang`` command, its output appended to setup.log; stop when it fails."""
    with open(WORK / "setup.log", "a") as log:
        done = subprocess.run([str(BIN / "zhijiang"), *command], env=env, stdout=log, stderr=log,
                              timeout=600)  # fmt: skip
    if done.returncode:
        raise SystemExit(f"zhijiang {' '.join(command)} failed (see {WORK / 'setup.log'})")


def _wait_for_health(url: str, server: subprocess.Popen[bytes], *, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped (see {WORK / 'server.log'})")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not answer {url} in {seconds:.0f} s")


def _server_cpu_seconds(group: int) -> float:
    """CPU time used so far by the server's processes (its process group): with the figure per
    request, runs on a busy machine can still be compared."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        if int(fields[2]) == group:  # pgrp; then utime and stime, children's included
            ticks += sum(int(value) for value in fields[11:15])
    return ticks / os.sysconf("SC_CLK_TCK")


def _wrk(base: str, paths: list[str], token: str, *, connections: int, seconds: int) -> dict:
    lua = WRK_SCRIPT % {"paths": ", ".join(json.dumps(p) for p in paths), "token": token}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", dir=WORK, delete=False) as script:
        script.write(lua)
    command = ["wrk", "-t", "1", "-c", str(connections), "-d", f"{seconds}s"]
    command += ["--timeout", "5s", "-s", script.name, base]
    cpu_before = _server_cpu_seconds(SERVER_GROUP[0]) if SERVER_GROUP else 0.0
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 30)
    finally:
        os.unlink(script.name)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["rps"] = result["requests"] / result["seconds"]
    result["connections"] = connections
    cpu = _server_cpu_seconds(SERVER_GROUP[0]) - cpu_before if SERVER_GROUP else 0.0
    result["cpu_ms"] = 1000 * cpu / max(1, result["requests"])
    return result


def _measure(base: str, setup: dict[str, str], args: argparse.Namespace) -> tuple[dict, list]:
    """The health endpoint at the most connections, then the mix (or ``--only``) at each."""
    targets = {
        "board": "/jobs/",
        "positions": "/api/v1/jobs/positions",
        "me": "/api/v1/me",
        "certificate": f"/credentials/c/{setup['certificate']}/",
    }
    for path in targets.values():  # every target answers 200 before anything is timed
        headers = {"Authorization": f"Bearer {setup['token']}"} if path.endswith("/me") else {}
        request = urllib.request.Request(base + path, headers=headers)
        try:
            urllib.request.urlopen(request, timeout=10).close()
        except urllib.error.HTTPError as error:
            raise SystemExit(f"{path} answers {error.code}, not 200") from None
    if args.only:
        paths = [targets[args.only]]
    else:
        paths = [targets[name] for name, weight in MIXED for _ in range(weight)]
    token, most = setup["token"], args.sweep[-1]
    _wrk(base, paths, token, connections=most, seconds=3)  # warm every worker process
    health = _wrk(base, ["/healthz"], token, connections=most, seconds=args.seconds)
    sweep = [_wrk(base, paths, token, connections=n, seconds=args.seconds) for n in args.sweep]
    return health, sweep


def _report(health: dict, sweep: list[dict], args: argparse.Namespace) -> bool:
    """The table, and the goal judged at the busiest point within the p99 goal."""
    print(
        f"{os.cpu_count()} cores; {args.seconds} s a phase; "
        f"server: {args.workers or 'default'} processes × {args.threads or 'default'} threads"
    )
    print(
        f"{'':12} {'conns':>5} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} "
        f"{'server CPU ms/req':>18}"
    )
    workload = args.only or "mixed"
    for name, row in [("health", health), *((workload, row) for row in sweep)]:
        print(
            f"{name:12} {row['connections']:5d} {row['rps']:8.0f} {row['p50_us'] / 1000:8.1f} "
            f"{row['p99_us'] / 1000:8.1f} {row['errors']:7d} {row['cpu_ms']:18.2f}"
        )
    within = [row for row in sweep if row["p99_us"] / 1000 <= GOAL["p99_ms"]]
    best = max(within or sweep, key=lambda row: row["rps"])
    share = best["rps"] / health["rps"] if health["rps"] else 0.0
    checks = [
        (f"{workload} ≥ {GOAL['rps']:.0f} req/s", best["rps"] >= GOAL["rps"]),
        (f"p99 ≤ {GOAL['p99_ms']:.0f} ms", best["p99_us"] / 1000 <= GOAL["p99_ms"]),
        ("0 errors", best["errors"] == 0 and health["errors"] == 0),
        (f"{workload}/health {share:.0%} ≥ {GOAL['share_of_health']:.0%}",
         share >= GOAL["share_of_health"]),
    ]  # fmt: skip
    print(
        f"goal at {best['connections']} connections ({best['rps']:.0f} req/s, "
        f"p99 {best['p99_us'] / 1000:.0f} ms): "
        + "; ".join(f"{text} {'yes' if ok else 'NO'}" for text, ok in checks)
    )
    return all(ok for _text, ok in checks)


def main() -> int:
    args = _arguments()
    if shutil.which("wrk") is None:
        print("bench/load.py needs wrk: apt-get install wrk", file=sys.stderr)
        return 2
    WORK.mkdir(parents=True, exist_ok=True)
    keys = _database(args)
    env = _environment(args, keys)
    setup_command = [str(BIN / "zhijiang"), "shell", "-c", SETUP_SCRIPT]
    made = subprocess.run(setup_command, env=env, capture_output=True, text=True, timeout=120)
    if made.returncode:
        raise SystemExit(f"the API token could not be made:\n{made.stderr[-2000:]}")
    setup = json.loads(made.stdout.strip().splitlines()[-1])
    serve = [str(BIN / "zhijiang"), "serve", "--host", "127.0.0.1", "--port", str(args.port)]
    with open(WORK / "server.log", "w") as log:
        server = subprocess.Popen(serve, env=env, stdout=log, stderr=log, start_new_session=True)
    SERVER_GROUP[:] = [server.pid]
    base = f"http://127.0.0.1:{args.port}"
    try:
        _wait_for_health(base + "/healthz", server, seconds=90)
        health, sweep = _measure(base, setup, args)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    return 0 if _report(health, sweep, args) else 1


if __name__ == "__main__":
    sys.exit(main())
