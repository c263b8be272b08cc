"""A program on a pseudo-terminal of its own, rendered by pyte, for tests that need what a key
script cannot do: send a signal while the terminal stays open, or run the console as a job of
an interactive shell. Every wait is for an event (text on the screen, the process ending),
with a long safety limit that only a hang reaches."""

import os
import pty
import select
import signal
import struct
import fcntl
import termios
import time

import pyte

from console_driver import SAFETY_S


class PtySession:
    def __init__(self, argv, env, cols=80, rows=24):
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = b""
        pid, fd = pty.fork()
        if pid == 0:
            try:
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.status = None

    def pump(self, timeout):
        """Reads what is there (waiting up to `timeout` for the first byte); False at EOF."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:
            return False
        if not chunk:
            return False
        self.raw += chunk
        self.stream.feed(chunk)
        return True

    def text(self):
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, needle, limit=SAFETY_S):
        """Until `needle` is on the screen; fails with the screen if the program ends or hangs."""
        end = time.monotonic() + limit
        while needle not in self.text():
            if time.monotonic() > end or not self.pump(0.05) or self.exited():
                if needle in self.text():
                    break
                raise AssertionError(f"{needle!r} never appeared; the screen:\n{self.text()}")

    def wait_until(self, condition, what, limit=SAFETY_S):
        """Until `condition()` holds for the screen; fails with the screen, naming `what`."""
        end = time.monotonic() + limit
        while not condition():
            if time.monotonic() > end or not self.pump(0.05) or self.exited():
                if condition():
                    break
                raise AssertionError(f"never saw {what}; the screen:\n{self.text()}")

    def wait_for_bytes(self, needle, since=0, limit=SAFETY_S):
        """Until the raw output after offset `since` contains `needle`."""
        end = time.monotonic() + limit
        while needle not in self.raw[since:]:
            if time.monotonic() > end or not self.pump(0.05):
                raise AssertionError(f"{needle!r} was never written; the screen:\n{self.text()}")

    def send(self, data):
        os.write(self.fd, data.encode() if isinstance(data, str) else data)

    def exited(self):
        if self.status is None:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.status = status
        return self.status is not None

    def wait_exit(self, limit=SAFETY_S):
        """The exit status; fails (after SIGKILL) if the program is still running at `limit`."""
        end = time.monotonic() + limit
        while not self.exited():
            if time.monotonic() > end:
                os.kill(self.pid, signal.SIGKILL)
                _, self.status = os.waitpid(self.pid, 0)
                raise AssertionError(f"still running {limit} s later; the screen:\n{self.text()}")
            self.pump(0.05)
        self.drain()
        return self.status

    def drain(self):
        """Reads whatever the ended program left in the terminal."""
        while True:
            ready, _, _ = select.select([self.fd], [], [], 0.2)
            if not ready or not self.pump(0):
                return

    def close(self):
        # The terminal's whole session first: a console left as a (stopped) job of a shell
        # would otherwise get the hang-up when the terminal closes and save a draft into a
        # workspace that is being removed.
        for pid in self.session_members():
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if not self.exited():
            os.kill(self.pid, signal.SIGKILL)
            self.wait_exit()
        try:
            os.close(self.fd)
        except OSError:
            pass

    def session_members(self):
        """The processes other than the program itself whose session is the terminal's (pty.fork
        made the program the session leader)."""
        members = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit() or int(entry) == self.pid:
                continue
            try:
                with open(f"/proc/{entry}/stat", "rb") as stat:
                    fields = stat.read().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == self.pid:  # after the name: state, ppid, pgrp, session
                members.append(int(entry))
        return members
