"""The local store holds up: several processes writing one store at once see no errors and
lose no rows, and kill -9 in the middle of writes leaves a store that passes SQLite's
integrity check with every acknowledged write present."""

import unittest

from console_driver import Workspace
from kill_storm import Writer, assert_store_intact, storm


class StoreReliability(unittest.TestCase):
    def setUp(self):
        self.ws = Workspace()
        self.ws.create({"external_id": "seed", "name": "Seed"})  # the file and schema exist first

    def tearDown(self):
        self.ws.close()

    def test_concurrent_writers_and_kill_minus_nine(self):
        acknowledged, failures, kills = storm(self.ws, [Writer("a"), Writer("b"), Writer("c")], seed=20261122)
        print(f"\nwriters: {len(acknowledged)} acknowledged creates, {kills} writers killed with SIGKILL")
        self.assertEqual(failures, [], "a writer that was not killed reported an error")
        self.assertGreater(kills, 10, "the test killed too few writers to prove anything")
        self.assertGreater(len(acknowledged), 20, "too few writes got through")
        assert_store_intact(self, self.ws, acknowledged)


if __name__ == "__main__":
    unittest.main()
