"""A console stopped by a signal (SIGTERM, SIGINT from kill) or that crashes (a fatal signal, as a Swift trap or a segfault raises) still gives the
terminal back: modes restored and the alternate screen left, before it dies of that signal."""

import os
import pty
import select
import signal
import termios
import time
import unittest

from console_driver import Workspace, console_binary


def read_until(fd, needle, timeout):
    data = b""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
            if needle and needle in data:
                break
    return data


def wait_briefly(pid, seconds):
    """The exit status, or a failure (after kill -9) if the process is still there: without the
    handler, Swift's backtracer waits for a key on the terminal."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.02)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    raise AssertionError(f"the console did not end within {seconds} s of the fatal signal")


def spawn_console(ws):
    """The console on a fresh pseudo-terminal; returns (pid, master fd)."""
    pid, fd = pty.fork()
    if pid == 0:
        env = dict(ws.env, TERM="xterm-256color", LANG="C.UTF-8", ESCDELAY="25")
        os.execve(console_binary(), [console_binary()], env)
    return pid, fd


def type_into_a_new_form(fd, text):
    """Opens the create form and types `text` into its first field, waiting until it shows."""
    os.write(fd, b"n")
    read_until(fd, b"New customer", 5)
    os.write(fd, text)
    read_until(fd, text[-5:], 5)
    time.sleep(0.2)


class CrashRestore(unittest.TestCase):
    def run_and_crash(self, sig):
        ws = Workspace()
        self.addCleanup(ws.close)
        pid, fd = spawn_console(ws)
        try:
            before = read_until(fd, b"No customers yet", 10)
            self.assertIn(b"No customers yet", before)
            type_into_a_new_form(fd, b"typed-before-the-crash")
            modes_in_console = termios.tcgetattr(fd)
            os.kill(pid, sig)
            after = read_until(fd, None, 2)
            status = wait_briefly(pid, 5)
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
            read_until(fd, b"No customers yet", 10)
            type_into_a_new_form(fd, b"typed-before-kill")
            os.kill(pid, signal.SIGKILL)
            status = wait_briefly(pid, 5)
        finally:
            os.close(fd)
        self.assertTrue(os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL)
        self.assert_draft_kept(ws, "typed-before-kill")

    def stop_with(self, sig):
        ws = Workspace()
        self.addCleanup(ws.close)
        pid, fd = spawn_console(ws)
        try:
            self.assertIn(b"No customers yet", read_until(fd, b"No customers yet", 10))
            type_into_a_new_form(fd, b"typed-before-the-signal")
            sent = time.monotonic()
            os.kill(pid, sig)
            after = read_until(fd, None, 1.5)
            status = wait_briefly(pid, 5)
            took = time.monotonic() - sent
            modes_after = termios.tcgetattr(fd)
        finally:
            try:
                os.close(fd)
            except OSError:
                pass
        self.assertTrue(os.WIFEXITED(status), f"status {status}")
        self.assertLess(took, 2.0, "the console took too long to end")
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
