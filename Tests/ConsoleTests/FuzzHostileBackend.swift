import CustomerKit
import Synchronization
import TestSupport

/// `FakeBackend` behind a remote server that lies about its lists, as the remote client passes
/// them on: a page's `total` is whatever the server's `pagination.total` said (negative,
/// Int.max, far more or fewer rows than exist) and a page may hold more rows than asked for,
/// or the same row twice. Seeded, so a run replays.
final class HostileBackend: CustomerBackend {
    let inner: FakeBackend
    private let rng: Mutex<SplitMix64>

    init(_ inner: FakeBackend, seed: UInt64) {
        self.inner = inner
        rng = Mutex(SplitMix64(seed: seed))
    }

    var label: String { "hostile" }

    static let totals = [Int.max, Int.min, -1, 0, 1, Int.max / 2, Int.max - 1, 1 << 40, Int(Int32.max), 7, 250]

    func list(_ query: CustomerQuery) async throws(CustomerError) -> CustomerPage {
        var page = try await inner.list(query)
        rng.withLock { rng in
            if rng.chance(0.6) { page.total = rng.chance(0.5) ? rng.pick(Self.totals) : page.total * rng.between(2, 1_000) }
            if rng.chance(0.2), let first = page.items.first {
                page.items += Array(repeating: first, count: rng.between(1, 150))
            }
            if rng.chance(0.1) { page.items = [] }
        }
        return page
    }

    func create(_ request: CreateCustomerRequest) async throws(CustomerError) -> Customer { try await inner.create(request) }
    func customer(id: String) async throws(CustomerError) -> Customer { try await inner.customer(id: id) }
    func customer(externalID: String) async throws(CustomerError) -> Customer {
        try await inner.customer(externalID: externalID)
    }
    func update(_ ref: CustomerRef, _ request: UpdateCustomerRequest, expecting version: Timestamp?)
        async throws(CustomerError) -> CustomerUpdate {
        try await inner.update(ref, request, expecting: version)
    }
    func delete(id: String) async throws(CustomerError) { try await inner.delete(id: id) }
}
