// Placeholder until LocalStoreTests land.
