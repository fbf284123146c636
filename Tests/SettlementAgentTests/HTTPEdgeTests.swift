import Foundation
import Testing
@testable import SettlementAgent

/// The HTTP edge over real sockets: slow or greedy clients cannot starve the others. Each
/// test sets a short read timeout and checks the behaviour within generous bounds.
@Suite(.serialized) struct HTTPEdgeTests {
    static let healthz = "GET /healthz HTTP/1.1\r\nHost: agent\r\n\r\n"

    /// /healthz on a new connection, retried until it answers 200 or `deadline` passes.
    static func healthzAnswers(port: Int, within deadline: Duration) -> Bool {
        let end = ContinuousClock.now + deadline
        while ContinuousClock.now < end {
            if let connection = try? RawConnection(port: port), connection.send(healthz),
               connection.readResponse(timeout: .seconds(2))?.status == 200 {
                return true
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }

    @Test func slowHeadersDoNotStarveHealthz() async throws {
        try await LiveAgent.serve({ $0.readTimeout = .seconds(1); $0.maxConnections = 100 }) { port in
            // 150 clients that never finish their headers: more than the cap.
            let slow = try (0..<150).map { _ in try RawConnection(port: port) }
            for connection in slow { connection.send("GET /healthz HTTP/1.1\r\nHost: ag") }
            #expect(Self.healthzAnswers(port: port, within: .seconds(10)), "/healthz did not answer while slow clients held connections")
            // The server closed every one of them: no complete head within the read timeout.
            let stillOpen = slow.filter { !$0.readUntilClosed(timeout: .seconds(10)).closed }.count
            #expect(stillOpen == 0, "\(stillOpen) half-sent requests still hold a connection")
        }
    }

    @Test func stalledBodyIsClosedAfterTheReadTimeout() async throws {
        try await LiveAgent.serve({ $0.readTimeout = .seconds(1) }) { port in
            let connection = try RawConnection(port: port)
            let start = ContinuousClock.now
            connection.send("POST /v1/traces HTTP/1.1\r\nHost: agent\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{")
            let (_, closed) = connection.readUntilClosed(timeout: .seconds(10))
            #expect(closed, "a body stalled at 1 of 10 bytes kept its connection for 10 s")
            #expect(ContinuousClock.now - start >= .milliseconds(500), "closed before the read timeout")
        }
    }

    @Test func declaredOversizeBodyIsRefusedAtOnce() async throws {
        try await LiveAgent.serve({ $0.readTimeout = .seconds(30) }) { port in
            let connection = try RawConnection(port: port)
            // The head alone: a server that waited for the body would answer nothing.
            connection.send("POST /v1/traces HTTP/1.1\r\nHost: agent\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n")
            let response = connection.readResponse(timeout: .seconds(10))
            #expect(response?.status == 413)
            #expect(response?.body.contains(#""error":"body_too_large""#) == true, "\(response?.body ?? "no answer")")
            #expect(connection.readUntilClosed(timeout: .seconds(10)).closed, "the connection stays open after the 413")
            #expect(Self.healthzAnswers(port: port, within: .seconds(10)))
        }
    }

    @Test func connectionsBeyondTheCapAreRefusedWhileOthersKeepWorking() async throws {
        try await LiveAgent.serve({ $0.readTimeout = .seconds(30); $0.maxConnections = 3 }) { port in
            // Three keep-alive clients take every slot (each answered once, so each is admitted).
            let held = try (0..<3).map { _ in try RawConnection(port: port) }
            for connection in held {
                connection.send(Self.healthz)
                #expect(connection.readResponse(timeout: .seconds(10))?.status == 200)
            }
            let extra = try RawConnection(port: port)
            let refusal = extra.readResponse(timeout: .seconds(10))
            #expect(refusal?.status == 503)
            #expect(refusal?.body.contains(#""error":"too_many_connections""#) == true)
            #expect(extra.readUntilClosed(timeout: .seconds(10)).closed)
            // The connections already open are still served.
            held[0].send(Self.healthz)
            #expect(held[0].readResponse(timeout: .seconds(10))?.status == 200)
            // A slot freed is a slot a new client can take.
            held[1].send("GET /healthz HTTP/1.1\r\nHost: agent\r\nConnection: close\r\n\r\n")
            #expect(held[1].readUntilClosed(timeout: .seconds(10)).closed)
            #expect(Self.healthzAnswers(port: port, within: .seconds(10)))
        }
    }
}
