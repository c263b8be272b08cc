import ArgumentParser
import FlexpriceCLI

// All behaviour lives in FlexpriceCLI so it can be tested; this file only marks the entry
// point. `@main` on the command picks AsyncParsableCommand's main, which awaits `run()`.
@main
extension RootCommand {}
