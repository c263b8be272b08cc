"""The local store holds up: several processes writing one store at once see no errors and
lose no rows, and kill -9 in the middle of writes leaves a store that passes SQLite's
integrity check with every acknowledged write present."""

import unittest

from console_driver import Workspace
from kill_storm import Writer, assert_storm, assert_store_intact, storm


class StoreReliability(unittest.TestCase):
    def setUp(self):
        self.ws = Workspace()
        self.ws.create({"external_id": "seed", "name": "Seed"})  # the file and schema exist first

    def tearDown(self):
        self.ws.close()

    def test_concurrent_writers_and_kill_minus_nine(self):
        # Three writers race on one store until 21 creates are acknowledged and 11 runs were
        # killed mid-flight (counts, not a time: see kill_storm).
        result = storm(self.ws, [Writer("a"), Writer("b"), Writer("c")], seed=20261122)
        acknowledged, _, kills, _ = result
        print(f"\nwriters: {len(acknowledged)} acknowledged creates, {kills} writers killed with SIGKILL")
        assert_storm(self, result)
        assert_store_intact(self, self.ws, acknowledged)


if __name__ == "__main__":
    unittest.main()
