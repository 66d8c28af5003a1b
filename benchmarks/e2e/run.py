#!/usr/bin/env python3
"""End to end: the Beast and cpp-httplib example servers on loopback, each with corset, without
CORS and with the hand-written floor, loaded by wrk with the seed's mix (mix.lua), the modes
alternating round by round in one run. Writes requests/s and p50/p99 latency (median over the
rounds) as JSON. usage: run.py BIN_DIR OUT.json [--quick]"""
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time

bin_dir, out_path = sys.argv[1], sys.argv[2]
quick = "--quick" in sys.argv
here = os.path.dirname(os.path.abspath(__file__))
servers = {"Beast": "e2e_beast_server", "cpp-httplib": "e2e_httplib_server"}
modes = ["corset", "none", "floor"]
rounds, seconds = (1, 1) if quick else (3, 4)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def milliseconds(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 1e-3, "ms": 1.0, "s": 1e3}[unit]


def load(binary, mode):
    port = free_port()
    server = subprocess.Popen([os.path.join(bin_dir, binary), str(port), mode], stdout=subprocess.PIPE, text=True)
    try:
        if server.stdout.readline().strip() != "listening":
            sys.exit(f"{binary} {mode} did not start")
        for _ in range(50):  # listening is printed just before listen() in cpp-httplib
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        run = subprocess.run(["wrk", "-t1", "-c8", f"-d{seconds}s", "--latency", "-s", os.path.join(here, "mix.lua"),
                              f"http://127.0.0.1:{port}/api/items"], capture_output=True, text=True, check=True)
    finally:
        server.kill()
        server.wait()
    out = run.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = milliseconds(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = milliseconds(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    errors = re.search(r"Socket errors: (.*)", out)
    if errors:
        sys.exit(f"{binary} {mode}: {errors.group(0)}")
    return rps, p50, p99


samples = {s: {m: [] for m in modes} for s in servers}
for _ in range(rounds):
    for server, binary in servers.items():
        for mode in modes:
            samples[server][mode].append(load(binary, mode))
results = {}
for server in servers:
    results[server] = {}
    for mode in modes:
        rows = samples[server][mode]
        results[server][mode] = {"requests_per_second": statistics.median(r[0] for r in rows),
                                 "p50_ms": statistics.median(r[1] for r in rows),
                                 "p99_ms": statistics.median(r[2] for r in rows)}
        r = results[server][mode]
        print(f"{server:12} {mode:7} {r['requests_per_second']:10.0f} req/s  p50 {r['p50_ms']:.3f} ms  "
              f"p99 {r['p99_ms']:.3f} ms")
json.dump({"rounds": rounds, "seconds": seconds, "mix": "6 credentialed GETs, 1 preflight, 1 refused origin",
           "servers": results}, open(out_path, "w"), indent=1)
