// Placeholder until the CustomerKit module lands.
