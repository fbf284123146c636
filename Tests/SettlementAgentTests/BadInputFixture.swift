import Circuits
import Foundation
import GRDB
import Groth16
import Hummingbird
import TestSupport
@testable import Traces
@testable import SettlementAgent

/// The agent state every bad-input case starts from: user 1 (balance 100) with trace nonce 1
/// in settlement 1 (queued), user 3 (balance 100) with a pending trace; user 2 is not
/// registered. On a chain, user 9 has also deposited 100 and registered key 9's hash in
/// block 1, and has not published the key. Builds each case's request from its base
/// documents and tokens, and snapshots every row of the store.
struct BadInputFixture {
    typealias H = AgentTestHarness
    let harness: H

    /// User 1's trace stored by the fixture, and the valid new trace (nonce 2) cases edit.
    static let storedTrace = H.signedTrace(user: 1, nonce: 1, fee: 10)
    static let newTrace = H.signedTrace(user: 1, nonce: 2, fee: 10)

    init(queueLimit: Int?, chain: Bool) throws {
        harness = try H(tracesPerTransition: 2, maxQueuedJobs: queueLimit ?? 256,
                        chain: chain ? ChainStatus(registry: H.domain.settlementContract.description, chainId: H.domain.chainId,
                                                   confirmations: 2) : nil)
        let store = harness.services.store
        if chain {
            let user = H.user(9), keyHash = TraceSigning.signerKey(of: H.key(9)).hash
            let tx = "0x" + String(repeating: "01", count: 32)
            _ = try store.applyChain(logs: [
                ChainLog(blockNumber: 1, logIndex: 0, transactionHash: tx, event: .deposited(user: user, amount: 100, balance: 100)),
                ChainLog(blockNumber: 1, logIndex: 1, transactionHash: tx, event: .signerKeyRegistered(user: user, keyHash: keyHash)),
            ], checked: [], through: ChainBlock(number: 1, hash: "0x" + String(repeating: "02", count: 32), timestamp: 1_700_000_000))
        }
        for user: UInt8 in [1, 3] {
            let key = TraceSigning.signerKey(of: H.key(user))
            _ = try store.upsertAccount(AccountUpdate(user: H.user(user), signerKey: key, signerKeyHash: key.hash, balance: 100, nonce: 0))
        }
        _ = try harness.services.ingestor.ingest([Self.storedTrace])
        _ = try store.createSettlement(tracesPerTransition: 2, users: [H.user(1)]).settlement
        _ = try harness.services.ingestor.ingest([H.signedTrace(user: 3, nonce: 1, fee: 10)])
    }

    /// Every row of every table, in rowid order.
    func snapshot() throws -> [String] {
        try harness.services.store.pool.read { db in
            var rows: [String] = []
            for table in ["account", "trace", "settlement", "transition", "proof", "signer_key", "chain_event", "chain_account"] {
                rows += try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid").map { "\(table) \($0)" }
            }
            return rows
        }
    }

    /// The values `{name}` stands for in the table.
    static let tokens: [String: String] = {
        let r = Fr.modulus, l = BabyJubJub.subgroupOrder
        func pk(_ i: UInt8) -> SignerKey { TraceSigning.signerKey(of: H.key(i)) }
        let user1 = H.user(1).description, user2 = H.user(2).description
        var t: [String: String] = [
            "r": r.description, "r-1": (r - BigInteger(1)).description, "p": Fp.modulus.description, "l": l.description,
            "2^64": "18446744073709551616", "2^64-1": String(UInt64.max),
            "2^128": "340282366920938463463374607431768211456", "2^128-1": String(UInt128.max),
            "S": newTrace.signature.s.decimalString, "S+l": (newTrace.signature.s.bigInteger + l).description,
            "user1": user1, "user1-upper": "0x" + user1.dropFirst(2).uppercased(), "user1-bare": String(user1.dropFirst(2)),
            "user1-0X": "0X" + user1.dropFirst(2), "user2-upper": "0x" + user2.dropFirst(2).uppercased(),
            "A1x": pk(1).ax.decimalString, "A1y": pk(1).ay.decimalString, "A1": pk(1).ax.decimalString + "," + pk(1).ay.decimalString,
            "A2x": pk(2).ax.decimalString, "A2y": pk(2).ay.decimalString, "A9x": pk(9).ax.decimalString, "A9y": pk(9).ay.decimalString, "key1": H.key(1).hexEncodedSecret(),
            "token": H.adminToken, "token-prefix": String(H.adminToken.dropLast()),
            "contract": H.domain.settlementContract.description,
            "v": Vectors.url("snarkjs/tutorial_multiplier5").path,
        ]
        for i: UInt8 in [3, 7, 9] { t["user\(i)"] = H.user(i).description }
        return t
    }()

