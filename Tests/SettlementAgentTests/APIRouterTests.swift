import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Traces
@testable import SettlementAgent

/// The HTTP API through the router (no sockets): statuses and JSON error bodies for good and
/// bad input.
@Suite struct APIRouterTests {
    typealias H = AgentTestHarness

    func post(_ client: some TestClientProtocol, _ uri: String, _ body: String, admin: Bool = false) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post, headers: admin ? H.adminHeaders : H.jsonHeaders, body: ByteBuffer(string: body))
    }

    @Test func accountsNeedTheAdminToken() async throws {
        let harness = try H()
        try await harness.application.test(.router) { client in
            let body = H.accountBody(user: 1, balance: "100")
            var r = try await client.execute(uri: "/v1/accounts", method: .post, headers: H.jsonHeaders, body: ByteBuffer(string: body))
            #expect(r.status == .unauthorized)
            #expect(r.json["error"] as? String == "unauthorized")
            r = try await client.execute(uri: "/v1/accounts", method: .post,
                                         headers: [.authorization: "Bearer wrong", .contentType: "application/json"], body: ByteBuffer(string: body))
            #expect(r.status == .forbidden)
            r = try await post(client, "/v1/accounts", body, admin: true)
            #expect(r.status == .created)
            #expect(r.json["balance"] as? String == "100")
            r = try await post(client, "/v1/accounts", body, admin: true)
            #expect(r.status == .ok)
            r = try await client.execute(uri: "/v1/accounts/\(H.user(1))", method: .get)
            #expect(r.status == .ok)
            #expect(r.json["available"] as? String == "100")
            r = try await client.execute(uri: "/v1/accounts/\(H.user(2))", method: .get)
            #expect(r.status == .notFound)
            r = try await client.execute(uri: "/v1/accounts/0x12", method: .get)
            #expect(r.status == .badRequest)
        }
    }

    @Test func badAccountsAreRefused() async throws {
        let harness = try H()
        try await harness.application.test(.router) { client in
            let cases: [(String, HTTPResponse.Status, String)] = [
                (H.accountBody(user: 1, balance: "-1"), .badRequest, "malformed_field"),
                (H.accountBody(user: 1, balance: "340282366920938463463374607431768211456"), .badRequest, "out_of_range"),
                (H.accountBody(user: 1, balance: "1", nonce: "18446744073709551616"), .badRequest, "out_of_range"),
                (#"{"user":"0x01","signerKey":["1","2"],"balance":"1","nonce":"0"}"#, .badRequest, "malformed_field"),
                (#"{"user":"0x0000000000000000000000000000000000000001","signerKey":["1","2"],"balance":"1","nonce":"0"}"#, .unprocessableContent, "invalid_signer_key"),
                (#"{"user":"0x0000000000000000000000000000000000000001","signerKey":["0","1"],"balance":"1","nonce":"0"}"#, .unprocessableContent, "invalid_signer_key"),
                (#"{"user":"0x0000000000000000000000000000000000000001","signerKey":"x","balance":"1","nonce":"0"}"#, .badRequest, "malformed_field"),
                ("[1,2]", .badRequest, "malformed_json"),
                ("{", .badRequest, "malformed_json"),
                (String(H.accountBody(user: 1, balance: "5").dropLast()) + #","extra":1}"#, .badRequest, "unknown_field"),
            ]
            for (body, status, code) in cases {
                let r = try await post(client, "/v1/accounts", body, admin: true)
                #expect(r.status == status, "\(body)")
                #expect(r.json["error"] as? String == code, "\(body): \(r.json)")
            }
            #expect(try harness.services.store.accounts().isEmpty, "nothing was written")
        }
    }

    @Test func tracesGetTheRightStatus() async throws {
        let harness = try H()
        try await harness.application.test(.router) { client in
            _ = try await post(client, "/v1/accounts", H.accountBody(user: 1, balance: "100"), admin: true)
            let t1 = H.signedTrace(user: 1, nonce: 1, fee: 40)
            var r = try await post(client, "/v1/traces", String(decoding: t1.jsonData, as: UTF8.self))
            #expect(r.status == .created)
            #expect(r.json["status"] as? String == "accepted")
            r = try await post(client, "/v1/traces", String(decoding: t1.jsonData, as: UTF8.self))
            #expect(r.status == .ok)
            #expect(r.json["status"] as? String == "duplicate")
            var forged = H.signedTrace(user: 1, nonce: 2, fee: 10)
            forged.fee = 1
            let cases: [(RequestTrace, HTTPResponse.Status, String)] = [
                (H.signedTrace(user: 1, nonce: 1, fee: 41), .conflict, "replay"),
                (H.signedTrace(user: 1, nonce: 0, fee: 1), .conflict, "nonce_not_increasing"),
                (forged, .unprocessableContent, "invalid_signature"),
                (H.signedTrace(user: 1, nonce: 3, fee: 61), .unprocessableContent, "insufficient_balance"),
                (H.signedTrace(user: 9, nonce: 3, fee: 1), .notFound, "unknown_account"),
                (H.signedTrace(user: 1, nonce: 3, fee: 1, provider: H.user(7)), .unprocessableContent, "wrong_provider"),
            ]
            for (trace, status, code) in cases {
                r = try await post(client, "/v1/traces", String(decoding: trace.jsonData, as: UTF8.self))
                #expect(r.status == status, "\(code)")
                #expect(r.json["error"] as? String == code)
            }
            for (body, code) in [("{}", "invalid_trace"), (#"{"user":5}"#, "invalid_trace"), ("nonsense", "malformed_json"), ("", "malformed_json"), ("7", "malformed_json")] {
                r = try await post(client, "/v1/traces", body)
                #expect(r.status == .badRequest, "\(body)")
                #expect(r.json["error"] as? String == code, "\(body)")
            }
            r = try await post(client, "/v1/traces", String(repeating: " ", count: 70 * 1024) + "{}")
            #expect(r.status == .contentTooLarge)
            #expect(try harness.services.store.traceCounts() == [.pending: 1])
        }
    }

    @Test func batchesReportEachTrace() async throws {
        let harness = try H()
        try await harness.application.test(.router) { client in
            _ = try await post(client, "/v1/accounts", H.accountBody(user: 1, balance: "100"), admin: true)
            let items = [
                String(decoding: H.signedTrace(user: 1, nonce: 1, fee: 10).jsonData, as: UTF8.self),
                #"{"user":"bad"}"#,
                String(decoding: H.signedTrace(user: 1, nonce: 2, fee: 10).jsonData, as: UTF8.self),
                String(decoding: H.signedTrace(user: 1, nonce: 2, fee: 10).jsonData, as: UTF8.self),
            ]
            let r = try await post(client, "/v1/traces", #"{"traces":["# + items.joined(separator: ",") + "]}")
            #expect(r.status == .ok)
            let results = r.json["results"] as? [[String: Any]] ?? []
            #expect(results.map { $0["status"] as? String } == ["accepted", "rejected", "accepted", "duplicate"])
            #expect(results[1]["message"] as? String == "traces[1].user: expected 0x followed by 40 hex digits")
            #expect(r.json["accepted"] as? Int == 2)
            let tooMany = "[" + Array(repeating: "{}", count: 51).joined(separator: ",") + "]"
            #expect(try await post(client, "/v1/traces", tooMany).status == .contentTooLarge)
            #expect(try await post(client, "/v1/traces", "[]").status == .badRequest)
            let list = try await client.execute(uri: "/v1/traces?user=\(H.user(1))&status=pending&limit=1", method: .get)
            #expect(list.status == .ok)
            #expect((list.json["traces"] as? [Any])?.count == 1)
            #expect(list.json["next"] as? String == "1")
            #expect(try await client.execute(uri: "/v1/traces?status=bogus", method: .get).status == .badRequest)
            #expect(try await client.execute(uri: "/v1/traces?limit=0", method: .get).status == .badRequest)
        }
    }

    @Test func settlementsAreCreatedAndQueued() async throws {
        let harness = try H(tracesPerTransition: 2)
        try await harness.application.test(.router) { client in
            var r = try await post(client, "/v1/settlements", "{}", admin: true)
            #expect(r.status == .ok)
            #expect(r.json["settlement"] is NSNull)
            _ = try await post(client, "/v1/accounts", H.accountBody(user: 1, balance: "100"), admin: true)
            for n in 1...3 { _ = try await post(client, "/v1/traces", String(decoding: H.signedTrace(user: 1, nonce: UInt64(n), fee: 10).jsonData, as: UTF8.self)) }
            #expect(try await post(client, "/v1/settlements", "{}").status == .unauthorized)
            r = try await post(client, "/v1/settlements", "{}", admin: true)
            #expect(r.status == .accepted)
            let settlement = r.json["settlement"] as? [String: Any] ?? [:]
            #expect((settlement["transitions"] as? [Any])?.count == 2)
            let id = settlement["id"] as? Int ?? 0
            r = try await client.execute(uri: "/v1/settlements/\(id)", method: .get)
            #expect(r.status == .ok)
            #expect(r.json["status"] as? String == "queued")
            r = try await client.execute(uri: "/v1/settlements/\(id)/calldata", method: .get)
            #expect(r.status == .conflict)
            #expect(r.json["error"] as? String == "not_proved")
            #expect(try await client.execute(uri: "/v1/settlements/999", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/v1/settlements/abc", method: .get).status == .badRequest)
            r = try await post(client, "/v1/settlements/\(id)/confirm", #"{"txHash":"0x\#(String(repeating: "ab", count: 32))"}"#, admin: true)
            #expect(r.status == .conflict, "a queued settlement cannot be confirmed")
            r = try await post(client, "/v1/settlements/\(id)/confirm", #"{"txHash":"0x12"}"#, admin: true)
            #expect(r.status == .badRequest)
        }
    }

    @Test func fullQueueAnswers503WithRetryAfter() async throws {
        let harness = try H(tracesPerTransition: 1, maxQueuedJobs: 1)
        try await harness.application.test(.router) { client in
            _ = try await post(client, "/v1/accounts", H.accountBody(user: 1, balance: "100"), admin: true)
            _ = try await post(client, "/v1/traces", String(decoding: H.signedTrace(user: 1, nonce: 1, fee: 1).jsonData, as: UTF8.self))
            #expect(try await post(client, "/v1/settlements", "", admin: true).status == .accepted)
            let r = try await post(client, "/v1/settlements", "", admin: true)
            #expect(r.status == .serviceUnavailable)
            #expect(r.headers[.retryAfter] == "30")
        }
    }

    @Test func serviceEndpoints() async throws {
        let harness = try H()
        try await harness.application.test(.router) { client in
            var r = try await client.execute(uri: "/healthz", method: .get)
            #expect(r.status == .ok)
            #expect(r.json["status"] as? String == "ok")
            r = try await client.execute(uri: "/v1/vkey", method: .get)
            #expect(r.json["protocol"] as? String == "groth16")
            r = try await client.execute(uri: "/v1/verifier.sol", method: .get)
            #expect(String(buffer: r.body).contains("function verifyProof("))
            _ = try await client.execute(uri: "/v1/traces", method: .post, headers: H.jsonHeaders, body: ByteBuffer(string: "{}"))
            r = try await client.execute(uri: "/metrics", method: .get)
            #expect(String(buffer: r.body).contains(#"settlement_traces_rejected_total{reason="invalid_trace"} 1"#))
            r = try await client.execute(uri: "/v1/nothing", method: .get)
            #expect(r.status == .notFound)
            #expect(r.json["error"] as? String == "no_route")
        }
    }
}
