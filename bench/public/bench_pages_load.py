"""Public pages under load: `scrutiny serve` (gunicorn) on PostgreSQL at 50 connections.

Run (a scratch PostgreSQL database, migrated and loaded with the demo if empty):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scrutiny_loadbench \\
    SCRUTINY_DATA_DIR=/tmp/loadbench-data .venv/bin/python bench/public/bench_pages_load.py

Starts the server twice on the same data, same machine, same run: first with the page cache
off (``SCRUTINY_PAGE_CACHE=off``: every page rendered, the baseline), then on, with Redis as
the cache (``SCRUTINY_CACHE=redis``, as in production). For each page, a small asyncio client
(HTTP/1.1 keep-alive, nothing downloaded) holds ``--connections`` connections for
``--seconds`` and reports requests per second, median and p95 latency and errors. The
sign-in page (never cached) is the server's own baseline. The client runs on the same cores
as the server; the load average is printed before and after.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request


async def _one_connection(host: str, port: int, path: str, until: float, out: list, errors: list):
    reader, writer = await asyncio.open_connection(host, port)
    request = f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n".encode()
    try:
        while time.perf_counter() < until:
            start = time.perf_counter()
            writer.write(request)
            await writer.drain()
            status_line = await reader.readline()
            length, close = 0, False
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b""):
                    break
                name, _, value = line.decode("latin-1").partition(":")
                if name.lower() == "content-length":
                    length = int(value.strip())
                elif name.lower() == "connection" and "close" in value.lower():
                    close = True
            await reader.readexactly(length)
            status = int(status_line.split()[1]) if status_line else 0
            if status != 200:
                errors.append(status)
            out.append((time.perf_counter() - start) * 1000)
            if close:
                writer.close()
                reader, writer = await asyncio.open_connection(host, port)
    except (ConnectionError, asyncio.IncompleteReadError) as error:
        errors.append(repr(error))
    finally:
        writer.close()


async def _load(host: str, port: int, path: str, connections: int, seconds: float):
    latencies: list[float] = []
    errors: list = []
    until = time.perf_counter() + seconds
    started = time.perf_counter()
    await asyncio.gather(
        *(_one_connection(host, port, path, until, latencies, errors) for _ in range(connections))
    )
    elapsed = time.perf_counter() - started
    return latencies, errors, elapsed


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(env: dict[str, str], port: int) -> subprocess.Popen:
    process = subprocess.Popen(  # noqa: S603 - our own command
        [sys.executable, "-m", "scrutiny.cli", "serve", "--bind", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)  # noqa: S310
            return process
        except urllib.error.HTTPError:  # answering (unhealthy only for want of a worker)
            return process
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise RuntimeError("the server did not start")


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] if ordered else 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=15)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a scratch PostgreSQL database.")
    env = dict(os.environ, SCRUTINY_LOCAL="on", DJANGO_SETTINGS_MODULE="scrutiny.settings")
    env.setdefault("SCRUTINY_DATA_DIR", "/tmp/loadbench-data")
    env.setdefault("SCRUTINY_CACHE", "redis")
    cli = [sys.executable, "-m", "scrutiny.cli"]
    subprocess.run([*cli, "migrate", "-v0"], env=env, check=True)  # noqa: S603
    check = subprocess.run(  # noqa: S603
        [
            *cli,
            "shell",
            "-c",
            "from scrutiny.committees.models import Meeting as M;"
            "m=M.objects.filter(agenda_published_at__isnull=False).order_by('-date').first();"
            "print(m.pk if m else '', m.panel.slug if m else '')",
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    if not check.stdout.split():
        subprocess.run([*cli, "load_demo"], env=env, check=True)  # noqa: S603
        check = subprocess.run(check.args, env=env, check=True, capture_output=True, text=True)
    meeting_pk, panel_slug = check.stdout.split()[-2:]
    pages = {
        "sign-in (never cached)": "/accounts/login/",
        "home": "/",
        "panel": f"/panels/{panel_slug}/",
        "meeting": f"/meetings/{meeting_pk}/",
    }
    print(f"load average before: {os.getloadavg()}")
    rows = []
    for label, cache in (("cache off (baseline)", "off"), ("cache on (redis)", "on")):
        port = _free_port()
        server = _serve(dict(env, SCRUTINY_PAGE_CACHE=cache), port)
        try:
            for page, path in pages.items():
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30)  # noqa: S310
                latencies, errors, elapsed = asyncio.run(
                    _load("127.0.0.1", port, path, args.connections, args.seconds)
                )
                rows.append(
                    (
                        label,
                        page,
                        len(latencies) / elapsed,
                        statistics.median(latencies),
                        p95(latencies),
                        len(errors),
                        os.getloadavg()[0],
                    )
                )
                print(
                    f"{label:22} {page:24} {rows[-1][2]:8.1f} req/s  median {rows[-1][3]:7.1f} ms"
                    f"  p95 {rows[-1][4]:7.1f} ms  errors {rows[-1][5]}  load {rows[-1][6]:.2f}",
                    flush=True,
                )
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(
        f"load average after: {os.getloadavg()}  ({os.cpu_count()} cores, client on the same cores)"
    )


if __name__ == "__main__":
    main()
