#!/usr/bin/env python3
"""Times process start-up of credential-helper calls, interleaved, with no shell in between.

    bench/startup.py SCENARIOS.json [--rounds N] [--warmup W] [--baseline LABEL] [--markdown OUT]
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

With --baseline, every scenario is timed one to one with the baseline (A B A B ...): each run of a
scenario is followed by a run of the baseline, both for the timed runs and under GNU time, and a
scenario's ratios are its medians over the baseline's medians in its own pairs. A binary run more often
stays warmer in the caches, so a round of every scenario with a single baseline run flatters the
scenarios: the same helper build read 0.66 of ecr-login's time at seven runs to one, 0.78 at one to one
and 0.97 at one to seven. Each round still takes the pairs in a new order, so drift in machine load, CPU
clock or page cache spreads over all scenarios, and two builds in one run are compared within the same
rounds. Without --baseline, each round runs every scenario once, in a new order.
"""
import argparse
import gc
import json
import os
import random
import resource
import select
import statistics
import sys
import tempfile
import time


def spawn(argv, env, stdin_bytes):
    """Starts argv with a pipe for each of stdin, stdout and stderr, as Docker and the kubelet connect a helper,
    writes stdin_bytes and closes stdin: (pid, [the read ends of its stdout and stderr]). A request (under a
    KiB) fits in the empty pipe, so the write never waits on the child; the caller drains the read ends."""
    stdin_read, stdin_write = os.pipe()
    out_read, out_write = os.pipe()
    err_read, err_write = os.pipe()
    # Pipes are created close-on-exec, so the child keeps only the ends dup2 gives it (and a child started
    # next to it holds none of its pipes, whose end of file would otherwise wait for that child too).
    actions = [(os.POSIX_SPAWN_DUP2, stdin_read, 0), (os.POSIX_SPAWN_DUP2, out_write, 1),
               (os.POSIX_SPAWN_DUP2, err_write, 2)]
    pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
    for fd in (stdin_read, out_write, err_write):
        os.close(fd)
    try:
        os.write(stdin_write, stdin_bytes)
    except BrokenPipeError:
        pass  # the child exited without reading stdin; its exit status tells whether that is fine
    os.close(stdin_write)
    return pid, [out_read, err_read]


def drain(fds):
    """Reads every pipe in fds to its end, all at once, and closes it: what each holds, in the order of fds.
    Go's os/exec, which Docker and the kubelet use, copies a child's stdout and stderr while it runs, so
    the child never waits on a full pipe and the reading is part of the call."""
    chunks = {fd: [] for fd in fds}
    poller = select.poll()
    for fd in fds:
        poller.register(fd, select.POLLIN)
    left = len(fds)
    while left:
        for fd, _ in poller.poll():
            data = os.read(fd, 65536)
            if data:
                chunks[fd].append(data)
            else:  # every writer closed it: the child, and anything it started, has exited
                poller.unregister(fd)
                os.close(fd)
                left -= 1
    return [b"".join(chunks[fd]) for fd in fds]


def spawn_once(scenario, argv):
    """One run of argv with the scenario's environment and stdin, its output drained: (wall ns, ru_maxrss KiB,
    exit status, stderr)."""
    start = time.perf_counter_ns()
    pid, outputs = spawn(argv, scenario["env"], scenario["stdin_bytes"])
    _, stderr = drain(outputs)
    _, status, rusage = os.wait4(pid, 0)
    elapsed = time.perf_counter_ns() - start
    return elapsed, rusage.ru_maxrss, os.waitstatus_to_exitcode(status), stderr


def fail(scenario, code, stderr):
    """Stop the whole run: a scenario that does not behave as declared must never be timed."""
    sys.exit(f"startup.py: scenario {scenario['label']!r} exited {code}, expected "
             f"{scenario.get('expect_exit', 0)}; its stderr:\n{stderr.decode(errors='replace').strip()}")


def gnu_time_rss(scenario, gnu_time, out_path):
    """Peak RSS (KiB) of one untimed run under GNU time, which exits with its child's status."""
    _, _, code, stderr = spawn_once(scenario, [gnu_time, "-f", "%M", "-o", out_path] + scenario["argv"])
    if code != scenario.get("expect_exit", 0):
        fail(scenario, code, stderr)
    with open(out_path) as f:
        return int(f.read().split()[-1])  # the last line; a failing child adds a line before it


def summarize(runs, floor_kib):
    """Medians and deciles of a record of runs: a scenario's, or the baseline's runs paired with one."""
    ms = [ns / 1e6 for ns in runs["wall_ns"]]
    deciles = statistics.quantiles(ms, n=10, method="inclusive")
    rss_kib = statistics.median(runs["rss_kib"] or runs["maxrss_kib"])
    return {"label": runs["label"], "runs": len(ms), "median_ms": statistics.median(ms), "p10_ms": deciles[0],
            "p90_ms": deciles[-1], "min_ms": min(ms), "rss_mib": rss_kib / 1024,
            "rss_floored": not runs["rss_kib"] and rss_kib <= floor_kib}


