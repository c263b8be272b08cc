import FlexpriceCLI

// All behaviour lives in FlexpriceCLI so it can be tested; this file only starts it.
await RootCommand.main()
