import Foundation
import Groth16
import Hummingbird
import HummingbirdTesting
import Testing
import Traces
@testable import SettlementAgent

/// Answers the router gives before or instead of a handler: 405 with `Allow` for a known path
/// and another method, HEAD beside every GET, and a bad signature that names the agent's domain.
@Suite struct HTTPRoutingTests {
    typealias H = AgentTestHarness

    @Test func wrongMethodOnAKnownPathGets405WithAllow() async throws {
        let harness = try H()
        try await harness.application.test(.router) { client in
            var r = try await client.execute(uri: "/healthz", method: .post, body: ByteBuffer(string: "{}"))
            #expect(r.status == .methodNotAllowed)
            #expect(r.headers[.allow] == "GET, HEAD")
            #expect(r.json["error"] as? String == "method_not_allowed")
            r = try await client.execute(uri: "/v1/traces", method: .delete)
            #expect(r.status == .methodNotAllowed)
            #expect(r.headers[.allow] == "GET, HEAD, POST")
            r = try await client.execute(uri: "/v1/settlements/7/confirm", method: .get)
            #expect(r.status == .methodNotAllowed)
            #expect(r.headers[.allow] == "POST")
            r = try await client.execute(uri: "/v1/accounts/\(H.user(1))", method: .put, body: ByteBuffer(string: "{}"))
            #expect(r.headers[.allow] == "GET, HEAD")
            // A path the agent does not serve is still 404.
            r = try await client.execute(uri: "/v1/settlements/7/nothing", method: .get)
            #expect(r.status == .notFound)
            #expect(r.json["error"] as? String == "no_route")
        }
    }

    @Test func headHealthzAnswersWithoutABody() async throws {
        let harness = try H()
        try await harness.application.test(.router) { client in
            let r = try await client.execute(uri: "/healthz", method: .head)
            #expect(r.status == .ok)
            #expect(r.body.readableBytes == 0)
        }
    }

    @Test func domainMismatchNamesTheAgentsDomain() async throws {
        let harness = try H()
        let otherChain = SettlementDomain(chainId: 1, settlementContract: H.domain.settlementContract)
        let trace = TraceSigning.sign(user: H.user(1), provider: H.provider, nonce: 1, fee: 1, requestHash: Fr(7),
                                      domain: otherChain, key: H.key(1))
        try await harness.application.test(.router) { client in
            _ = try await client.execute(uri: "/v1/accounts", method: .post, headers: H.adminHeaders,
                                         body: ByteBuffer(string: H.accountBody(user: 1, balance: "100")))
            let r = try await client.execute(uri: "/v1/traces", method: .post, headers: H.jsonHeaders,
                                             body: ByteBuffer(string: String(decoding: trace.jsonData, as: UTF8.self)))
            #expect(r.status == .unprocessableContent)
            #expect(r.json["error"] as? String == "invalid_signature")
            let message = r.json["message"] as? String ?? ""
            #expect(message.contains("chainId 31337"), "\(message)")
            #expect(message.contains("settlementContract \(H.domain.settlementContract)"))
            #expect(message.contains(H.domain.value.decimalString))
        }
    }
}
