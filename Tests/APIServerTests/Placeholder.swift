// Placeholder until APIServerTests land.