def with_ratios(row, paired):
    """A scenario's row held to the baseline runs of its own pairs."""
    return dict(row, time_ratio=row["median_ms"] / paired["median_ms"], rss_ratio=row["rss_mib"] / paired["rss_mib"])


def schedule(order, scenarios, baseline):
    """One round: every scenario but the baseline once, each followed by a run of the baseline if there is
    one, as [(scenario to run, the scenario whose pair that baseline run closes, or None)]. Each round takes
    a new order (A B C, C A B, ...), so drift in machine load, CPU clock or page cache spreads over all the
    scenarios instead of landing on whichever ran last, and no scenario always follows the same one (a
    peer's daemons, say)."""
    others = [s for s in scenarios if s is not baseline]
    runs = []
    for s in order.sample(others, len(others)):
        runs.append((s, None))
        if baseline is not None:
            runs.append((baseline, s))
    return runs


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
    parser.add_argument("--markdown")
    parser.add_argument("--json")
    parser.add_argument("--rss-rounds", type=int, default=30)
    parser.add_argument("--gnu-time", default="/usr/bin/time")
    args = parser.parse_args()
    if args.rss_rounds and not os.access(args.gnu_time, os.X_OK):
        parser.error(f"{args.gnu_time} not found: apt-get install -y time, or pass --rss-rounds 0")
    if args.rounds < 2:
        parser.error("--rounds must be at least 2 (percentiles need two runs)")

    with open(args.scenarios) as f:
        scenarios = json.load(f)
    labels = [s["label"] for s in scenarios]
    if len(set(labels)) != len(labels):
        sys.exit("startup.py: scenario labels must be unique")
    if args.baseline is not None and args.baseline not in labels:
        sys.exit(f"startup.py: no scenario labelled {args.baseline!r}")
    if args.baseline is not None and len(scenarios) < 2:
        sys.exit("startup.py: the baseline needs a scenario to pair with")
    baseline = next((s for s in scenarios if s["label"] == args.baseline), None)
    for s in scenarios:
        if not os.path.isabs(s["argv"][0]) or not os.access(s["argv"][0], os.X_OK):
            sys.exit(f"startup.py: {s['label']!r}: {s['argv'][0]!r} is not an executable absolute path")
        s["stdin_bytes"] = s.get("stdin", "").encode()
        s["wall_ns"], s["maxrss_kib"], s["exit"], s["rss_kib"] = [], [], [], []
        if baseline is not None and s is not baseline:
            # The baseline's runs that closed this scenario's pairs.
            s["paired"] = {"label": baseline["label"], "wall_ns": [], "maxrss_kib": [], "rss_kib": []}

    def records(s, pair):
        """Where a run's figures go: its scenario's record and, for a baseline run, that of its pair."""
        return [s, pair["paired"]] if pair else [s]

    order = random.Random(0)
    # A collection pause inside a timed window would be charged to whichever scenario it hit.
    gc.disable()
    for round_no in range(args.warmup + args.rounds):
        for s, pair in schedule(order, scenarios, baseline):
            elapsed, maxrss, code, stderr = spawn_once(s, s["argv"])
            if code != s.get("expect_exit", 0):
                fail(s, code, stderr)
            if round_no >= args.warmup:  # warm-up runs fill the page cache and are not kept
                s["exit"].append(code)
                for record in records(s, pair):
                    record["wall_ns"].append(elapsed)
                    record["maxrss_kib"].append(maxrss)
    gc.enable()
    # Read only now: this process's peak RSS is the floor of every ru_maxrss measured above.
    floor_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    with tempfile.NamedTemporaryFile() as out:
        for _ in range(args.rss_rounds):
            for s, pair in schedule(order, scenarios, baseline):
                kib = gnu_time_rss(s, args.gnu_time, out.name)
                for record in records(s, pair):
                    record["rss_kib"].append(kib)

    rows = [summarize(s, floor_kib) for s in scenarios]
    if baseline is not None:
        rows = [with_ratios(row, summarize(s["paired"], floor_kib) if "paired" in s else row)
                for s, row in zip(scenarios, rows)]
    table = markdown(rows, args.baseline)
    if baseline is not None:
        paired = [summarize(s["paired"], floor_kib)["median_ms"] for s in scenarios if s is not baseline]
        table += (f"\nEach scenario timed one to one with `{args.baseline}` (A B A B), the pairs in a new order each "
                  f"round; its ratios are to the `{args.baseline}` runs of its own pairs (their medians "
                  f"{min(paired):.2f}–{max(paired):.2f} ms).\n")
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
                       "scenarios": [{k: v for k, v in s.items() if k in (
                                         "label", "argv", "wall_ns", "maxrss_kib", "exit", "rss_kib", "paired")}
                                     for s in scenarios]}, f, indent=1)


if __name__ == "__main__":
    main()
