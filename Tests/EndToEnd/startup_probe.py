#!/usr/bin/env python3
"""Where the console's first frame goes, next to dialog's: for each program, when its own code
starts (after the dynamic loader), when it first writes to the terminal, its last write of the
first frame, and ttydrive's first-frame time, all in ms from exec.

Usage:  python3 Tests/EndToEnd/startup_probe.py [--rounds N]
Needs:  cc, dialog, pyte; a built console (FLEXPRICE_CONSOLE_BIN, as bench_console.py).

The C helpers in startup_probe/ are compiled into a temporary folder: launch.c notes the time
and execs the program; write_times.c (LD_PRELOAD) notes when the program's code starts and
each write(2) to the terminal. dialog writes its frame through stdio, which the preload cannot
see, so its "last write" is a lower bound; ttydrive's number is comparable for both.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bench_console import DIALOG_COMMAND, TTYDRIVE, console_binary  # noqa: E402


def build_helpers(folder):
    launch = os.path.join(folder, "launch")
    preload = os.path.join(folder, "write_times.so")
    subprocess.run(["cc", "-O2", "-o", launch, os.path.join(HERE, "startup_probe", "launch.c")], check=True)
    subprocess.run(["cc", "-O2", "-shared", "-fPIC", "-o", preload, os.path.join(HERE, "startup_probe", "write_times.c"),
                    "-ldl"], check=True)
    return launch, preload


def probe(command, env, script, ready, launch, preload, folder):
    report, times = os.path.join(folder, "report.json"), os.path.join(folder, "times.txt")
    args = [sys.executable, TTYDRIVE, "--cols", "80", "--rows", "24", "--clean-env", "--json-out", report,
            "--keys-inline", script, "--env", f"LD_PRELOAD={preload}", "--env", f"FLEXPRICE_PROBE_OUT={times}"]
    if ready:
        args += ["--ready", ready]
    for key, value in env.items():
        args += ["--env", f"{key}={value}"]
    subprocess.run(args + ["--", launch] + command, capture_output=True, timeout=120, check=True)
    with open(report) as handle:
        first_frame = json.load(handle)["first_frame_ms"]
    loaded, writes = None, []
    with open(times) as handle:
        for line in handle:
            parts = line.split()
            if parts[0] == "loaded":
                loaded = float(parts[1])
            else:
                writes.append(float(parts[1]))
    # The first frame's writes: up to the first pause of 20 ms (the script then waits or quits).
    frame = writes[:1]
    for moment in writes[1:]:
        if moment - frame[-1] > 20:
            break
        frame.append(moment)
    return {"code starts": loaded, "first write": frame[0] if frame else None,
            "last write of the frame": frame[-1] if frame else None, "ttydrive first frame": first_frame}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    binary = console_binary()
    runs = {"console": [], "dialog": []}
    with tempfile.TemporaryDirectory(prefix="fx-probe-") as folder:
        launch, preload = build_helpers(folder)
        for _ in range(args.rounds):
            with tempfile.TemporaryDirectory(prefix="fx-probe-home-") as home:
                env = {"HOME": home, "XDG_DATA_HOME": home + "/data", "XDG_CONFIG_HOME": home + "/config",
                       "XDG_STATE_HOME": home + "/state", "USER": "bench", "ESCDELAY": "25"}
                runs["console"].append(probe([binary], env, "wait 50\ntype q", None, launch, preload, folder))
            runs["dialog"].append(probe(DIALOG_COMMAND, {"ESCDELAY": "25"}, "key Esc", "Cancel", launch, preload,
                                        folder))
    print(f"ms from exec, medians of {args.rounds} rounds (80x24, fresh store, TERM=xterm-256color)")
    print(f"{'':26} {'console':>10} {'dialog':>10}")
    for key in ["code starts", "first write", "last write of the frame", "ttydrive first frame"]:
        values = [statistics.median(run[key] for run in runs[name]) for name in ("console", "dialog")]
        print(f"{key:26} {values[0]:>10.2f} {values[1]:>10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
