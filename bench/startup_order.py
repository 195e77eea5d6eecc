#!/usr/bin/env python3
"""Writes the order in which the helper's `get` paths first run each managed method.

    bench/startup_order.py SCENARIOS.json HELPER HELPER.dbg OUT

Runs every scenario once under Valgrind's lackey tool, which reports each instruction executed, maps
the addresses to the method symbols of HELPER.dbg (nm), and writes one symbol per line: the methods of
the first scenario in the order they first ran, then those each later scenario adds. ILC lays the
managed code out in this order (--method-layout:Explicit), so a start touches a few contiguous pages of
code instead of pages scattered over the whole binary (see bench/startup-layout.md).
"""
import bisect
import os
import shutil
import subprocess
import sys
import tempfile


def section(dbg, name):
    """(start, end) of a section of the ELF file."""
    out = subprocess.run(["readelf", "-SW", dbg], check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        fields = line.replace("[ ", "[").split()
        if len(fields) > 5 and fields[1] == name:
            start, size = int(fields[3], 16), int(fields[5], 16)
            return start, start + size
    sys.exit(f"startup_order.py: {dbg} has no {name} section")


def method_symbols(dbg, start, end):
    """Sorted (address, names) of the code inside [start, end). A method can have several names (an
    export alias, or bodies folded into one), and ILC knows it by one of them, so all are kept."""
    out = subprocess.run(["nm", "-n", "--defined-only", dbg], check=True, capture_output=True, text=True).stdout
    names = {}
    for line in out.splitlines():
        fields = line.split()
        if len(fields) == 3 and start <= int(fields[0], 16) < end and not fields[2].startswith("__start_"):
            names.setdefault(int(fields[0], 16), []).append(fields[2])
    return sorted(names.items())


def first_runs(scenario, helper, symbols, start, end, trace):
    """The symbols of the instructions the scenario executes inside [start, end), in first-run order."""
    argv = ["valgrind", "--tool=lackey", "--trace-mem=yes", f"--log-file={trace}", helper] + scenario["argv"][1:]
    # Pipes for stdin, stdout and stderr, as clients connect a helper.
    result = subprocess.run(argv, env=scenario["env"], input=scenario.get("stdin", "").encode(), capture_output=True)
    if result.returncode != scenario.get("expect_exit", 0):
        sys.exit(f"startup_order.py: {scenario['label']!r} exited {result.returncode} under valgrind:\n"
                 f"{result.stderr.decode(errors='replace')}")
    addresses = [s[0] for s in symbols]
    seen, order = set(), []
    with open(trace) as lines:
        for line in lines:
            if not line.startswith("I "):
                continue
            address = int(line[2:].split(",")[0], 16)
            if not start <= address < end:
                continue
            for name in symbols[bisect.bisect_right(addresses, address) - 1][1]:
                if name not in seen:
                    seen.add(name)
                    order.append(name)
    return order


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    scenarios_path, helper, dbg, out_path = sys.argv[1:]
    import json
    with open(scenarios_path) as f:
        scenarios = json.load(f)
    start, end = section(dbg, "__managedcode")
    symbols = method_symbols(dbg, start, end)
    with tempfile.TemporaryDirectory() as tmp:
        # Alone in a directory: Valgrind's reader gives up on the separate debug file ILC writes.
        bare = os.path.join(tmp, os.path.basename(helper))
        shutil.copy2(helper, bare)
        seen, order = set(), []
        for scenario in scenarios:
            added = [name for name in first_runs(scenario, bare, symbols, start, end, os.path.join(tmp, "trace"))
                     if name not in seen]
            seen.update(added)
            order.extend(added)
            print(f"{scenario['label']}: {len(added)} more methods", file=sys.stderr)
    with open(out_path, "w") as f:
        f.write("".join(name + "\n" for name in order))


if __name__ == "__main__":
    main()
