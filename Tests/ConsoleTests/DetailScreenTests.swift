import Console
import CustomerKit
import Testing
import TerminalUI

@Suite struct DetailScreenTests {
    static func family() -> FakeBackend {
        let backend = FakeBackend()
        backend.add(Customer(id: "cust_p", externalID: "parent-x", name: "Parent Co", email: "p@x.co",
                             addressCountry: "DE", metadata: ["tier": "gold"], environmentID: "env_1",
                             tenantID: "tenant-1", createdAt: .now(), updatedAt: .now(), createdBy: "alice",
                             updatedBy: "bob"))
        backend.add(Customer(id: "cust_c1", externalID: "child-1", name: "Child One", createdAt: .now(),
                             updatedAt: .now(), parentCustomerID: "cust_p"))
        return backend
    }

    @Test func showsEveryFieldAndTheChildren() async {
        var h = await ConsoleHarness(backend: Self.family())
        await h.press(.end, .enter)  // the parent is the older one
        let screen = h.screen()
        for text in ["cust_p", "parent-x", "Parent Co", "p@x.co", "DE Germany", "published", "by alice",
                     "by bob", "tenant-1", "env_1", "tier = gold", "Children: 1", "child-1"] {
            #expect(screen.contains(text), "\(text)")
        }
        await h.press(.enter)
        #expect(h.contains("Child One"))
        #expect(h.contains("Parent"))
        await h.press(.character("p"))
        #expect(h.contains("Parent Co"))
    }

    @Test func escGoesBack() async {
        var h = await ConsoleHarness(backend: Self.family())
        await h.press(.enter)
        #expect(h.contains("Children: none"))
        await h.press(.escape)
        #expect(h.contains("2 customers"))
    }
}
