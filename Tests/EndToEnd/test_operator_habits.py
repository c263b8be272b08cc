"""What broke when the release build met operators' habits (issue 9), in a real pseudo-terminal:
signals with the terminal still open, Ctrl-Z and fg under a job-control shell, a UK keyboard,
LANG=C, TERM=dumb and vt100, resizes, and text typed piece by piece. Runs against the binary in
FLEXPRICE_CONSOLE_BIN, so CI runs it on the release build as well as the debug one."""

import json
import os
import signal
import time
import unittest

from console_driver import SAFETY_S, ConsoleTestCase, Workspace, console_binary
from pty_session import PtySession


def draft_value(saved, field):
    """A text field of a kept draft (the file stores the fields as [name, value, ...])."""
    values = saved["draft"]["values"]
    if isinstance(values, dict):
        return values.get(field)
    pairs = dict(zip(values[0::2], values[1::2]))
    return pairs.get(field)


class OperatorHabits(ConsoleTestCase):

    def console(self, **env):
        return super().console(cols=80, rows=24, **env)

    def drafts(self):
        folder = os.path.join(self.ws.env["XDG_STATE_HOME"], "flexprice-console", "drafts")
        if not os.path.isdir(folder):
            return []
        found = []
        for name in sorted(os.listdir(folder)):
            if name.endswith(".json"):
                with open(os.path.join(folder, name)) as handle:
                    found.append(json.load(handle))
        return found

    # --- Defect 1: signals with the terminal still open ----------------------------------------

    def test_term_int_and_hup_end_the_console_with_the_terminal_still_open(self):
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            with self.subTest(signal=sig.name):
                self.ws.close()
                self.ws = Workspace()
                session = self.console()
                session.wait_for("No customers yet")
                session.send("n")
                session.wait_for("New customer")
                session.send(f"signal-{sig.name}")
                session.wait_for(f"signal-{sig.name}")
                os.kill(session.pid, sig)
                status = session.wait_exit()
                # An exit, not a crash, with the shells' convention for "ended by signal N".
                self.assertTrue(os.WIFEXITED(status) and os.WEXITSTATUS(status) == 128 + sig,
                                f"{sig.name}: status {status}")
                kept = [d for d in self.drafts() if draft_value(d, "external_id") == f"signal-{sig.name}"]
                self.assertEqual(len(kept), 1, f"{sig.name}: the typing was not kept")
                session.close()

    # --- Defect 7: Ctrl-Z, then fg, under an interactive shell ---------------------------------

    def test_ctrl_z_suspends_and_fg_brings_back_screen_and_bracketed_paste(self):
        shell = self.job_shell()
        shell.send("\x1a")  # Ctrl-Z
        shell.wait_for_bytes(b"Stopped")
        shell.wait_for_bytes(b"shell$ ", since=shell.raw.index(b"Stopped"))
        mark = len(shell.raw)
        shell.send("fg\r")
        # The console takes the terminal back and repaints everything, typing included...
        shell.wait_for_bytes(b"before-stop", since=mark)
        shell.wait_for_bytes(b"\x1b[?2004h", since=mark)
        after = shell.raw[mark:]
        # ...and bracketed paste is on again: the shell switched it off to run `fg`.
        self.assertGreater(after.rfind(b"\x1b[?2004h"), after.rfind(b"\x1b[?2004l"))
        # A multi-line paste stays in the focused field: the form neither moves on nor saves.
        shell.send("\x1b[200~-line one\nline two\x1b[201~")
        shell.wait_for("before-stop-line one line two")
        row = next(line for line in shell.text().splitlines() if "External ID" in line)
        self.assertIn("before-stop-line one line two", row)
        self.assertNotIn("line two", next(line for line in shell.text().splitlines() if line.strip().startswith("Name")))
        self.quit_to_the_shell(shell, mark)
        shell.send("exit\r")
        shell.wait_exit()

    def job_shell(self):
        """An interactive bash with job control on its own pty, running the console as a job."""
        env = {**self.ws.env, "TERM": "xterm-256color", "LANG": "C.UTF-8", "ESCDELAY": "25", "PS1": "shell$ ",
               "INPUTRC": "/dev/null"}
        shell = PtySession(["/bin/bash", "--norc", "--noprofile", "-i"], env)
        self.addCleanup(shell.close)
        shell.wait_for("shell$")
        shell.send(console_binary() + "\r")
        shell.wait_for("No customers yet")
        shell.send("n")
        shell.wait_for("New customer")
        shell.send("before-stop")
        shell.wait_for("before-stop")
        return shell

    def console_pid(self):
        """The console's pid, found by its binary and this test's private HOME."""
        binary = os.path.realpath(console_binary())
        for name in os.listdir("/proc"):
            if name.isdigit():
                try:
                    with open(f"/proc/{name}/environ", "rb") as handle:
                        mine = self.ws.root.encode() in handle.read()
                    if mine and os.path.realpath(f"/proc/{name}/exe") == binary:
                        return int(name)
                except OSError:
                    continue
        raise AssertionError("the console's process was not found")

    @staticmethod
    def wait_until_stopped(pid, shell):
        """Until the process is stopped (state T in /proc), which the shell reports only at its
        next prompt; bounded by the safety limit only."""
        end = time.monotonic() + SAFETY_S
        while True:
            with open(f"/proc/{pid}/stat") as handle:
                state = handle.read().rsplit(")", 1)[1].split()[0]
            if state in ("T", "t"):
                return
            if time.monotonic() > end:
                raise AssertionError(f"the console is still running (state {state}); the screen:\n{shell.text()}")
            shell.pump(0.05)

    @staticmethod
    def quit_to_the_shell(shell, since):
        shell.send("\x03")  # Ctrl-C: asks, as typing would be lost
        shell.wait_for("Quit and discard")
        shell.send("y")
        shell.wait_for_bytes(b"shell$ ", since=since)

    def assert_shell_owns_the_keys(self, shell, since):
        """The shell, not the console, reads what is typed now: a command runs and prints."""
        shell.wait_for_bytes(b"shell$ ", since=since)
        shell.send("echo shell-has-the-\"keys\"\r")
        shell.wait_for_bytes(b"shell-has-the-keys", since=since)

    def test_continued_in_the_background_the_console_stops_again(self):
        # kill -STOP, then kill -CONT while the shell has the terminal: the console must not
        # draw over the shell (keys would go to bash while the form showed them).
        shell = self.job_shell()
        pid = self.console_pid()
        os.kill(pid, signal.SIGSTOP)
        shell.wait_for_bytes(b"Stopped")
        first = shell.raw.index(b"Stopped")
        shell.wait_for_bytes(b"shell$ ", since=first)
        os.kill(pid, signal.SIGCONT)
        self.wait_until_stopped(pid, shell)  # stopped again, by itself
        self.assert_shell_owns_the_keys(shell, first + 1)
        mark = len(shell.raw)
        shell.send("fg\r")
        shell.wait_for_bytes(b"before-stop", since=mark)
        shell.send("-after")
        shell.wait_for_bytes(b"-after", since=mark)
        self.quit_to_the_shell(shell, mark)

    def test_bg_after_ctrl_z_stops_again_and_fg_brings_it_back(self):
        shell = self.job_shell()
        shell.send("\x1a")
        shell.wait_for_bytes(b"Stopped")
        first = shell.raw.index(b"Stopped")
        shell.wait_for_bytes(b"shell$ ", since=first)
        shell.send("bg\r")
        shell.wait_for_bytes(b"&", since=first)
        self.wait_until_stopped(self.console_pid(), shell)
        self.assert_shell_owns_the_keys(shell, first + 1)
        mark = len(shell.raw)
        shell.send("fg\r")
        shell.wait_for_bytes(b"before-stop", since=mark)
        shell.wait_for_bytes(b"\x1b[?2004h", since=mark)
        self.quit_to_the_shell(shell, mark)

    # --- Defect 2: a UK operator's country ------------------------------------------------------

    def test_uk_is_saved_as_gb(self):
        self.drive("""
expect No customers yet
type n
type uk-operator
key Tab x8
type uk
expect GB  United Kingdom (UK)
key Tab
key Ctrl-S
expect Saved uk-operator
type q
""")
        item = self.ws.cli_json("customers", "get", "--external-id", "uk-operator")
        self.assertEqual(item["address_country"], "GB")

    # --- Defect 5: LANG=C -----------------------------------------------------------------------

    def test_lang_c_keeps_every_typed_character(self):
        name = "Zoë Müller 東京 🙂"
        report = self.drive(f"""
expect No customers yet
type n
type lang-c
key Tab
type {name}
key Ctrl-S
expect Saved {name}
expect {name}
type q
""", extra_env={"LANG": "C", "LC_ALL": "C"})
        self.assertEqual(report["exit_status"], 0)
        self.assertEqual(self.ws.cli_json("customers", "get", "--external-id", "lang-c")["name"], name)

    # --- Defect 4: combining marks and joiners typed one by one ---------------------------------

    def test_pieces_of_a_character_typed_one_by_one_are_kept(self):
        family = "\U0001F468\u200D\U0001F469\u200D\U0001F467"
        self.drive(f"""
expect No customers yet
type n
type pieces-1
key Tab
type "Jose\\u0301 {family}"
assert-no at most
key Ctrl-S
expect Saved
type q
""")
        self.assertEqual(self.ws.cli_json("customers", "get", "--external-id", "pieces-1")["name"],
                         "Jose\u0301 " + family)

    # --- Defect 3: a metadata pair being typed when the link drops ------------------------------

    def test_a_metadata_pair_being_typed_survives_a_hang_up(self):
        code, report, output = self.ws.drive("""
expect No customers yet
type n
type pair-1
key Tab x9
key Enter
type tier
key Tab
type gold
hup
""")
        self.assertIsNotNone(report, output)
        kept = self.drafts()
        self.assertEqual(len(kept), 1, output)
        self.assertEqual(kept[0]["draft"]["metadata"], [{"key": "tier", "value": "gold"}])

    # --- Defect 6 and 11: TERM=dumb refused, vt100 leaves a clean screen ------------------------

    def test_term_dumb_is_refused_with_a_clear_message(self):
        session = self.console(TERM="dumb")
        status = session.wait_exit()
        self.assertTrue(os.WIFEXITED(status) and os.WEXITSTATUS(status) != 0, f"status {status}")
        self.assertIn("TERM=dumb is unknown or unusable", session.text().replace("\n", " "))

    def test_vt100_quit_leaves_no_screen_behind(self):
        report = self.drive("""
expect No customers yet
type q
""", term="vt100")
        self.assertEqual(report["exit_status"], 0)
        final = "\n".join(report["final_screen"])
        self.assertNotIn("quit", final)
        self.assertNotIn("No customers yet", final)
        self.assertNotIn("$<", final)  # a terminfo delay mark written as text

    # --- Defect 8: fields after a resize --------------------------------------------------------

    def test_fields_show_their_start_after_a_shrink_and_grow(self):
        self.drive("""
expect No customers yet
type n
type resize-1
key Tab x2
type ops@example.com
key Tab
resize 40 10
expect Terminal too small
resize 80 24
expect ops@example.com
key Esc
expect Discard
type y
type q
""")


if __name__ == "__main__":
    unittest.main()
