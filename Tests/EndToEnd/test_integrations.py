"""Integration mappings and tax rate overrides in a real pseudo-terminal, on the embedded
store (which keeps them): typed into the form of a new customer, saved, shown on its detail
screen and in its edit form. Runs against FLEXPRICE_CONSOLE_BIN (CI: debug and release)."""

import unittest

from console_driver import ConsoleTestCase


class IntegrationMappings(ConsoleTestCase):

    def test_a_mapping_and_a_tax_rate_typed_into_a_new_customer_are_kept(self):
        session = self.console()
        session.wait_for("No customers yet")
        session.send("n")
        session.wait_for("provider = its id")
        session.send("mapped-1" + "\t" * 9)          # the nine fields, then the metadata rows
        session.send("\tstripe\tcus_42\r")            # the integrations' add row
        session.wait_for("cus_42")
        session.send("\tGST18\tinr\r")                 # tax rates, on create
        session.wait_for("inr")
        session.send("\x13")                           # ^S
        session.wait_for("Saved mapped-1")
        session.wait_for("1 customer")                 # the list read again
        session.send("\r")                             # the detail screen
        session.wait_for("Integrations (1)")
        self.assertIn("stripe = cus_42", session.text())
        session.send("e")
        session.wait_for("Edit mapped-1")
        session.wait_for("cus_42")
        session.send("\x1b")
        session.wait_for("Integrations (1)")


if __name__ == "__main__":
    unittest.main()
