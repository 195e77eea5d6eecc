#!/usr/bin/env python3
"""What bench/startup.py promises about how it runs each process, checked on small shell scenarios.

    python3 bench/test_startup.py
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

STARTUP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "startup.py")
SH = "/bin/sh"


def scenario(label, script, stdin="", expect_exit=0):
    return {"label": label, "argv": [SH, "-c", script], "env": {"PATH": "/usr/bin:/bin"}, "stdin": stdin,
            "expect_exit": expect_exit}


class StartupTests(unittest.TestCase):
    def setUp(self):
        self.work = tempfile.TemporaryDirectory()
        self.addCleanup(self.work.cleanup)

    def path(self, name):
        return os.path.join(self.work.name, name)

    def run_startup(self, scenarios, *options, timeout=60):
        with open(self.path("scenarios.json"), "w") as f:
            json.dump(scenarios, f)
        done = subprocess.run([sys.executable, STARTUP, self.path("scenarios.json"), "--json", self.path("out.json"),
                               *options], capture_output=True, text=True, timeout=timeout)
        self.assertEqual(done.returncode, 0, done.stderr)
        with open(self.path("out.json")) as f:
            return done.stdout, {s["label"]: s for s in json.load(f)["scenarios"]}

    def test_stdin_stdout_and_stderr_are_each_a_pipe_of_their_own_and_stdin_carries_the_request(self):
        # /proc/$$/fd/N names the pipe's inode, so two streams on one pipe name the same.
        script = ('[ -p /dev/stdin ] && [ -p /dev/stdout ] && [ -p /dev/stderr ] && '
                  '[ "$(readlink /proc/$$/fd/0)" != "$(readlink /proc/$$/fd/1)" ] && '
                  '[ "$(readlink /proc/$$/fd/1)" != "$(readlink /proc/$$/fd/2)" ] && '
                  '[ "$(cat)" = us.icr.io ]')
        self.run_startup([scenario("pipes", script, stdin="us.icr.io")], "--rounds", "2", "--warmup", "0",
                         "--rss-rounds", "1")

    def test_the_output_is_drained_while_the_process_runs(self):
        # More than a pipe holds on each stream: a parent that waits before it reads never sees this exit.
        script = "head -c 1048576 /dev/zero; head -c 1048576 /dev/zero >&2"
        self.run_startup([scenario("loud", script)], "--rounds", "2", "--warmup", "0", "--rss-rounds", "1",
                         timeout=20)

    def test_every_scenario_runs_one_to_one_with_the_baseline_in_timed_and_memory_rounds(self):
        log = self.path("log")
        scenarios = [scenario(label, f"echo {label} >> {log}") for label in ("a", "b", "c", "base")]
        _, runs = self.run_startup(scenarios, "--baseline", "base", "--rounds", "4", "--warmup", "1",
                                   "--rss-rounds", "2")
        with open(log) as f:
            order = f.read().split()
        self.assertEqual(order[1::2], ["base"] * (len(order) // 2), "every other run is the baseline's")
        self.assertNotIn("base", order[0::2])
        for label in "abc":
            self.assertEqual(order[0::2].count(label), 1 + 4 + 2, label)
            self.assertEqual(len(runs[label]["paired"]["wall_ns"]), 4)
            self.assertEqual(len(runs[label]["paired"]["rss_kib"]), 2)
        self.assertEqual(len(runs["base"]["wall_ns"]), 3 * 4)
        rounds = {tuple(order[start:start + 6:2]) for start in range(0, len(order), 6)}
        self.assertGreater(len(rounds), 1, "each round takes the pairs in a new order")

    def test_a_scenario_is_held_to_the_baseline_runs_of_its_own_pairs(self):
        # The baseline sleeps as long as the scenario before it asked for: 0.1 s after "quick", 0.3 s after
        # "slow". Each scenario sleeps half its pair's baseline, so each ratio is 0.5 when held to its own
        # pairs, and 0.25 or 0.75 when held to all of the baseline's runs.
        wait = self.path("wait")
        scenarios = [scenario("quick", f"echo 0.1 > {wait}; sleep 0.05"),
                     scenario("slow", f"echo 0.3 > {wait}; sleep 0.15"),
                     scenario("base", f"sleep $(cat {wait})")]
        table, _ = self.run_startup(scenarios, "--baseline", "base", "--rounds", "3", "--warmup", "0",
                                    "--rss-rounds", "0")
        ratios = {line.split("|")[1].strip(" `"): float(line.split("|")[8]) for line in table.splitlines()
                  if line.startswith("| `")}
        # 0.15 of room for the shells' own start on a loaded machine; the wrong baseline reads 0.25 or 0.75.
        self.assertAlmostEqual(ratios["quick"], 0.5, delta=0.15)
        self.assertAlmostEqual(ratios["slow"], 0.5, delta=0.15)
        self.assertEqual(ratios["base"], 1.0)

    def test_a_scenario_that_exits_otherwise_stops_the_run_with_its_own_stderr(self):
        with open(self.path("scenarios.json"), "w") as f:
            json.dump([scenario("broken", "echo no such key >&2; exit 3")], f)
        done = subprocess.run([sys.executable, STARTUP, self.path("scenarios.json"), "--rounds", "2"],
                              capture_output=True, text=True, timeout=20)
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("'broken' exited 3, expected 0", done.stderr)
        self.assertIn("no such key", done.stderr)


if __name__ == "__main__":
    unittest.main()