    /// `text` with every `{token}` replaced (longest names first, so "{r-1}" is not read as "{r}").
    static func expand(_ text: String, extra: [String: String] = [:]) -> String {
        var result = text
        for (name, value) in tokens.merging(extra, uniquingKeysWith: { $1 }).sorted(by: { $0.key.count > $1.key.count }) {
            result = result.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return result
    }

    /// A base document, as JSON.
    static func document(_ base: String) throws -> JSONValue {
        switch base {
        case "newTrace": return try JSONValue(data: newTrace.jsonData)
        case "storedTrace": return try JSONValue(data: storedTrace.jsonData)
        case "account": return try JSONValue(data: Data(H.accountBody(user: 2, balance: "100").utf8))
        case "settle": return .object(["users": .array([.string(H.user(3).description)])])
        case "confirm": return .object(["txHash": .string("0x" + String(repeating: "ab", count: 32)), "stage": .string("submitted")])
        case "abandon": return .object(["reason": .string("the settle transaction reverted")])
        case "signerKey": return .object(["signerKey": .array([.string(expand("{A9x}")), .string(expand("{A9y}"))])])
        default: preconditionFailure("unknown base \(base)")
        }
    }

    /// `document` with the edits of a case applied (tokens expanded), signed again on request.
    static func edited(_ document: JSONValue, set: [String: JSONValue]?, remove: [String]?, resign: Bool) throws -> JSONValue {
        var doc = document
        for (path, value) in (set ?? [:]).sorted(by: { $0.key < $1.key }) { doc.set(path, to: value.mapStrings { expand($0) }) }
        for path in remove ?? [] { doc.remove(path) }
        guard resign else { return doc }
        let t = try RequestTrace(jsonData: Data(doc.text.utf8))
        let signed = TraceSigning.sign(user: t.user, provider: t.provider, nonce: t.nonce, fee: t.fee, requestHash: t.requestHash,
                                       domain: H.domain, key: H.key(t.user.bytes[19]))
        return try JSONValue(data: signed.jsonData)
    }

    /// The body of an HTTP case.
    static func body(_ spec: HTTPCase) throws -> String {
        guard let base = spec.base else {
            return String(repeating: expand(spec.body ?? ""), count: spec.repeat ?? 1)
        }
        let doc = try edited(document(base), set: spec.set, remove: spec.remove, resign: spec.resign ?? false)
        var text = doc.text
        if let raw = spec.appendRaw { text = String(text.dropLast()) + expand(raw) + "}" }
        if spec.wrap == "array" { text = "[" + Array(repeating: text, count: spec.copies ?? 1).joined(separator: ",") + "]" }
        return String(repeating: " ", count: spec.padding ?? 0) + text
    }

    /// The headers of an HTTP case.
    static func headers(_ spec: HTTPCase) -> HTTPFields {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let auth = spec.authorization { headers[.authorization] = expand(auth) }
        return headers
    }

    /// The bytes of a CLI case's file (`directory` is the case's temporary directory).
    static func fileBytes(_ f: FileFixture) throws -> Data {
        if let text = f.text { return Data(expand(text).utf8) }
        if let kind = f.trace {
            var doc = try JSONValue(data: newTrace.jsonData)
            if kind == "unsigned" { doc.remove("signature") }
            return Data(try edited(doc, set: f.set, remove: f.remove, resign: false).text.utf8)
        }
        let source = try Data(contentsOf: URL(fileURLWithPath: expand(f.from!)))
        if f.set != nil || f.remove != nil {
            return Data(try edited(JSONValue(data: source), set: f.set, remove: f.remove, resign: false).text.utf8)
        }
        var bytes = [UInt8](source)
        if let n = f.truncate { bytes = n >= 0 ? Array(bytes.prefix(n)) : Array(bytes.dropLast(-n)) }
        if let p = f.patch {
            let patch = [UInt8](hex: p.hex)!
            bytes.replaceSubrange(p.offset..<(p.offset + patch.count), with: patch)
        }
        if let x = f.xor { bytes[x.offset] ^= x.mask }
        return Data(bytes)
    }
}
