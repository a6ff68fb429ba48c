"""Load test: ``crs serve`` on 127.0.0.1, single profiles and batches of 1,000.

Run ``python benchmarks/load_serve.py [--seconds S] [--clients C]``.  It starts
the real service (``python -m crs serve``) on a free port of 127.0.0.1 in a
subprocess, then for each kind of request sends them from ``C`` client threads
for at most ``S`` seconds and at most a fixed number of requests (so the run
always ends by itself), and prints requests per second and the median and p99
latency:

* ``POST /score`` with one profile (examples/clients.jsonl, in turn);
* ``POST /score`` with a batch of 1,000 profiles (one answer per profile).

Only this machine is ever contacted.  This is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def wait_up(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/health")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the service did not start")


def run(port: int, body: bytes, seconds: float, limit: int, clients: int) -> list[float]:
    """Send ``body`` to POST /score until ``seconds`` or ``limit`` requests; the latencies."""
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=120)
        headers = {"Content-Type": "application/json"}
        while time.monotonic() < stop:
            with lock:
                if len(latencies) >= limit:
                    return
            start = time.perf_counter()
            conn.request("POST", "/score?on=2026-06-01", body, headers)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"status {response.status}")
            with lock:
                latencies.append(time.perf_counter() - start)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.append(time.perf_counter() - began)  # the last item: the wall time
    return latencies


def report(label: str, found: list[float], items: int) -> None:
    *latencies, wall = found
    latencies.sort()
    p99 = latencies[max(0, round(0.99 * len(latencies)) - 1)]
    rate = len(latencies) / wall
    print(
        f"{label:<28} {len(latencies):>6} requests in {wall:5.1f} s: {rate:8.1f} req/s "
        f"({rate * items:9.0f} profiles/s), median {statistics.median(latencies) * 1000:7.1f} ms, "
        f"p99 {p99 * 1000:7.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="at most, per kind")
    parser.add_argument("--clients", type=int, default=4, help="concurrent client threads")
    args = parser.parse_args()
    profiles = [
        json.loads(line)
        for line in (ROOT / "examples" / "clients.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    one = json.dumps(profiles[0]).encode()
    batch = json.dumps([profiles[i % len(profiles)] for i in range(1000)]).encode()
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "crs", "serve", "--host", HOST, "--port", str(port)],
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_up(port, process)
        run(port, one, 1.0, 200, 1)  # warm up: the rule sets and tables load once
        report("single profile", run(port, one, args.seconds, 20_000, args.clients), 1)
        report("batch of 1,000 profiles", run(port, batch, args.seconds, 200, args.clients), 1000)
    finally:
        process.terminate()
        process.wait(10)


if __name__ == "__main__":
    main()
