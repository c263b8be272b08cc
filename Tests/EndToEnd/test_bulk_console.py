"""Import and export from the console, in a real pseudo-terminal, as an operator does it: a CSV
saved by a spreadsheet (byte order mark, CRLF, a formula, a wrong email, a UK country) checked,
its failing rows read, imported; an import cut off by a hang-up finished from the shell; the
list exported. Runs against FLEXPRICE_CONSOLE_BIN (CI: debug and release builds)."""

import csv
import io
import json
import os
import signal
import unittest

from console_driver import ConsoleTestCase


class BulkFromTheConsole(ConsoleTestCase):

    def write(self, name, data):
        path = os.path.join(self.ws.root, name)
        with open(path, "wb") as handle:
            handle.write(data)
        return path

    def all_customers(self):
        out = self.ws.cli("customers", "export", "--format", "jsonl", "--raw")[1]
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    def test_a_spreadsheet_csv_is_checked_fixed_and_imported(self):
        rows = ("external_id,name,email,address_country,metadata.plan\r\n"
                "crm-1,Acme GmbH,billing@acme.de,DE,pro\r\n"
                "crm-2,\"Bolt, \"\"Quick\"\" Ltd\",bolt@example.co.uk,GB,\r\n"
                "crm-3,Coda,coda-at-example.com,UK,free\r\n"
                "crm-4,'=HYPERLINK(\"x\"),f@example.com,FR,\r\n")
        path = self.write("from-excel.csv", b"\xef\xbb\xbf" + rows.encode())
        session = self.console()
        session.wait_for("No customers yet")
        session.send("i")
        session.wait_for("Import customers from a CSV")
        session.send(path + "\r")
        session.wait_for("4 rows: 3 to create")
        session.wait_for("line 4  email; address_country")
        session.send("\r")
        session.wait_for("4 of 4 rows: 3 created")
        session.send("\x1b")
        session.wait_for("3 customers")
        names = {c["external_id"]: c.get("name") for c in self.all_customers()}
        self.assertEqual(names, {"crm-1": "Acme GmbH", "crm-2": 'Bolt, "Quick" Ltd', "crm-4": '=HYPERLINK("x")'})

        # The operator fixes the failing row in the CLI's report and imports the report as it is.
        report = os.path.join(self.ws.root, "report.csv")
        self.ws.cli("customers", "import", path, "--report", report, check=False)
        with open(report, encoding="utf-8") as handle:
            text = handle.read()
        fixed = self.write("fixed.csv", text.replace("coda-at-example.com", "coda@example.com").replace(",UK,", ",GB,").encode())
        code, out, _ = self.ws.cli("customers", "import", fixed, "--json")
        self.assertEqual(code, 0)
        summary = json.loads(out)
        self.assertEqual((summary["created"], summary["unchanged"], summary["failed"]), (1, 3, 0))

    def big_file(self, total):
        body = io.StringIO()
        writer = csv.writer(body, lineterminator="\n")
        writer.writerow(["external_id", "name", "email"])
        for n in range(total):
            writer.writerow([f"hup-{n}", f"Hang-up {n}", f"h{n}@example.com"])
        return self.write("big.csv", body.getvalue().encode())

    def import_gate(self):
        """The FIFO the import reads a byte from before each batch (FLEXPRICE_IMPORT_GATE): the
        test lets batches through, so an import cannot end before the test cuts it off."""
        path = os.path.join(self.ws.root, "import.gate")
        os.mkfifo(path, 0o600)
        # Read-write, so that opening does not wait for the console to open its end.
        fd = os.open(path, os.O_RDWR)
        released = []

        def release():
            if not released:
                released.append(True)
                os.close(fd)
        self.addCleanup(release)
        return path, (lambda batches: os.write(fd, b"\1" * batches)), release

    def import_under_way(self, path, total):
        """A console importing `path`, held by the gate after a few one-row batches, its
        progress on screen; returns the session and the gate's release."""
        gate, let_through, release = self.import_gate()
        # One row per batch (each a transaction and a synced journal line): let go, the import
        # still lasts long enough to be stopped part way.
        session = self.console(FLEXPRICE_IMPORT_BATCH_SIZE="1", FLEXPRICE_IMPORT_GATE=gate)
        session.wait_for("No customers yet")
        session.send("i")
        session.wait_for("Import customers")
        session.send(path + "\r")
        session.wait_for(f"{total} rows: {total} to create")
        let_through(5)
        session.send("\r")
        session.wait_for("rows/s")
        return session, release

    def test_a_hang_up_during_an_import_is_finished_from_the_shell(self):
        total = 3000
        path = self.big_file(total)
        session, release = self.import_under_way(path, total)
        os.kill(session.pid, signal.SIGHUP)
        release()
        session.wait_exit()
        code, out, _ = self.ws.cli("customers", "import", path, "--json")
        self.assertEqual(code, 0)
        summary = json.loads(out)
        self.assertGreater(summary["already_done"], 0, summary)
        self.assertEqual(summary["created"] + summary["unchanged"], total, summary)
        ids = [c["external_id"] for c in self.all_customers()]
        self.assertEqual(len(ids), total)
        self.assertEqual(len(set(ids)), total)

    def test_esc_stops_an_import_and_checking_again_finishes_it(self):
        total = 3000
        path = self.big_file(total)
        session, release = self.import_under_way(path, total)
        session.send("\x1b")
        session.wait_for("Stopping after the batch under way")
        release()
        session.wait_for("What was imported stays.")
        self.assertNotIn("cancelled", session.text())
        done_before = len(self.all_customers())
        self.assertGreater(done_before, 0)
        self.assertLess(done_before, total)
        session.send("\r")
        session.wait_for(f"{total} rows: {total - done_before} to create")
        session.send("\r")
        session.wait_for(f"{total} of {total} rows: {total} created", limit=300)
        session.wait_for("rows were done already by the run that stopped")
        ids = [c["external_id"] for c in self.all_customers()]
        self.assertEqual(sorted(ids), sorted(f"hup-{n}" for n in range(total)))

    def test_the_list_is_exported_from_the_console(self):
        for n in range(3):
            self.ws.create({"external_id": f"exp-{n}", "name": f"Export {n}", "metadata": {"k": str(n)}})
        target = os.path.join(self.ws.root, "out.csv")
        session = self.console()
        session.wait_for("3 customers")
        session.send("x")
        session.wait_for("Export all customers to a file.")
        session.send("\x15" + target + "\r")
        session.wait_for("Exported 3 customers")
        with open(target, encoding="utf-8") as handle:
            exported = list(csv.DictReader(handle))
        self.assertEqual(sorted(r["external_id"] for r in exported), ["exp-0", "exp-1", "exp-2"])
        self.assertEqual({r["external_id"]: r["metadata.k"] for r in exported}, {"exp-0": "0", "exp-1": "1", "exp-2": "2"})


if __name__ == "__main__":
    unittest.main()
