// Placeholder until the Console module lands.
