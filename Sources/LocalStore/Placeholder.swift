// Placeholder until the LocalStore module lands.
