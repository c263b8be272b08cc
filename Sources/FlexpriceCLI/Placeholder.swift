// Placeholder until the FlexpriceCLI module lands.
