"""Faster entry in a real pseudo-terminal: ^N saves and opens the next form, c copies a customer
into a new form (every field but the ids), y and Y put ids on the operator's clipboard with OSC
52 (wrapped for tmux and screen). Runs against FLEXPRICE_CONSOLE_BIN (CI: debug and release)."""

import base64
import json
import unittest

from console_driver import ConsoleTestCase


def osc52(text):
    return b"\x1b]52;c;" + base64.b64encode(text.encode()) + b"\x07"


class QuickEntry(ConsoleTestCase):

    def customers(self):
        return self.ws.cli_json("customers", "list")["items"]

    def test_ctrl_n_saves_and_starts_the_next_customer(self):
        session = self.console()
        session.wait_for("No customers yet")
        session.send("n")
        session.wait_for("External ID")
        for external_id, name in (("quick-1", "Quick One"), ("quick-2", "Quick Two")):
            session.send(external_id + "\t" + name)
            session.wait_for(name)
            session.send("\x0e")  # ^N
            session.wait_for(f"Saved {name}")
        session.send("\x1b")
        session.wait_for("2 customers")
        self.assertEqual(sorted(c["external_id"] for c in self.customers()), ["quick-1", "quick-2"])

    def test_c_copies_a_customer_into_a_new_form(self):
        self.ws.create({"external_id": "orig-1", "name": "Original AG", "address_city": "Zürich",
                        "address_country": "CH", "metadata": {"tier": "gold"}})
        session = self.console()
        session.wait_for("Original AG")
        session.send("c")
        session.wait_for("A copy of Original AG")
        self.assertIn("Zürich", session.text())
        self.assertNotIn("orig-1", session.text())
        session.send("copy-2\x13")  # the external id, then ^S
        session.wait_for("2 customers")
        copy = next(c for c in self.customers() if c["external_id"] == "copy-2")
        self.assertEqual((copy["name"], copy["address_city"], copy["address_country"], copy["metadata"]),
                         ("Original AG", "Zürich", "CH", {"tier": "gold"}))

    def test_y_sends_the_id_as_osc52_plain_and_through_tmux(self):
        customer_id = self.ws.create({"external_id": "clip-1", "name": "Clip"})["id"]
        session = self.console()
        session.wait_for("Clip")
        mark = len(session.raw)
        session.send("y")
        session.wait_for("Copied id")
        session.wait_for_bytes(osc52(customer_id), since=mark)
        mark = len(session.raw)
        session.send("Y")
        session.wait_for("Copied external id clip-1")
        session.wait_for_bytes(osc52("clip-1"), since=mark)

        inside = self.console(TMUX="/tmp/tmux-1000/default,1,0")
        inside.wait_for("Clip")
        mark = len(inside.raw)
        inside.send("Y")
        wrapped = b"\x1bPtmux;" + osc52("clip-1").replace(b"\x1b", b"\x1b\x1b") + b"\x1b\\"
        inside.wait_for_bytes(wrapped, since=mark)


if __name__ == "__main__":
    unittest.main()
