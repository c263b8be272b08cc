"""The list's orders, filters and go-to in a real pseudo-terminal: s and S sort (the header
marks the column), f filters by country and a metadata pair, F clears, g opens a customer by
external id or id; also under LANG=C and in a small window. Runs against FLEXPRICE_CONSOLE_BIN
(CI: debug and release)."""

import unittest

from console_driver import ConsoleTestCase

NAMES = ["zed", "acme", "Beta", "delta"]


class ListOrderFilter(ConsoleTestCase):

    def setUp(self):
        super().setUp()
        for external_id, name, country, plan in (("z-1", "zed", "US", "pro"), ("a-1", "acme", "DE", None),
                                                 ("b-1", "Beta", "DE", "pro"), ("d-1", "delta", "GB", None)):
            body = {"external_id": external_id, "name": name, "email": f"{external_id}@example.com",
                    "address_country": country}
            if plan:
                body["metadata"] = {"plan": plan}
            self.ws.create(body)

    @staticmethod
    def names(session):
        """The customers' names in the order their rows are on screen."""
        found = []
        for line in session.text().splitlines():
            for name in NAMES:
                if f" {name} " in line and name not in found:
                    found.append(name)
        return found

    def wait_for_order(self, session, expected):
        session.wait_until(lambda: self.names(session) == expected, what=f"rows in the order {expected}")

    def test_sort_keys_cycle_and_the_header_shows_the_order(self):
        session = self.console()
        self.wait_for_order(session, ["delta", "Beta", "acme", "zed"])
        session.send("s")
        session.wait_for("NAME ▲")
        self.wait_for_order(session, ["acme", "Beta", "delta", "zed"])
        session.send("S")
        session.wait_for("NAME ▼")
        self.wait_for_order(session, ["zed", "delta", "Beta", "acme"])
        session.send("sss")
        session.wait_for("CREATED ▼")
        self.wait_for_order(session, ["delta", "Beta", "acme", "zed"])

    def test_filters_narrow_the_list_and_F_clears_them(self):
        session = self.console()
        session.wait_for("4 customers")
        session.send("f")
        session.wait_for("Metadata key")
        session.send("de")
        session.wait_for("Germany")
        session.send("\tplan\tpro\r")
        session.wait_for("[country DE · plan=pro]")
        self.wait_for_order(session, ["Beta"])
        session.wait_for("1 customer")
        session.send("F")
        session.wait_for("4 customers")
        self.wait_for_order(session, ["delta", "Beta", "acme", "zed"])

    def test_g_opens_a_customer_by_external_id_and_by_id(self):
        beta = self.ws.cli_json("customers", "get", "--external-id", "b-1")
        session = self.console()
        session.wait_for("4 customers")
        session.send("gb-1\r")
        session.wait_for("customers › Beta")  # the detail screen's title
        self.assertIn(beta["id"], session.text())
        session.send("\x1b")
        session.wait_for("4 customers")
        session.send("g" + beta["id"] + "\r")
        session.wait_for("customers › Beta")
        session.send("\x1b")
        session.wait_for("4 customers")  # Esc then g at once would read as Alt-g
        session.send("gnobody\r")
        session.wait_for("No customer has the id or external id")

    def test_under_LANG_C_and_in_a_small_window(self):
        session = self.console(cols=64, rows=16, LANG="C", LC_ALL="C")  # the smallest window it takes
        session.wait_for("4 customers")
        session.send("s")
        session.wait_for("NAME ▲")
        session.send("f")
        session.wait_for("Country")
        session.send("gb\r")
        session.wait_for("[country GB]")
        self.wait_for_order(session, ["delta"])


if __name__ == "__main__":
    unittest.main()
