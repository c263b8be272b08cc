@testable import Console
import CustomerKit
import Testing
import TerminalUI

/// Late answers: every screen matches results to its requests with tickets, so an answer to a
/// question the operator has moved on from is dropped, and one still wanted is taken, whatever
/// order the backend answers in. Commands are held back and run after later keys' commands.
@Suite struct RequestTicketTests {
    @Test func theTicketsOfOnePurposeSupersedeEachOtherAndNoOtherPurpose() {
        var tickets = RequestTickets()
        guard case let .effect(_, first) = tickets.ask(.searchParents(text: "a"), as: .parentSearch),
              case let .effect(_, save) = tickets.ask(.loadAudit(limit: 1), as: .save),
              case let .effect(_, second) = tickets.ask(.searchParents(text: "ab"), as: .parentSearch) else {
            Issue.record("ask returns an effect")
            return
        }
        #expect(!tickets.isCurrent(first))
        #expect(tickets.isCurrent(second))
        #expect(tickets.isCurrent(save))
        guard case let .effect(_, page1) = tickets.ask(.loadPage(CustomerQuery()), as: .page, superseding: false),
              case let .effect(_, page2) = tickets.ask(.loadPage(CustomerQuery(offset: 50)), as: .page, superseding: false)
        else { return }
        #expect(tickets.isCurrent(page1) && tickets.isCurrent(page2))
        tickets.supersede(.page)
        #expect(!tickets.isCurrent(page1) && !tickets.isCurrent(page2))
        #expect(tickets.isCurrent(second))
    }

    @Test func aLateListPageForAnEarlierSearchIsDropped() async {
        let backend = FakeBackend(count: 30)
        backend.add(Customer(id: "cust_acme", externalID: "acme-1", name: "Acme Corporation", email: "billing@acme.com",
                             createdAt: .now(), updatedAt: .now()))
        var h = await ConsoleHarness(backend: backend)
        await h.press(.character("/"))
        // The search for "a" (every customer: their emails are at example.com) is slow…
        let slow = h.app.handle(.key(.character("a")))
        #expect(!RuntimeCommand.effects(in: slow).isEmpty)
        await h.type("cm")
        #expect(h.contains("1 customer "))
        // …and answers after the search for "acm".
        await h.run(slow)
        #expect(h.contains("Acme Corporation"))
        #expect(h.contains("1 customer "))
        #expect(!h.contains("Customer 3"))
    }

    @Test func aLateParentSearchForEarlierTypingIsDropped() async {
        let backend = FakeBackend()
        backend.add(Customer(id: "cust_hq", externalID: "dept-hq", name: "Headquarters", createdAt: .now(), updatedAt: .now()))
        backend.add(Customer(id: "cust_hotel", externalID: "hotel-1", name: "Hotel Astoria", createdAt: .now(), updatedAt: .now()))
        var h = await ConsoleHarness(backend: backend)
        await h.press(.character("n"))
        for _ in 0..<11 { await h.press(.tab) }  // nine fields, metadata, tax rates (integrations: read-only here)
        let slow = h.app.handle(.key(.character("h")))
        #expect(!RuntimeCommand.effects(in: slow).isEmpty)
        await h.type("ead")
        #expect(h.contains("dept-hq · Headquarters"))
        await h.run(slow)
        #expect(h.contains("dept-hq · Headquarters"))
        #expect(!h.contains("Hotel Astoria"), "the candidates for “h” came back after those for “head”")
    }

    @Test func theParentAskedForStillOpensWhenAReloadAnswersFirst() async {
        var h = await ConsoleHarness(backend: DetailScreenTests.family())
        await h.press(.enter)  // the child, the newest
        #expect(h.contains("Child One"))
        let slowParent = h.app.handle(.key(.character("p")))
        await h.press(.character("r"))
        #expect(h.contains("Child One"), "a reload of this customer opens nothing")
        await h.run(slowParent)
        #expect(h.contains("Parent Co"))
        #expect(h.contains("Children: 1"))
    }

    @Test func anOlderReadOfTheCustomerDoesNotOverwriteANewerOne() async {
        let backend = DetailScreenTests.family()
        var h = await ConsoleHarness(backend: backend)
        await h.press(.enter)
        let slowRead = h.app.handle(.key(.character("r")))
        // Its read is performed now (before the rename), but delivered after the next one.
        let performedEarly = await perform(slowRead, with: h.runner)
        backend.editElsewhere(id: "cust_c1") { $0.name = "Child Renamed" }
        await h.press(.character("r"))
        #expect(h.contains("Child Renamed"))
        for (origin, result) in performedEarly { await h.run(h.app.receive(result, for: origin)) }
        #expect(h.contains("Child Renamed"), "the older read came back last and was dropped")
    }

    private func perform(_ commands: [RuntimeCommand], with runner: EffectRunner) async -> [(RequestOrigin, BackendResult)] {
        var results: [(RequestOrigin, BackendResult)] = []
        for (origin, effect) in RuntimeCommand.effects(in: commands) { results.append((origin, await runner.perform(effect))) }
        return results
    }
}
