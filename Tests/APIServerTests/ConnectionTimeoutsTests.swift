@testable import APIServer
import NIOCore
import Testing

/// The connection deadlines as a pure state machine, on made-up instants.
@Suite("Connection deadlines")
struct ConnectionTimeoutsTests {
    let limits = ConnectionTimeouts.Limits(header: .seconds(10), idle: .seconds(60), request: .seconds(30))
    let t0 = NIODeadline.uptimeNanoseconds(1_000_000_000_000)

    func at(_ seconds: Int64) -> NIODeadline { t0 + .seconds(seconds) }

    @Test func aNewConnectionHasTheHeaderTimeoutAndTricklingDoesNotMoveIt() {
        var machine = ConnectionTimeouts(limits: limits, now: t0)
        #expect(machine.expiry == at(10))
        #expect(machine.action(now: at(9)) == nil)
        #expect(machine.action(now: at(10)) == .close)
        machine.bytesRead(now: at(2))
        for second in 3..<20 { machine.bytesRead(now: at(Int64(second))) }
        #expect(machine.expiry == at(10))
        #expect(machine.action(now: at(12)) == .answerTimeoutThenClose)
    }

    @Test func aBodyHasTheRequestTimeoutThenTheAnswerItsAllowance() {
        var machine = ConnectionTimeouts(limits: limits, now: t0)
        machine.bytesRead(now: at(1))
        machine.headReceived(now: at(2))
        #expect(machine.expiry == at(32))
        #expect(machine.action(now: at(32)) == .answerTimeoutThenClose)
        machine.bytesRead(now: at(5))
        machine.requestEnded()
        #expect(machine.expiry == at(92), "working: only the safety net, request + idle after the head")
        machine.responseStarted(now: at(6))
        #expect(machine.action(now: at(92)) == .close, "no 408 in the middle of an answer")
        machine.responseEnded(now: at(7))
        #expect(machine.expiry == at(67), "kept alive: the idle timeout from the answer")
        machine.bytesRead(now: at(50))
        #expect(machine.expiry == at(60), "a new request's head: the header timeout from its first byte")
        machine.headReceived(now: at(55))
        machine.requestEnded()
        machine.responseStarted(now: at(56))
        machine.responseEnded(now: at(56))
        #expect(machine.expiry == at(116))
        #expect(machine.requestsInFlight == 0)
    }

    @Test func pipelinedRequestsKeepTheOldestAnswersDeadline() {
        var machine = ConnectionTimeouts(limits: limits, now: t0)
        machine.bytesRead(now: at(0))
        machine.headReceived(now: at(0))
        machine.requestEnded()
        machine.bytesRead(now: at(1))
        machine.headReceived(now: at(1))
        machine.requestEnded()
        #expect(machine.requestsInFlight == 2)
        #expect(machine.expiry == at(90))
        machine.responseEnded(now: at(3))
        #expect(machine.expiry == at(91))
        #expect(machine.action(now: at(91)) == .close)
    }
}
