#!/usr/bin/env python3
"""Wall time of N token-mode `get`s started at once on a cold cache, and the IAM calls they make.

    bench/parallel_cold.py SCENARIOS.json IAM_URL LABEL... [--processes N] [--rounds R]

Each LABEL names a scenario of SCENARIOS.json (as bench/startup.py reads it). Each round gives all N
processes one new, empty HOME (and XDG directories), so the cache starts cold and is shared by them,
spawns them back to back, and times from the first spawn to the last exit. With several labels the
rounds alternate between them (A B A B), so a change in the machine's load falls on each alike. Prints
one row of a Markdown table per label: the build (LABEL up to its first colon), the rounds, the median,
p10 and p90 wall time and the distinct counts of IAM token requests per round.
"""
import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import urllib.request

from startup import drain, spawn  # bench/startup.py, beside this file


def emulator(iam, path, post=False):
    request = urllib.request.Request(f"{iam}/_emulator/{path}", data=b"{}" if post else None,
                                     headers={"Content-Type": "application/json"}, method="POST" if post else "GET")
    with urllib.request.urlopen(request) as response:
        body = response.read()
    return json.loads(body) if body else None


def one_round(scenario, processes, home):
    env = dict(scenario["env"], HOME=home, XDG_CONFIG_HOME=f"{home}/.config", XDG_DATA_HOME=f"{home}/.local/share",
               XDG_STATE_HOME=f"{home}/.local/state", XDG_CACHE_HOME=f"{home}/.cache")
    stdin = scenario.get("stdin", "").encode()
    start = time.perf_counter_ns()
    children = [spawn(scenario["argv"], env, stdin) for _ in range(processes)]
    drain([fd for _, outputs in children for fd in outputs])
    codes = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid, _ in children]
    elapsed_ms = (time.perf_counter_ns() - start) / 1e6
    if any(code != 0 for code in codes):
        sys.exit(f"parallel_cold.py: exit codes {codes}")
    return elapsed_ms


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scenarios")
    parser.add_argument("iam")
    parser.add_argument("labels", nargs="+")
    parser.add_argument("--processes", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with open(args.scenarios) as f:
        scenarios = {s["label"]: s for s in json.load(f)}
    walls = {label: [] for label in args.labels}
    calls = {label: [] for label in args.labels}
    for _ in range(args.rounds):
        for label in args.labels:
            with tempfile.TemporaryDirectory() as home:
                emulator(args.iam, "reset", post=True)
                walls[label].append(one_round(scenarios[label], args.processes, home))
                calls[label].append(emulator(args.iam, "counts")["tokenRequests"])
    for label in args.labels:
        deciles = statistics.quantiles(walls[label], n=10, method="inclusive")
        build = label.split(":")[0]
        counts = ", ".join(str(c) for c in sorted(set(calls[label])))
        print(f"| `{build}` | {args.rounds} | {statistics.median(walls[label]):.1f} | {deciles[0]:.1f} | {deciles[-1]:.1f} | {counts} |")

if __name__ == "__main__":
    main()
