import Foundation
import Testing
import Groth16
@testable import Traces

@Suite struct RequestTraceJSONTests {
    let valid: [String: Any] = [
        "user": "0x00000000000000000000000000000000000000AA",
        "provider": "0x" + String(repeating: "ab", count: 20),
        "nonce": "18446744073709551615",
        "fee": "340282366920938463463374607431768211455",
        "requestHash": "21888242871839275222246405745257275088548364400416034343698204186575808495616",
        "signature": ["R8": ["1", "2"], "S": "3"],
    ]

    func replacing(_ key: String, with value: Any?) -> [String: Any] {
        var o = valid
        o[key] = value
        return o
    }

    @Test func parsesExtremesAndRoundTrips() throws {
        let t = try RequestTrace(jsonObject: valid)
        #expect(t.nonce == UInt64.max)
        #expect(t.fee == UInt128.max)
        #expect(t.user.description == "0x00000000000000000000000000000000000000aa")
        #expect(t.requestHash == -Fr.one)
        #expect(try RequestTrace(jsonData: t.jsonData) == t)
    }

    @Test(arguments: [
        ("nonce", "18446744073709551616", "nonce"),
        ("nonce", "-1", "nonce"),
        ("nonce", "01", "nonce"),
        ("nonce", " 1", "nonce"),
        ("nonce", "1.0", "nonce"),
        ("fee", "340282366920938463463374607431768211456", "fee"),
        ("fee", "", "fee"),
        ("requestHash", "21888242871839275222246405745257275088548364400416034343698204186575808495617", "requestHash"),
        ("user", "0x1234", "user"),
        ("user", "00000000000000000000000000000000000000aa00", "user"),
        ("provider", "0xgg" + String(repeating: "0", count: 38), "provider"),
    ])
    func rejectsBadValuesNamingTheField(key: String, value: String, field: String) {
        do {
            _ = try RequestTrace(jsonObject: replacing(key, with: value))
            Issue.record("accepted \(key) = \(value)")
        } catch let e as TraceError {
            #expect(e.field == field)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func rejectsWrongTypesMissingAndUnknownFields() {
        #expect(throws: TraceError.malformed(field: "nonce", reason: "expected a string")) {
            try RequestTrace(jsonObject: replacing("nonce", with: 5))
        }
        #expect(throws: TraceError.missingField("fee")) { try RequestTrace(jsonObject: replacing("fee", with: nil)) }
        #expect(throws: TraceError.unknownField("extra")) { try RequestTrace(jsonObject: replacing("extra", with: "1")) }
        #expect(throws: TraceError.self) { try RequestTrace(jsonObject: replacing("signature", with: ["R8": ["1"], "S": "3"])) }
        #expect(throws: TraceError.self) { try RequestTrace(jsonObject: replacing("signature", with: ["R8": ["1", "2"], "S": 3])) }
        #expect(throws: TraceError.self) { try RequestTrace(jsonObject: [1, 2, 3]) }
        #expect(throws: TraceError.self) { try RequestTrace(jsonData: Data("{not json".utf8)) }
        do {
            _ = try RequestTrace(jsonObject: valid, path: "traces[4]")
            _ = try RequestTrace(jsonObject: replacing("fee", with: "x"), path: "traces[4]")
        } catch let e as TraceError {
            #expect(e.field == "traces[4].fee")
        } catch { Issue.record("\(error)") }
    }
}
