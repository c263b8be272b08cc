"""Profiles in a real pseudo-terminal, as an operator's hour goes: a sandbox on the embedded
store and a production profile on this project's API server, switched with P without a
restart; production is marked on screen and wants the external id typed before a delete.
Runs against FLEXPRICE_CONSOLE_BIN (CI: debug and release) and the API server beside it."""

import json
import os
import unittest

from console_driver import ApiServer, ConsoleTestCase


class ProfilesOnTwoBackends(ConsoleTestCase):

    def setUp(self):
        super().setUp()
        self.ws.create({"external_id": "prod-1", "name": "Prod Co"})      # the server's store
        self.server = ApiServer(self.ws)
        self.addCleanup(self.server.stop)
        key_file = os.path.join(self.ws.root, "api-key")
        with open(os.open(key_file, os.O_WRONLY | os.O_CREAT, 0o600), "w") as handle:
            handle.write(ApiServer.KEY + "\n")
        config_dir = os.path.join(self.ws.env["XDG_CONFIG_HOME"], "flexprice-console")
        os.makedirs(config_dir)
        self.sandbox_db = os.path.join(self.ws.root, "sandbox.sqlite")
        with open(os.path.join(config_dir, "config.json"), "w") as handle:
            json.dump({"profile": "sandbox", "profiles": {
                "sandbox": {"backend": "local", "db": self.sandbox_db},
                "production": {"backend": "remote", "url": self.server.url, "api_key_file": key_file,
                               "production": True},
            }}, handle)
        self.ws.cli("--profile", "sandbox", "customers", "create", "--file", "-",
                    stdin=json.dumps({"external_id": "sand-1", "name": "Sandbox Co"}))

    def test_switching_between_sandbox_and_production_without_a_restart(self):
        session = self.console()
        session.wait_for("Sandbox Co")
        self.assertIn("profile sandbox", session.text().splitlines()[0])
        session.send("P")
        session.wait_for("Switch profile")
        session.send("\x1b[A")  # the profiles come sorted: production above sandbox
        session.wait_for("▸ production")
        session.send("\r")
        session.wait_for("Prod Co")
        self.assertIn("PRODUCTION production", session.text().splitlines()[0])
        self.assertNotIn("Sandbox Co", session.text())

        # On production a delete wants the external id typed; a near miss deletes nothing.
        session.send("d")
        session.wait_for("Production: type prod-1 to confirm.")
        session.send("prod-2\r")
        session.wait_for("That is not prod-1; nothing was done.")
        session.send("d")
        session.wait_for("Production: type prod-1 to confirm.")
        session.send("prod-1\r")
        session.wait_for("Deleted")
        archived = self.ws.cli_json("--profile", "production", "customers", "list", "--status", "archived")
        self.assertEqual([c["external_id"] for c in archived["items"]], ["prod-1"])

        # This server keeps integration mappings, so the production form edits them.
        session.send("n")
        session.wait_for("New customer")
        session.wait_for("provider = its id")
        session.send("\x1b")
        session.wait_for("› Customers")  # before the next key: Esc and P at once read as Alt-P

        session.send("P")
        session.wait_for("Switch profile")
        session.send("\x1b[B")
        session.wait_for("▸ sandbox")
        session.send("\r")
        session.wait_for("Sandbox Co")
        self.assertIn("profile sandbox", session.text().splitlines()[0])
        self.assertNotIn("PRODUCTION", session.text().splitlines()[0])


if __name__ == "__main__":
    unittest.main()
