// Placeholder until TerminalUITests land.
