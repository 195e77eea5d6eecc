#!/usr/bin/env python3
"""Times process start-up of credential-helper calls, interleaved, with no shell in between.

    bench/startup.py SCENARIOS.json [--rounds N] [--warmup W] [--baseline LABEL] [--pairs] [--markdown OUT]
                     [--json OUT] [--rss-rounds R] [--gnu-time PATH]

SCENARIOS.json is a list of {"label", "argv": [...], "env": {...}, "stdin": "text", "expect_exit": 0}.
"env" is the whole environment of the process (nothing is inherited) and argv[0] must be an absolute
path, as posix_spawn does not search PATH.

Peak RSS: Linux folds the peak RSS of the memory a process had before exec into its ru_maxrss, and a
process spawned from here starts with this Python interpreter's memory (10-15 MiB). So the ru_maxrss
of the timed runs never drops below this script's own peak, which is more than a small helper uses.
Peak RSS is therefore taken from R extra, untimed rounds under GNU time (a small C program whose own
footprint is about 1 MiB), from the ru_maxrss of its wait4. With --rss-rounds 0 the timed runs'
figures are shown instead, and those at this script's floor are marked "<=".

With --pairs, each scenario is timed alone against the baseline, one to one (A B A B ...), and its
ratio is its median over the baseline's median in its own pairs: a binary run more often per round
stays warmer in the caches, so a round of every scenario and one baseline run flatters the scenarios.
"""
import argparse
import gc
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def spawn(argv, env, stdin_bytes):
    """Starts argv with pipes for stdin, stdout and stderr, as Docker and the kubelet connect a helper, and
    writes stdin_bytes: (pid, the read end of its stdout and stderr). Its answer (a few hundred bytes) fits
    in the pipe buffer, so the caller may wait for it first and close the read end unread."""
    read_end, write_end = os.pipe()
    out_read, out_write = os.pipe()
    actions = [
        (os.POSIX_SPAWN_DUP2, read_end, 0),
        (os.POSIX_SPAWN_DUP2, out_write, 1),
        (os.POSIX_SPAWN_DUP2, out_write, 2),
        (os.POSIX_SPAWN_CLOSE, read_end),
        (os.POSIX_SPAWN_CLOSE, write_end),
        (os.POSIX_SPAWN_CLOSE, out_read),
        (os.POSIX_SPAWN_CLOSE, out_write),
    ]
    pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
    os.close(read_end)
    os.close(out_write)
    try:
        # A few bytes fit in the pipe buffer, so this never waits on the child.
        os.write(write_end, stdin_bytes)
    except BrokenPipeError:
        pass  # the child exited without reading stdin; its exit status tells whether that is fine
    os.close(write_end)
    return pid, out_read


def spawn_once(scenario, argv):
    """One run of argv with the scenario's environment and stdin: (wall ns, ru_maxrss KiB, exit status)."""
    start = time.perf_counter_ns()
    pid, output = spawn(argv, scenario["env"], scenario["stdin_bytes"])
    _, status, rusage = os.wait4(pid, 0)
    elapsed = time.perf_counter_ns() - start
    os.close(output)
    return elapsed, rusage.ru_maxrss, os.waitstatus_to_exitcode(status)


