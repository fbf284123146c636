import Foundation
import Testing
import TestSupport
@testable import SettlementAgent

/// The run logic of `hash poseidon` and `eddsa keygen|sign|verify`, against the circomlibjs
/// vectors.
@Suite struct HashAndEdDSACommandTests {
    static let privateKey = "0001020304050607080900010203040506070809000102030405060708090001"
    static let publicKey = "13277427435165878497778222415993513565335242147425444199013288855685581939618,"
        + "13622229784656158136036771217484571176836296686641868549125388198837476602820"
    static let message = "42649378395939397566720"
    static let r8 = "11384336176656855268977457483345535180380036354188103142384839473266348197733,"
        + "15383486972088797283337779941324724402501462225528836549661220478783371668959"
    static let s = "1672775540645840396591609181675628451599263765380031905495115170613215233181"

    func exitCode(_ body: () throws -> String) -> Int32 {
        do {
            _ = try body()
            return 0
        } catch let failure as CLIFailure {
            return failure.exitCode
        } catch {
            return -1
        }
    }

    @Test func poseidonHash() throws {
        #expect(try HashCommand.Poseidon.hash(["1", "2"]) == "7853200120776062878684798364095072458815029376092732009249414926327459813530")
        #expect(exitCode { try HashCommand.Poseidon.hash([]) } == 2)
        #expect(exitCode { try HashCommand.Poseidon.hash(Array(repeating: "1", count: 17)) } == 2)
        #expect(exitCode { try HashCommand.Poseidon.hash(["1", "-2"]) } == 2)
        let r = "21888242871839275222246405745257275088548364400416034343698204186575808495617"
        #expect(exitCode { try HashCommand.Poseidon.hash([r]) } == 2, "not below the modulus")
    }

    @Test func keygenAndSignMatchTheVectors() throws {
        let keygen = try EdDSACommand.Keygen.keygen(privateKeyHex: Self.privateKey, json: true)
        let key = try JSONSerialization.jsonObject(with: Data(keygen.utf8)) as! [String: Any]
        #expect(key["privateKey"] as? String == Self.privateKey)
        #expect((key["publicKey"] as? [String])?.joined(separator: ",") == Self.publicKey)
        let signed = try EdDSACommand.Sign.sign(privateKeyHex: Self.privateKey, message: Self.message, json: true)
        let sig = try JSONSerialization.jsonObject(with: Data(signed.utf8)) as! [String: Any]
        #expect((sig["R8"] as? [String])?.joined(separator: ",") == Self.r8)
        #expect(sig["S"] as? String == Self.s)
        #expect(exitCode { try EdDSACommand.Sign.sign(privateKeyHex: "00", message: "1", json: true) } == 2)
        #expect(exitCode { try EdDSACommand.Sign.sign(privateKeyHex: Self.privateKey, message: "x", json: true) } == 2)
    }

    @Test func newKeysSignAndVerify() throws {
        let out = try EdDSACommand.Keygen.keygen(privateKeyHex: nil, json: true)
        let key = try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [String: Any]
        let hex = key["privateKey"] as! String
        #expect(hex.count == 64 && hex != Self.privateKey)
        let signed = try EdDSACommand.Sign.sign(privateKeyHex: hex, message: "5", json: true)
        let sig = try JSONSerialization.jsonObject(with: Data(signed.utf8)) as! [String: Any]
        let pk = (key["publicKey"] as! [String]).joined(separator: ",")
        let r8 = (sig["R8"] as! [String]).joined(separator: ",")
        #expect(try EdDSACommand.Verify.verify(publicKey: pk, message: "5", r8: r8, s: sig["S"] as! String) == "valid")
    }

    @Test func verifyExitCodes() {
        let verify = { (pk: String, m: String, r8: String, s: String) in
            self.exitCode { try EdDSACommand.Verify.verify(publicKey: pk, message: m, r8: r8, s: s) }
        }
        #expect(verify(Self.publicKey, Self.message, Self.r8, Self.s) == 0)
        #expect(verify(Self.publicKey, "42649378395939397566721", Self.r8, Self.s) == 1, "another message")
        #expect(verify(Self.publicKey, Self.message, Self.r8, "1") == 1, "another S")
        #expect(verify("1,2", Self.message, Self.r8, Self.s) == 1, "a key off the curve is well-formed but invalid")
        #expect(verify("1", Self.message, Self.r8, Self.s) == 2, "not X,Y")
        #expect(verify(Self.publicKey, "0x10", Self.r8, Self.s) == 2, "hex message")
        #expect(verify(Self.publicKey, Self.message, "1,2,3", Self.s) == 2)
        #expect(verify(Self.publicKey, Self.message, Self.r8, "") == 2)
    }
}
