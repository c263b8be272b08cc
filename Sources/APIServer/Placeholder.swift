// Placeholder until the API server lands.