def fail(scenario, code):
    """Stop the whole run: a scenario that does not behave as declared must never be timed."""
    # Run it once more with stderr captured, only to say why.
    rerun = subprocess.run(scenario["argv"], env=scenario["env"], input=scenario["stdin_bytes"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sys.exit(f"startup.py: scenario {scenario['label']!r} exited {code}, expected "
             f"{scenario.get('expect_exit', 0)}; stderr of a rerun:\n"
             f"{rerun.stderr.decode(errors='replace').strip()}")


def gnu_time_rss(scenario, gnu_time, out_path):
    """Peak RSS (KiB) of one untimed run under GNU time, which exits with its child's status."""
    _, _, code = spawn_once(scenario, [gnu_time, "-f", "%M", "-o", out_path] + scenario["argv"])
    if code != scenario.get("expect_exit", 0):
        fail(scenario, code)
    with open(out_path) as f:
        return int(f.read().split()[-1])  # the last line; a failing child adds a line before it


def summarize(scenario, baseline, floor_kib):
    ms = [ns / 1e6 for ns in scenario["wall_ns"]]
    deciles = statistics.quantiles(ms, n=10, method="inclusive")
    rss_kib = statistics.median(scenario["rss_kib"] or scenario["maxrss_kib"])
    rss_mib = rss_kib / 1024
    row = {"label": scenario["label"], "runs": len(ms), "median_ms": statistics.median(ms),
           "p10_ms": deciles[0], "p90_ms": deciles[-1], "min_ms": min(ms), "rss_mib": rss_mib,
           "rss_floored": not scenario["rss_kib"] and rss_kib <= floor_kib}
    if baseline is not None:
        # Timed one to one with the baseline, a scenario is held to the baseline runs of its own pairs.
        baseline_ms = (statistics.median(scenario["baseline_ns"]) / 1e6 if scenario["baseline_ns"]
                       else baseline["median_ms"])
        row["time_ratio"] = row["median_ms"] / baseline_ms
        row["rss_ratio"] = rss_mib / baseline["rss_mib"]
    return row


def markdown(rows, baseline_label):
    vs = f"`{baseline_label}`" if baseline_label else "baseline"
    lines = [f"| Scenario | Runs | Median [ms] | P10 [ms] | P90 [ms] | Min [ms] | Peak RSS [MiB] "
             f"| Median / {vs} | RSS / {vs} |",
             "|:---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        ratios = (f"{r['time_ratio']:.2f} | {r['rss_ratio']:.2f}" if "time_ratio" in r else "– | –")
        rss = ("<= " if r["rss_floored"] else "") + f"{r['rss_mib']:.1f}"
        lines.append(f"| `{r['label']}` | {r['runs']} | {r['median_ms']:.2f} | {r['p10_ms']:.2f} "
                     f"| {r['p90_ms']:.2f} | {r['min_ms']:.2f} | {rss} | {ratios} |")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scenarios")
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--baseline")
    parser.add_argument("--pairs", action="store_true")
    parser.add_argument("--markdown")
    parser.add_argument("--json")
    parser.add_argument("--rss-rounds", type=int, default=30)
    parser.add_argument("--gnu-time", default="/usr/bin/time")
    args = parser.parse_args()
    if args.rss_rounds and not os.access(args.gnu_time, os.X_OK):
        parser.error(f"{args.gnu_time} not found: apt-get install -y time, or pass --rss-rounds 0")
    if args.pairs and args.baseline is None:
        parser.error("--pairs needs --baseline")
    if args.rounds < 2:
        parser.error("--rounds must be at least 2 (percentiles need two runs)")

    with open(args.scenarios) as f:
        scenarios = json.load(f)
    labels = [s["label"] for s in scenarios]
    if len(set(labels)) != len(labels):
        sys.exit("startup.py: scenario labels must be unique")
    if args.baseline is not None and args.baseline not in labels:
        sys.exit(f"startup.py: no scenario labelled {args.baseline!r}")
    for s in scenarios:
        if not os.path.isabs(s["argv"][0]) or not os.access(s["argv"][0], os.X_OK):
            sys.exit(f"startup.py: {s['label']!r}: {s['argv'][0]!r} is not an executable absolute path")
        s["stdin_bytes"] = s.get("stdin", "").encode()
        s["wall_ns"], s["maxrss_kib"], s["exit"], s["rss_kib"], s["baseline_ns"] = [], [], [], [], []

    # A collection pause inside a timed window would be charged to whichever scenario it hit.
    gc.disable()
    # Rounds interleave the scenarios (A B C, C A B, ...), so drift in machine load, CPU clock or page
    # cache spreads over all of them instead of landing on whichever ran last; each round runs them in a
    # new order, so no scenario always follows the same one (a peer's daemons, say).
    def timed(s, keep):
        elapsed, maxrss, code = spawn_once(s, s["argv"])
        if code != s.get("expect_exit", 0):
            fail(s, code)
        if keep:  # warm-up runs fill the page cache and are not kept
            s["wall_ns"].append(elapsed)
            s["maxrss_kib"].append(maxrss)
            s["exit"].append(code)
        return elapsed

    if args.pairs:
        baseline_scenario = next(s for s in scenarios if s["label"] == args.baseline)
        for s in scenarios:
            if s is baseline_scenario:
                continue
            for round_no in range(args.warmup + args.rounds):
                keep = round_no >= args.warmup
                timed(s, keep)
                base_ns = timed(baseline_scenario, keep)
                if keep:
                    s["baseline_ns"].append(base_ns)
    else:
        order = random.Random(0)
        for round_no in range(args.warmup + args.rounds):
            for s in order.sample(scenarios, len(scenarios)):
                timed(s, round_no >= args.warmup)
    gc.enable()
    # Read only now: this process's peak RSS is the floor of every ru_maxrss measured above.
    floor_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    with tempfile.NamedTemporaryFile() as out:
        for _ in range(args.rss_rounds):
            for s in scenarios:
                s["rss_kib"].append(gnu_time_rss(s, args.gnu_time, out.name))

    rows = {s["label"]: summarize(s, None, floor_kib) for s in scenarios}
    base = rows.get(args.baseline)
    table = markdown([summarize(s, base, floor_kib) for s in scenarios], args.baseline)
    if args.rss_rounds:
        table += (f"\nPeak RSS: median of {args.rss_rounds} untimed runs under GNU time. The timed runs' own "
                  f"ru_maxrss cannot go below this script's peak RSS ({floor_kib / 1024:.1f} MiB).\n")
    else:
        table += (f"\nPeak RSS: ru_maxrss of the timed runs; \"<=\" marks figures at this script's own "
                  f"peak RSS ({floor_kib / 1024:.1f} MiB), which hides the child's.\n")
    sys.stdout.write(table)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(table)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"rounds": args.rounds, "warmup": args.warmup, "baseline": args.baseline,
                       "spawner_maxrss_kib": floor_kib,
                       "scenarios": [{k: s[k] for k in ("label", "argv", "wall_ns", "maxrss_kib", "exit", "rss_kib")}
                                     for s in scenarios]}, f, indent=1)


if __name__ == "__main__":
    main()
