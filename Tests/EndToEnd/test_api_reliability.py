"""Issue 5 through the API server: a rival edit made through the server is not silently lost
by a console on the remote backend, and the store holds up when the server writes it together
with other processes."""

import json
import unittest

from console_driver import ApiServer, Rendezvous, Workspace
from kill_storm import Writer, assert_storm, assert_store_intact, storm


class ThroughTheApiServer(unittest.TestCase):
    def setUp(self):
        self.ws = Workspace()
        self.ws.create({"external_id": "seed", "name": "Seed"})
        self.server = ApiServer(self.ws)

    def tearDown(self):
        self.server.stop()
        self.ws.close()

    def remote_cli(self, *args, stdin=None):
        return self.ws.cli(*self.server.remote_args, *args, stdin=stdin, extra_env=self.server.remote_env)

    def test_a_rival_edit_through_the_server_is_not_lost(self):
        _, out, _ = self.remote_cli("customers", "create", "--file", "-", "--json",
                                    stdin=json.dumps({"external_id": "api-rival", "name": "Remote Co",
                                                      "email": "old@remote.example", "metadata": {}}))
        created = json.loads(out)

        # The console finds the customer, opens it and types; at the meeting point the rival
        # edit goes through the server; then the console saves.
        rival = Rendezvous(self.ws, lambda: self.remote_cli(
            "customers", "update", created["id"], "--file", "-", stdin='{"email": "new@remote.example"}'))
        try:
            code, report, output = self.ws.drive(f"""
expect Remote Co
key Down
expect Remote Co
key Home
type /
type remote co
expect remote co
expect 1 customer
key Enter
type e
expect Edit Remote Co
key Tab
key Ctrl-U
type Remote AS
expect Remote AS
{rival.script}
key Ctrl-S
expect Changed by someone else
expect new@remote.example
type o
expect Saved Remote AS
type q
""", args=self.server.remote_args, extra_env=self.server.remote_env)
            self.assertEqual(code, 0, output)
        finally:
            rival.join()
        final = json.loads(self.remote_cli("customers", "get", created["id"], "--json")[1])
        self.assertEqual((final["name"], final["email"]), ("Remote AS", "new@remote.example"))

    def test_the_server_and_local_writers_share_one_store_through_kill_minus_nine(self):
        # Two local writers are killed at random; the third writes through the server (the
        # server itself keeps running: it is the one writer that must not be killed).
        writers = [Writer("local-a"), Writer("local-b"),
                   Writer("server", self.server.remote_args, self.server.remote_env, killable=False)]
        result = storm(self.ws, writers, seed=5)
        acknowledged, _, kills, _ = result
        through_server = sum(1 for e in acknowledged if e.startswith("server"))
        print(f"\nshared store: {len(acknowledged)} acknowledged creates ({through_server} through the server), "
              f"{kills} kill -9")
        assert_storm(self, result)
        self.assertGreater(through_server, 0)
        assert_store_intact(self, self.ws, acknowledged)

if __name__ == "__main__":
    unittest.main()
