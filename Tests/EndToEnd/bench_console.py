#!/usr/bin/env python3
"""Console benchmark: the same nine-field customer typed into flexprice-console and into
`dialog --form` at 80x24, in the same run, alternating, N rounds each.

Usage:  python3 Tests/EndToEnd/bench_console.py [--rounds N] [--json OUT]
Needs:  dialog (apt-get install dialog), pyte (pip install -r Tests/EndToEnd/requirements.txt),
        a built console (swift build -c release; FLEXPRICE_CONSOLE_BIN overrides the path).

Reports, for each program, the median over rounds of: first frame (ms), bytes written per
typed character (p50, p95), bytes per field change (the Down key between fields; p50, max),
and per-key latency to the last byte (p50, p95); then the ratios console/dialog, and
PASS/FAIL against the budgets in BENCHMARKS.md.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TTYDRIVE = os.path.join(HERE, "ttydrive")

# The nine fields, Down between fields, address line 2 skipped: as dialog-baseline types them.
FIELDS = [("user_12345", 1), ("Acme Corporation", 1), ("billing@acme.com", 1), ("123 Main Street", 2),
          ("San Francisco", 1), ("CA", 1), ("94105", 1), ("US", 0)]


def typing_script():
    lines = []
    for text, downs in FIELDS:
        lines.append(f"type {text}")
        if downs:
            lines.append("key Down" + (f" x{downs}" if downs > 1 else ""))
    return lines


def console_script(save=True):
    ending = ["key Ctrl-S", "expect Saved", "type q"] if save else ["key Esc", "wait 60", "key Esc", "expect Discard", "type y", "type q"]
    return "\n".join(["expect No customers yet", "type n", "expect New customer", "wait 100"] + typing_script()
                      + ending)


def dialog_script():
    return "\n".join(typing_script() + ["key Enter"])


def presses(lines):
    """(keys pressed, characters typed) by a key script's `type` and `key` lines."""
    keys = chars = 0
    for line in lines:
        verb, _, rest = line.partition(" ")
        if verb == "type":
            chars += len(rest)
        elif verb == "key":
            name, _, times = rest.partition(" x")
            keys += int(times) if times else 1
    return keys, chars


def extra_keystrokes():
    """Keystrokes beyond the field text to enter the nine-field customer, from each program's
    script up to its save: the console from its list (n opens the form, ^S saves; ^N saves
    and opens the next form, so each further customer needs no n), dialog from its form
    (Enter ends it; it saves nothing itself)."""
    form_keys, field_chars = presses(typing_script())
    console_first = presses(["type n"] + typing_script() + ["key Ctrl-S"])
    console_next = presses(typing_script() + ["key Ctrl-N"])
    dialog = presses(typing_script() + ["key Enter"])
    beyond = lambda counted: counted[0] + counted[1] - field_chars
    return {"typed_characters": field_chars, "field_moves": form_keys, "console_first": beyond(console_first),
            "console_next": beyond(console_next), "dialog": beyond(dialog)}


DIALOG_COMMAND = ["dialog", "--title", "Customer record", "--form", "Enter the customer details:", "20", "76", "11",
                  "External ID:", "1", "1", "", "1", "18", "40", "64",
                  "Name:", "2", "1", "", "2", "18", "40", "255",
                  "Email:", "3", "1", "", "3", "18", "40", "255",
                  "Address line 1:", "4", "1", "", "4", "18", "40", "255",
                  "Address line 2:", "5", "1", "", "5", "18", "40", "255",
                  "City:", "6", "1", "", "6", "18", "40", "100",
                  "State:", "7", "1", "", "7", "18", "40", "100",
                  "Postal code:", "8", "1", "", "8", "18", "20", "20",
                  "Country:", "9", "1", "", "9", "18", "3", "2"]


def bench_environment(home):
    return {"HOME": home, "XDG_DATA_HOME": home + "/data", "XDG_CONFIG_HOME": home + "/config",
            "XDG_STATE_HOME": home + "/state", "USER": "bench", "ESCDELAY": "25"}


def console_binary():
    """FLEXPRICE_CONSOLE_BIN, else the release build."""
    binary = os.environ.get("FLEXPRICE_CONSOLE_BIN") or os.path.join(HERE, "..", "..", ".build", "release",
                                                                      "flexprice-console")
    binary = os.path.abspath(binary)
    if not os.access(binary, os.X_OK):
        raise SystemExit(f"no console at {binary}: run `swift build -c release` first")
    return binary


def drive(command, script, env, ready=None):
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = handle.name
    args = [sys.executable, TTYDRIVE, "--cols", "80", "--rows", "24", "--clean-env", "--json-out", out,
            "--keys-inline", script]
    if ready:
        args += ["--ready", ready]
    for key, value in env.items():
        args += ["--env", f"{key}={value}"]
    done = subprocess.run(args + ["--"] + command, capture_output=True, text=True, timeout=120)
    with open(out) as handle:
        report = json.load(handle)
    os.remove(out)
    if done.returncode != 0:
        raise SystemExit(f"ttydrive failed for {command[0]}:\n{done.stdout}{done.stderr}")
    return report


