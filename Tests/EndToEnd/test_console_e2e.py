"""End to end: an operator creates, edits, finds and deletes a customer through the real
console in a pseudo-terminal; every step is checked through the CLI's --json."""

import os
import unittest

from console_driver import ConsoleTestCase, Rendezvous

NINE_FIELDS = """
expect No customers yet
type n
expect New customer
type user_12345
key Down
type Acme Corporation
key Down
type billing@acme.com
key Down
type 123 Main Street
key Down x2
type San Francisco
key Down
type CA
key Down
type 94105
key Down
type germ
expect DE  Germany
key Enter
key Ctrl-S
expect Saved Acme Corporation
expect 1 customer
type q
"""


class ConsoleEndToEnd(ConsoleTestCase):

    def test_create_edit_find_and_delete(self):
        # Create through the form.
        self.drive(NINE_FIELDS)
        items = self.ws.cli_json("customers", "list")["items"]
        self.assertEqual(len(items), 1)
        created = items[0]
        expected = {"external_id": "user_12345", "name": "Acme Corporation", "email": "billing@acme.com",
                    "address_line1": "123 Main Street", "address_line2": "", "address_city": "San Francisco",
                    "address_state": "CA", "address_postal_code": "94105", "address_country": "DE",
                    "status": "published", "created_by": "e2e-operator"}
        for key, value in expected.items():
            self.assertEqual(created[key], value, key)

        # Edit the name: only the name changes.
        self.drive("""
expect Acme Corporation
type e
expect Edit Acme Corporation
key Tab
key Ctrl-U
type Acme GmbH
key F2
expect Saved Acme GmbH
type q
""")
        edited = self.ws.cli_json("customers", "get", created["id"])
        self.assertEqual(edited["name"], "Acme GmbH")
        for key in ("external_id", "email", "address_city", "address_country", "created_at"):
            self.assertEqual(edited[key], created[key], key)

        # Find it among others with /, then delete it after confirming.
        self.ws.create({"external_id": "other-1", "name": "Globex", "email": "ops@globex.example"})
        self.ws.create({"external_id": "other-2", "name": "Initech", "email": "it@initech.example"})
        self.drive("""
expect 3 customers
type /
type gmbh
expect gmbh
expect 1 customer
assert-no Globex
assert-no Initech
key Enter
type d
expect Delete Acme GmbH?
type y
expect Deleted
expect No customers match
type q
""")
        archived = self.ws.cli_json("customers", "list", "--status", "archived")["items"]
        self.assertEqual([c["id"] for c in archived], [created["id"]])
        remaining = self.ws.cli_json("customers", "list")["items"]
        self.assertEqual(sorted(c["external_id"] for c in remaining), ["other-1", "other-2"])

    def test_invalid_input_saves_nothing_and_keeps_the_typing(self):
        self.drive("""
expect No customers yet
type n
expect New customer
key Down x2
type not-an-email
key Down
expect not an email address
key Ctrl-S
expect 2 fields need attention
key Esc
expect Discard the changes
type n
type kept-id
key Down x2
key Ctrl-U
type x@y.example
key Ctrl-S
expect Saved kept-id
type q
""")
        items = self.ws.cli_json("customers", "list")["items"]
        self.assertEqual([(c["external_id"], c["email"]) for c in items], [("kept-id", "x@y.example")])

    def test_duplicate_external_id_lands_on_its_field(self):
        self.ws.create({"external_id": "taken", "name": "First"})
        self.drive("""
expect 1 customer
type n
type taken
key Tab
type Second
key Ctrl-S
expect already in use
expect Second
key Home
key Ctrl-K
type fresh
key Ctrl-S
expect Saved Second
type q
""")
        names = sorted(c["name"] for c in self.ws.cli_json("customers", "list")["items"])
        self.assertEqual(names, ["First", "Second"])

    def test_ctrl_c_gives_the_terminal_back(self):
        record = os.path.join(self.ws.root, "raw.bin")
        self.drive("""
expect No customers yet
type n
type abc
key Ctrl-C
expect Quit and discard unsaved changes?
type y
""", record=record)
        with open(record, "rb") as handle:
            raw = handle.read()
        # The alternate screen was entered and left, and bracketed paste switched off at the end.
        self.assertIn(b"\x1b[?1049h", raw)
        self.assertGreater(raw.rfind(b"\x1b[?1049l"), raw.rfind(b"\x1b[?1049h"))
        self.assertTrue(raw.rstrip().endswith(b"\x1b[?2004l") or raw.rfind(b"\x1b[?2004l") > raw.rfind(b"\x1b[?2004h"))
        self.assertEqual(self.ws.cli_json("customers", "list")["items"], [])

    def test_hang_up_ends_the_console_promptly(self):
        # After the hang-up no key can ever come; a console that waited for one would still be
        # running when ttydrive's wait for its exit ran out, and be terminated by ttydrive.
        report = self.ws.drive("""
expect No customers yet
hup
""")[1]
        self.assertIsNotNone(report)
        exit_info = report["exit"]
        self.assertTrue(exit_info["how"] == "exited" or exit_info["how"].startswith("killed by signal"), exit_info)
        self.assertIsNotNone(exit_info.get("after_hup_ms"), exit_info)

    def test_every_supported_term_draws_the_list(self):
        self.ws.create({"external_id": "t-1", "name": "Terminal Test"})
        for term in ("xterm-256color", "screen-256color", "tmux-256color", "linux", "vt100"):
            with self.subTest(term=term):
                self.drive("""
expect Terminal Test
type ?
expect Create a new customer
key Esc
expect-gone Create a new customer
type q
""", term=term)

    def test_tiny_terminal_says_so_and_recovers(self):
        self.drive("""
expect No customers yet
type n
type kept
expect kept
resize 40 10
expect Terminal too small
resize 80 24
expect kept
key Esc
expect Discard
type y
type q
""")

    def test_wide_characters_and_paste(self):
        self.drive("""
expect No customers yet
type n
paste 東京-1
key Tab
type 株式会社🙂
key Ctrl-S
expect Saved 株式会社🙂
type q
""")
        item = self.ws.cli_json("customers", "list")["items"][0]
        self.assertEqual((item["external_id"], item["name"]), ("東京-1", "株式会社🙂"))

    def test_half_typed_form_survives_a_hang_up(self):
        # Half a form, then the SSH link drops.
        code, report, output = self.ws.drive("""
expect No customers yet
type n
expect New customer
type dropped-1
key Tab
type Dropped Link Co
key Tab
type ops@dropped.example
expect ops@dropped.example
hup
""")
        self.assertIsNotNone(report, output)
        drafts_dir = os.path.join(self.ws.env["XDG_STATE_HOME"], "flexprice-console", "drafts")
        files = [f for f in os.listdir(drafts_dir) if f.endswith(".json")]
        self.assertEqual(len(files), 1, output)
        self.assertEqual(os.stat(os.path.join(drafts_dir, files[0])).st_mode & 0o777, 0o600)
        self.assertEqual(self.ws.cli_json("customers", "list")["items"], [])

        # The next start offers the draft; restore it and save.
        self.drive("""
expect Unsaved drafts
expect New customer Dropped Link Co
key Enter
expect ops@dropped.example
key Ctrl-S
expect Saved Dropped Link Co
type q
""")
        items = self.ws.cli_json("customers", "list")["items"]
        self.assertEqual([(c["external_id"], c["name"], c["email"]) for c in items],
                         [("dropped-1", "Dropped Link Co", "ops@dropped.example")])
        self.assertEqual([f for f in os.listdir(drafts_dir) if f.endswith(".json")], [])

    def test_a_rival_edit_from_another_process_is_not_lost(self):
        created = self.ws.create({"external_id": "rival-1", "name": "Rival Co", "email": "old@rival.example"})
        # The console opens the edit form and types; then, at the meeting point, the CLI
        # (another process on the same store) changes the email; then the console saves.
        rival = Rendezvous(self.ws, lambda: self.ws.cli(
            "customers", "update", created["id"], "--file", "-",
            stdin='{"email": "new@rival.example", "address_city": "Oslo"}'))
        try:
            self.drive(f"""
expect Rival Co
type e
expect Edit Rival Co
key Tab
key Ctrl-U
type Rival AS
expect Rival AS
{rival.script}
key Ctrl-S
expect Changed by someone else
expect new@rival.example
type o
expect Saved Rival AS
type q
""")
        finally:
            rival.join()
        final = self.ws.cli_json("customers", "get", created["id"])
        self.assertEqual((final["name"], final["email"], final["address_city"]),
                         ("Rival AS", "new@rival.example", "Oslo"))

    def test_hostile_bytes_in_data_never_reach_the_terminal(self):
        # Sequences ncurses itself never sends, so any of them in the raw output came from data.
        osc_title = "\x1b]0;pwned\x07"
        dcs = "\x1bP1$qm\x1b\\"
        c1_csi = "\u009b31m"
        bidi = "\u202eevil\u202c"
        report = "\x1b[6n"
        hostile = {
            "external_id": "ext" + osc_title + c1_csi,
            "name": "Name" + osc_title + bidi + "\u200b\ufeff" + report,
            "email": "ok@hostile.example",
            "address_line1": "Line" + dcs + "\x08\x7f",  # NUL itself is refused by the store
            "address_city": "x" * 100,
            "metadata": {"k" + osc_title: "v" + dcs + ("W" * 5000), "huge": "界" * 3000},
        }
        created = self.ws.create(hostile)
        record = os.path.join(self.ws.root, "raw.bin")
        self.drive("""
expect 1 customer
key Enter
expect Metadata
key PgDn
key Esc
expect 1 customer
type e
expect Edit
key Tab
key End
type !
key Esc
expect Discard
type y
type q
""", record=record)
        with open(record, "rb") as handle:
            raw = handle.read()
        for needle in (b"pwned\x07", b"\x1b]0;", b"\x1bP1$q", b"\xc2\x9b", b"\xe2\x80\xae", b"\xe2\x80\x8b",
                       b"\xef\xbb\xbf", b"\x1b[6n", b"\x00", b"\x07"):
            self.assertNotIn(needle, raw, f"{needle!r} from customer data reached the terminal")
        # The data was shown, escaped, and nothing was changed.
        self.assertIn(b"^[]0;pwned^G", raw)
        self.assertEqual(self.ws.cli_json("customers", "get", created["id"])["name"], hostile["name"])

    def test_every_change_is_in_the_audit_trail(self):
        import json
        created = self.ws.create({"external_id": "audit-1", "name": "Before"})
        self.ws.cli("customers", "update", created["id"], "--file", "-", stdin='{"name": "After"}')
        self.drive("""
expect After
type d
expect Delete After?
type y
expect Deleted
type L
expect Audit trail
expect delete
expect status: "published" → "archived"
key Esc
expect-gone Audit trail
type q
""")
        path = os.path.join(self.ws.env["XDG_STATE_HOME"], "flexprice-console", "audit.jsonl")
        self.assertEqual(os.stat(path).st_mode & 0o777, 0o600)
        with open(path) as handle:
            entries = [json.loads(line) for line in handle]
        self.assertEqual([e["action"] for e in entries], ["create", "update", "delete"])
        self.assertTrue(all(e["operator"] == "e2e-operator" and e["customer_id"] == created["id"] for e in entries))
        self.assertEqual(entries[1]["changes"]["name"], {"old": "Before", "new": "After"})
        self.assertEqual(entries[2]["changes"]["status"], {"old": "published", "new": "archived"})

    def test_broken_theme_is_named_and_the_default_is_used(self):
        themes = os.path.join(self.ws.env["XDG_CONFIG_HOME"], "flexprice-console", "themes")
        os.makedirs(themes)
        with open(os.path.join(themes, "broken.json"), "w") as handle:
            handle.write('{"name": "broken", "roles": {"title": {"fg": "purpel"}}}')
        self.drive("""
expect broken.json
expect roles.title.fg
expect No customers yet
type q
""", extra_env={"FLEXPRICE_THEME": "broken"})

    def test_no_color_sends_no_colour_at_all(self):
        import re
        self.ws.create({"external_id": "c-1", "name": "Colourless"})
        record = os.path.join(self.ws.root, "raw.bin")
        self.drive("""
expect Colourless
type n
expect New customer
key Esc
expect-gone New customer
type q
""", record=record, extra_env={"NO_COLOR": ""})
        with open(record, "rb") as handle:
            raw = handle.read()
        # SGR colour parameters: 30-37/40-47 (8 colours), 38;5/48;5 (256), 39/49 are "default".
        colours = re.findall(rb"\x1b\[[0-9;]*?(?:(?<![0-9])(?:3[0-8]|4[0-8])(?:;5;[0-9]+)?)m", raw)
        self.assertEqual(colours, [], "colour sequences were sent under NO_COLOR")


if __name__ == "__main__":
    unittest.main()
