"""A console stopped by a signal (SIGTERM, SIGINT from kill) or that crashes (a fatal signal, as a Swift trap or a segfault raises) still gives the
terminal back: modes restored and the alternate screen left, before it dies of that signal."""

import os
import pty
import select
import signal
import termios
import time
import unittest

from console_driver import SAFETY_S, Workspace, console_binary, wait_for

# Every wait below is for an event: text from the console, a draft file, the console's exit
# (the terminal's other end closing). SAFETY_S only turns an event that never comes into a
# failure; no wait bets on how fast the machine is.


def read_until(fd, needle):
    """What the console writes until `needle` appears; fails if it never does."""
    data = b""
    end = time.monotonic() + SAFETY_S
    while needle not in data:
        if time.monotonic() > end:
            raise AssertionError(f"{needle!r} did not appear within {SAFETY_S} s; got {data[-500:]!r}")
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                raise AssertionError(f"the console ended before {needle!r} appeared; got {data[-500:]!r}")
            data += chunk
    return data


def read_to_the_end(pid, fd):
    """Everything the console writes until it has ended, and its wait status. Ended means
    reaped, with the terminal drained (the last bytes, the terminal restored, come just
    before). A console still running after SAFETY_S is killed and the test fails: without the
    handler, Swift's backtracer waits for a key on the terminal, and no key comes."""
    data, status = b"", None
    end = time.monotonic() + SAFETY_S
    while True:
        ready, _, _ = select.select([fd], [], [], 0.05)
        closed = False
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: every holder of the terminal's other end has closed it
                chunk = b""
            if chunk:
                data += chunk
                continue
            closed = True
        if status is None:
            done, wait_status = os.waitpid(pid, os.WNOHANG)
            if done:
                status = wait_status
                continue  # read what is still buffered
        elif closed or not ready:
            return data, status
        if time.monotonic() > end:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise AssertionError(f"the console did not end within {SAFETY_S} s of the signal")
        if closed:
            time.sleep(0.02)  # closed but not yet reaped: do not spin on the closed terminal


def spawn_console(ws):
    """The console on a fresh pseudo-terminal; returns (pid, master fd)."""
    pid, fd = pty.fork()
    if pid == 0:
        env = dict(ws.env, TERM="xterm-256color", LANG="C.UTF-8", ESCDELAY="25")
        os.execve(console_binary(), [console_binary()], env)
    return pid, fd


def drafts_holding(ws, text):
    """The draft files that hold `text`."""
    drafts = os.path.join(ws.env["XDG_STATE_HOME"], "flexprice-console", "drafts")
    found = []
    for name in os.listdir(drafts) if os.path.isdir(drafts) else []:
        if name.endswith(".json"):
            try:
                with open(os.path.join(drafts, name)) as handle:
                    if text in handle.read():
                        found.append(name)
            except FileNotFoundError:  # replaced meanwhile (drafts are renamed into place)
                pass
    return found


def type_into_a_new_form(ws, fd, text):
    """Opens the create form and types `text` into its first field, waiting until it shows
    and until the draft on disk holds it (drafts are written after the frame is shown)."""
    os.write(fd, b"n")
    read_until(fd, b"New customer")
    os.write(fd, text)
    read_until(fd, text[-5:])
    wait_for(lambda: drafts_holding(ws, text.decode()), "the draft holding the typing")


class CrashRestore(unittest.TestCase):
    def run_and_crash(self, sig):
        ws = Workspace()
        self.addCleanup(ws.close)
        pid, fd = spawn_console(ws)
        try:
            read_until(fd, b"No customers yet")
            type_into_a_new_form(ws, fd, b"typed-before-the-crash")
            modes_in_console = termios.tcgetattr(fd)
            os.kill(pid, sig)
            after, status = read_to_the_end(pid, fd)
            modes_after = termios.tcgetattr(fd)
        finally:
            try:
                os.close(fd)
            except OSError:
                pass
        self.assertTrue(os.WIFSIGNALED(status) and os.WTERMSIG(status) == sig, f"status {status}")
        self.assertIn(b"\x1b[?1049l", after, "the alternate screen was not left")
        self.assertIn(b"\x1b[?2004l", after, "bracketed paste was not switched off")
        # Curses runs the terminal raw (no ICANON, no ECHO); after the crash they are back.
        lflag_console, lflag_after = modes_in_console[3], modes_after[3]
        self.assertFalse(lflag_console & termios.ICANON)
        self.assertTrue(lflag_after & termios.ICANON and lflag_after & termios.ECHO)
        self.assert_draft_kept(ws, "typed-before-the-crash")

    def assert_draft_kept(self, ws, text):
        drafts = os.path.join(ws.env["XDG_STATE_HOME"], "flexprice-console", "drafts")
        kept = [name for name in os.listdir(drafts) if name.endswith(".json")]
        self.assertEqual(len(kept), 1, "the typing was not kept as a draft")
        with open(os.path.join(drafts, kept[0])) as handle:
            self.assertIn(text, handle.read())

    def test_kill_minus_nine_keeps_the_typing(self):
        # Nothing can restore a terminal after SIGKILL, but the draft is on disk already.
        ws = Workspace()
        self.addCleanup(ws.close)
        pid, fd = spawn_console(ws)
        try:
            read_until(fd, b"No customers yet")
            type_into_a_new_form(ws, fd, b"typed-before-kill")
            os.kill(pid, signal.SIGKILL)
            _, status = read_to_the_end(pid, fd)
        finally:
            os.close(fd)
        self.assertTrue(os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL)
        self.assert_draft_kept(ws, "typed-before-kill")

    def stop_with(self, sig):
        ws = Workspace()
        self.addCleanup(ws.close)
        pid, fd = spawn_console(ws)
        try:
            read_until(fd, b"No customers yet")
            type_into_a_new_form(ws, fd, b"typed-before-the-signal")
            os.kill(pid, sig)
            # No key follows the signal: a console that only noticed it at the next key would
            # never end, and read_to_the_end would fail.
            after, status = read_to_the_end(pid, fd)
            modes_after = termios.tcgetattr(fd)
        finally:
            try:
                os.close(fd)
            except OSError:
                pass
        self.assertTrue(os.WIFEXITED(status), f"status {status}")
        self.assertIn(b"\x1b[?1049l", after)
        self.assertTrue(modes_after[3] & termios.ICANON and modes_after[3] & termios.ECHO)
        self.assert_draft_kept(ws, "typed-before-the-signal")

    def test_sigterm_keeps_the_typing_and_gives_the_terminal_back(self):
        self.stop_with(signal.SIGTERM)

    def test_sigint_from_kill_does_the_same(self):
        self.stop_with(signal.SIGINT)

    def test_segfault(self):
        self.run_and_crash(signal.SIGSEGV)

    def test_trap(self):
        self.run_and_crash(signal.SIGILL)

    def test_abort(self):
        self.run_and_crash(signal.SIGABRT)


if __name__ == "__main__":
    unittest.main()