def pct(values, p):
    ordered = sorted(values)
    if not ordered:
        return 0
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def measure(report, form_start_step):
    """Numbers from one ttydrive report; only the steps typed into the form count."""
    typed, changes, latency = [], [], []
    for event in report["events"]:
        if event.get("step", 0) < form_start_step or event.get("kind") not in ("type", "key"):
            continue
        if event["kind"] == "type":
            typed.append(event["bytes"] + event.get("late_bytes", 0))
        elif event.get("input") in ("Down", "\x1b[B", "\x1bOB") or "Down" in str(event.get("input")):
            changes.append(event["bytes"] + event.get("late_bytes", 0))
        if event.get("settle_ms") is not None:
            latency.append(event["settle_ms"])
    return {
        "first_frame_ms": report["first_frame_ms"],
        "typed_p50": pct(typed, 50), "typed_p95": pct(typed, 95),
        "change_p50": pct(changes, 50), "change_max": max(changes) if changes else 0,
        "latency_p50_ms": pct(latency, 50), "latency_p95_ms": pct(latency, 95),
        "typed_n": len(typed), "changes_n": len(changes),
    }


def median_of(runs, key):
    return statistics.median(run[key] for run in runs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", help="write the raw per-round numbers here")
    parser.add_argument("--existing-store", action="store_true",
                        help="start the console on a store that already exists (made before the rounds), "
                             "as operators usually do, instead of a new one each round")
    parser.add_argument("--console-args", default="",
                        help="arguments for the console, e.g. \"--backend local\" to start it through the argument "
                             "parser (with none it takes the direct path)")
    args = parser.parse_args()

    binary = console_binary()
    command = [binary] + args.console_args.split()

    console_runs, dialog_runs = [], []
    form_step = 4  # the console's first form keystroke is the 5th script step (after expect/type n/expect/wait)
    kept = tempfile.TemporaryDirectory(prefix="fx-bench-kept-") if args.existing_store else None
    if kept:
        drive(command, "expect No customers yet\ntype q", bench_environment(kept.name))  # creates the store
    for round_number in range(args.rounds):
        with tempfile.TemporaryDirectory(prefix="fx-bench-") as fresh:
            home = kept.name if kept else fresh
            # On a kept store the form is discarded rather than saved (the first Esc closes the
            # country suggestions): the same external id would be refused the second time.
            script = console_script(save=not kept)
            console = drive(command, script, bench_environment(home))
            console_runs.append(measure(console, form_step))
        dialog = drive(DIALOG_COMMAND, dialog_script(), {"ESCDELAY": "25"}, ready="Cancel")
        dialog_runs.append(measure(dialog, 0))
        print(f"round {round_number + 1}/{args.rounds} done", file=sys.stderr)

    rows = [("first frame (ms)", "first_frame_ms"), ("bytes per typed char p50", "typed_p50"),
            ("bytes per typed char p95", "typed_p95"), ("bytes per field change p50", "change_p50"),
            ("bytes per field change max", "change_max"), ("key latency p50 (ms)", "latency_p50_ms"),
            ("key latency p95 (ms)", "latency_p95_ms")]
    if kept:
        kept.cleanup()
    print(f"80x24, TERM=xterm-256color, {args.rounds} rounds each, medians over rounds, "
          f"{'existing' if kept else 'new'} store, console arguments: {args.console_args or '(none)'} "
          f"({console_runs[0]['typed_n']} typed characters, {console_runs[0]['changes_n']} field changes per round)")
    print(f"{'metric':30} {'console':>10} {'dialog':>10} {'console/dialog':>15}")
    for label, key in rows:
        ours, theirs = median_of(console_runs, key), median_of(dialog_runs, key)
        ratio = f"{ours / theirs:.2f}" if theirs else "-"
        print(f"{label:30} {ours:>10.2f} {theirs:>10.2f} {ratio:>15}")

    strokes = extra_keystrokes()
    print(f"keystrokes beyond the {strokes['typed_characters']} typed characters: console {strokes['console_first']} "
          f"(n, {strokes['field_moves']} field moves, ^S), each further customer with ^N {strokes['console_next']}; "
          f"dialog {strokes['dialog']} ({strokes['field_moves']} field moves, Enter; it saves nothing)")

    checks = [
        ("first frame <= 2x dialog's", median_of(console_runs, "first_frame_ms") <= 2 * median_of(dialog_runs, "first_frame_ms")),
        ("key latency p95 <= 2x dialog's", median_of(console_runs, "latency_p95_ms") <= 2 * median_of(dialog_runs, "latency_p95_ms")),
        ("bytes per typed char p50 <= 4", median_of(console_runs, "typed_p50") <= 4),
        ("bytes per typed char p95 <= 16", median_of(console_runs, "typed_p95") <= 16),
        ("a field change <= 40 bytes", median_of(console_runs, "change_max") <= 40),
    ]
    for label, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {label}")
    if args.json:
        with open(args.json, "w") as handle:
            json.dump({"console": console_runs, "dialog": dialog_runs}, handle, indent=2)
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
