// Placeholder until the TerminalUI module lands.
