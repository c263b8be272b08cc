// Placeholder until ConsoleTests land.
