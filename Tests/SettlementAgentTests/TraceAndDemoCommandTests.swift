import Foundation
import Testing
import Traces
@testable import SettlementAgent

/// `trace sign|verify` and `demo`.
@Suite struct TraceAndDemoCommandTests {
    static let key = String(repeating: "07", count: 32)
    let domain = SettlementDomain(chainId: 5, settlementContract: try! Address(hex: "0x" + String(repeating: "11", count: 20)))
    let unsigned = #"{"user":"0x00000000000000000000000000000000000000a1","provider":"0x00000000000000000000000000000000000000b2","nonce":"3","fee":"17","requestHash":"12345"}"#

    func code(_ body: () throws -> String) -> Int32 {
        do { _ = try body(); return 0 } catch let f as CLIFailure { return f.exitCode } catch { return -1 }
    }

    @Test func signThenVerify() throws {
        let signed = try TraceCommand.Sign.sign(input: Data(unsigned.utf8), privateKeyHex: Self.key, domain: domain)
        let publicKey = try EdDSACommand.Keygen.keygen(privateKeyHex: Self.key, json: true)
        let a = (try JSONSerialization.jsonObject(with: Data(publicKey.utf8)) as! [String: Any])["publicKey"] as! [String]
        let x = a[0] + "," + a[1]
        #expect(try TraceCommand.Verify.verify(input: Data(signed.utf8), publicKey: x, domain: domain) == "valid")
        // Another domain, another fee, another key: invalid (exit 1).
        let other = SettlementDomain(chainId: 6, settlementContract: domain.settlementContract)
        #expect(code { try TraceCommand.Verify.verify(input: Data(signed.utf8), publicKey: x, domain: other) } == 1)
        let changed = signed.replacingOccurrences(of: #""fee":"17""#, with: #""fee":"18""#)
        #expect(code { try TraceCommand.Verify.verify(input: Data(changed.utf8), publicKey: x, domain: domain) } == 1)
        // Malformed input: exit 2.
        for bad in ["{", #"{"user":"0x1"}"#, signed.replacingOccurrences(of: #""nonce":"3""#, with: #""nonce":"-3""#)] {
            #expect(code { try TraceCommand.Verify.verify(input: Data(bad.utf8), publicKey: x, domain: domain) } == 2)
        }
        #expect(code { try TraceCommand.Verify.verify(input: Data(signed.utf8), publicKey: "1", domain: domain) } == 2)
        #expect(code { try TraceCommand.Sign.sign(input: Data(signed.utf8), privateKeyHex: Self.key, domain: domain) } == 2,
                "an already signed trace")
        #expect(code { try TraceCommand.Sign.sign(input: Data(unsigned.utf8), privateKeyHex: "xyz", domain: domain) } == 2)
    }

    @Test func signManyAtOnce() throws {
        let second = unsigned.replacingOccurrences(of: #""nonce":"3""#, with: #""nonce":"4""#)
        let signed = try TraceCommand.Sign.sign(input: Data("[\(unsigned),\(second)]".utf8), privateKeyHex: Self.key, domain: domain)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(signed.utf8)) as? [[String: Any]])
        #expect(array.count == 2)
        let one = try TraceCommand.Sign.sign(input: Data(second.utf8), privateKeyHex: Self.key, domain: domain)
        let parsed = try array.map { try RequestTrace(jsonObject: $0) }
        #expect(parsed[1] == (try RequestTrace(jsonData: Data(one.utf8))), "the same trace as signed alone")
        #expect(parsed[0].nonce == 3)
        // One bad element refuses the whole array and names it.
        let bad = second.replacingOccurrences(of: #""fee":"17""#, with: #""fee":"x""#)
        #expect(code { try TraceCommand.Sign.sign(input: Data("[\(unsigned),\(bad)]".utf8), privateKeyHex: Self.key, domain: domain) } == 2)
        #expect(code { try TraceCommand.Sign.sign(input: Data("[1]".utf8), privateKeyHex: Self.key, domain: domain) } == 2)
    }

    @Test func demoProvesEverything() throws {
        #expect(cliExitCode(DemoCommand.self, ["--traces", "1", "--users", "2", "--traces-per-user", "2", "--json"]) == 0)
        #expect(cliExitCode(DemoCommand.self, ["--traces", "0"]) == 2)
    }
}
