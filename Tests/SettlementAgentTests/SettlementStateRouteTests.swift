import Foundation
import Groth16
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Traces
@testable import SettlementAgent

/// The settlement state machine at the HTTP edge (issue 14, items 1-3): settle-all lists the
/// accounts it skipped, `abandon` is the way out of a settlement that will never land,
/// `confirm` needs a transaction hash, and an old account report is refused.
@Suite struct SettlementStateRouteTests {
    typealias H = AgentTestHarness

    static let txHash = "0x" + String(repeating: "ab", count: 32)

    func post(_ client: some TestClientProtocol, _ uri: String, _ body: String = "{}", admin: Bool = true) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post, headers: admin ? H.adminHeaders : H.jsonHeaders, body: ByteBuffer(string: body))
    }

    func submit(_ client: some TestClientProtocol, user: UInt8, nonces: ClosedRange<UInt64>) async throws {
        for n in nonces {
            let r = try await post(client, "/v1/traces", String(decoding: H.signedTrace(user: user, nonce: n, fee: 10).jsonData, as: UTF8.self), admin: false)
            #expect(r.status == .created)
        }
    }

    /// Proves every queued job with a placeholder proof (the routes under test never read it).
    func proveAll(_ harness: H) throws {
        while let job = try harness.services.store.claimNextJob() {
            try harness.services.store.completeJob(transitionID: job.transition.id, proof: StoredProof(proofJSON: "{}", publicJSON: "[]"), timings: [:])
        }
    }

    @Test func confirmWithoutATransactionHashIsRefused() async throws {
        let harness = try H()
        try await harness.application.test(.router) { client in
            _ = try await post(client, "/v1/accounts", H.accountBody(user: 1, balance: "100"))
            try await submit(client, user: 1, nonces: 1...1)
            let id = try #require((try await post(client, "/v1/settlements").json["settlement"] as? [String: Any])?["id"] as? Int)
            try proveAll(harness)
            var r = try await post(client, "/v1/settlements/\(id)/confirm", "{}")
            #expect(r.status == .badRequest)
            #expect(r.json["error"] as? String == "missing_field")
            #expect(try harness.services.store.settlement(id: Int64(id))?.status == .proved, "a refused confirm changes nothing")
            r = try await post(client, "/v1/settlements/\(id)/confirm", #"{"stage":"confirmed"}"#)
            #expect(r.status == .badRequest)
            r = try await post(client, "/v1/settlements/\(id)/confirm", #"{"txHash":"\#(Self.txHash)"}"#)
            #expect(r.status == .ok)
            #expect(r.json["status"] as? String == "confirmed")
            #expect(r.json["txHash"] as? String == Self.txHash)
        }
    }

    @Test func abandonReleasesTracesAndNeedsTheAdminToken() async throws {
        let harness = try H()
        try await harness.application.test(.router) { client in
            _ = try await post(client, "/v1/accounts", H.accountBody(user: 1, balance: "100"))
            try await submit(client, user: 1, nonces: 1...2)
            let id = try #require((try await post(client, "/v1/settlements").json["settlement"] as? [String: Any])?["id"] as? Int)
            var r = try await post(client, "/v1/settlements/\(id)/abandon")
            #expect(r.status == .conflict, "a queued settlement cannot be abandoned")
            try proveAll(harness)
            r = try await post(client, "/v1/settlements/\(id)/confirm", #"{"txHash":"\#(Self.txHash)","stage":"submitted"}"#)
            #expect(r.json["status"] as? String == "submitted")
            r = try await post(client, "/v1/accounts", H.accountBody(user: 1, balance: "90"))
            #expect(r.status == .conflict, "in flight, the account cannot be updated")
            r = try await post(client, "/v1/settlements/\(id)/abandon", admin: false)
            #expect(r.status == .unauthorized)
            r = try await post(client, "/v1/settlements/\(id)/abandon", #"{"reason":42}"#)
            #expect(r.status == .badRequest)
            r = try await post(client, "/v1/settlements/\(id)/abandon", #"{"reason":"settle reverted"}"#)
            #expect(r.status == .ok)
            #expect((r.json["settlement"] as? [String: Any])?["status"] as? String == "abandoned")
            #expect(r.json["abandoned"] as? [Int] == [id])
            r = try await client.execute(uri: "/v1/traces?user=\(H.user(1))", method: .get)
            let statuses = (r.json["traces"] as? [[String: Any]])?.compactMap { $0["status"] as? String }
            #expect(statuses == ["pending", "pending"])
            r = try await post(client, "/v1/accounts", H.accountBody(user: 1, balance: "90"))
            #expect(r.status == .ok, "the account is updatable again")
            r = try await post(client, "/v1/settlements/\(id)/abandon")
            #expect(r.status == .conflict, "abandoned is final")
        }
    }

    @Test func staleAccountReportIsRefusedWith409() async throws {
        let harness = try H()
        try await harness.application.test(.router) { client in
            _ = try await post(client, "/v1/accounts", H.accountBody(user: 1, balance: "100"))
            try await submit(client, user: 1, nonces: 1...2)
            let id = try #require((try await post(client, "/v1/settlements").json["settlement"] as? [String: Any])?["id"] as? Int)
            try proveAll(harness)
            _ = try await post(client, "/v1/settlements/\(id)/confirm", #"{"txHash":"\#(Self.txHash)"}"#)
            let before = try await client.execute(uri: "/v1/accounts/\(H.user(1))", method: .get).json
            #expect(before["nonce"] as? String == "2")
            let r = try await post(client, "/v1/accounts", H.accountBody(user: 1, balance: "100", nonce: "0"))
            #expect(r.status == .conflict)
            #expect(r.json["error"] as? String == "stale_account_state")
            let after = try await client.execute(uri: "/v1/accounts/\(H.user(1))", method: .get).json
            #expect(NSDictionary(dictionary: after) == NSDictionary(dictionary: before))
        }
    }

    @Test func settleAllListsSkippedAccountsInsteadOfFailing() async throws {
        let harness = try H()
        try await harness.application.test(.router) { client in
            for user: UInt8 in [1, 2] { _ = try await post(client, "/v1/accounts", H.accountBody(user: user, balance: "100")) }
            try await submit(client, user: 1, nonces: 1...1)
            try await submit(client, user: 2, nonces: 1...1)
            try await harness.services.store.pool.write { db in
                try db.execute(sql: "UPDATE trace SET fee = '1000' WHERE user = ?", arguments: [H.user(2).description])
            }
            let r = try await post(client, "/v1/settlements")
            #expect(r.status == .accepted)
            let transitions = (r.json["settlement"] as? [String: Any])?["transitions"] as? [[String: Any]]
            #expect(transitions?.compactMap { $0["user"] as? String } == [H.user(1).description])
            let skipped = r.json["skipped"] as? [[String: Any]]
            #expect(skipped?.compactMap { $0["user"] as? String } == [H.user(2).description])
            #expect(skipped?.first?["reason"] as? String == "unplannable")
        }
    }
}
