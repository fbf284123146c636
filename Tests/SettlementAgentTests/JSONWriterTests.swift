import Foundation
import Testing
@testable import SettlementAgent

/// `JSONWriter` against Foundation: what it writes parses back to the same value, and it
/// leaves to JSONSerialization what it does not cover.
@Suite struct JSONWriterTests {
    static func parsed(_ bytes: [UInt8]) throws -> NSObject {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) as? NSObject)
    }

    @Test func writesWhatFoundationReadsBack() throws {
        let tricky = "quote \" backslash \\ slash / newline \n tab \t nul \u{0} bell \u{7} del \u{7F} é 漢 😀"
        let values: [Any] = [
            ["results": [["index": 0, "status": "accepted", "id": Int64(12)], [:] as [String: Any]],
             "accepted": 1, "duplicates": 0, "rejected": 1] as [String: Any],
            ["settlement": NSNull(), "message": tricky, "ok": true, "no": false] as [String: Any],
            ["signerKey": ["1", "2"], "n": UInt64.max, "m": Int64.min, "t": 1_763_800_000.25, "z": 3.0] as [String: Any],
            [Any](), [String: Any](), tricky, 0,
        ]
        for value in values {
            let ours = try #require(JSONWriter.encode(value))
            let theirs = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
            #expect(try Self.parsed(ours) == Self.parsed(Array(theirs)), "\(String(decoding: ours, as: UTF8.self))")
        }
    }

    @Test func exactBytes() {
        let body: [String: Any] = ["status": "accepted", "id": 7, "b": ["x": NSNull()], "a": [1, "/"]]
        #expect(JSONWriter.encode(body).map { String(decoding: $0, as: UTF8.self) }
                == #"{"a":[1,"/"],"b":{"x":null},"id":7,"status":"accepted"}"#)
        #expect(JSONWriter.encode("\u{1F}\"").map { String(decoding: $0, as: UTF8.self) } == #""\u001f\"""#)
    }

    @Test func leavesOtherValuesToFoundation() {
        #expect(JSONWriter.encode(["x": Double.nan]) == nil)
        #expect(JSONWriter.encode([NSNumber(value: 1)]) == nil)
        #expect(JSONWriter.encode(["d": Date()]) == nil)
        #expect(JSONBody.encode(["n": NSNumber(value: 1)]).last == 0x0A)
    }
}
