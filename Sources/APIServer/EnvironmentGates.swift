/// One `FairGate` per environment: how many of its requests work at once
/// (`ServerLimits.requestsPerEnvironment`), the rest waiting their turn.
public struct EnvironmentGates: Sendable {
    private let gates: [String: FairGate]

    public init(environments: [String], permits: Int) {
        gates = Dictionary(environments.map { ($0, FairGate(permits: max(1, permits))) }) { first, _ in first }
    }

    func gate(for environmentID: String) -> FairGate? { gates[environmentID] }

    /// Requests of the environment waiting for their turn (for tests and diagnostics).
    public func waiting(in environmentID: String) -> Int { gates[environmentID]?.waiting ?? 0 }
}

extension EnvironmentGates {
    /// Takes one of the environment's permits, as a request does (tests use it to fill a gate).
    public func acquire(in environmentID: String) async throws { try await gates[environmentID]?.acquire() }

    /// Gives back a permit `acquire(in:)` took.
    public func release(in environmentID: String) { gates[environmentID]?.release() }
}
