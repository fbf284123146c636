import Foundation
import Testing
import TestSupport
@testable import Groth16

/// The generated verifiers, run for real: the Vyper twins of Verifier.sol and
/// BatchVerifier.sol compiled with vyper and called in revm with our calldata, against the
/// snarkjs tutorial proof.
@Suite(.enabled(if: PythonOracle.python != nil, "needs SETTLEMENT_PYTHON with vyper and pyrevm (make test sets it)"))
struct VerifierContractTests {
    struct Request: Encodable {
        var source: String
        var calls: [String]
    }

    struct Response: Decodable {
        struct Result: Decodable {
            var success: Bool
            var returndata: String
            var gas: Int
        }
        var results: [Result]
    }

    static let trueWord = String(repeating: "0", count: 63) + "1"
    static let falseWord = String(repeating: "0", count: 64)

    let vk: VerifyingKey
    let proof: Proof
    let signals: [Fr]

    init() throws {
        let dir = "snarkjs/tutorial_multiplier5/"
        vk = try VerifyingKey(snarkjsJSON: Vectors.data(dir + "verification_key.json"))
        proof = try Proof(snarkjsJSON: Vectors.data(dir + "proof.json"))
        signals = try PublicSignalsJSON.decode(Vectors.data(dir + "public.json"))
    }

    func call(_ source: String, _ calldata: [[UInt8]]) throws -> [Response.Result] {
        let response: Response = try PythonOracle.ask("vyper_evm_oracle.py",
            Request(source: source, calls: calldata.map { ABIEncoding.hexDigits($0) }))
        return response.results
    }

    /// A different valid proof: A doubled (still on the curve, wrong for the statement).
    var tamperedProof: Proof {
        var p = proof
        p.a = p.a.jacobian.doubled().affine
        return p
    }

    @Test func singleVerifierAcceptsTheProofAndRejectsTampering() throws {
        var badSignal = signals
        badSignal[1] = badSignal[1] + .one
        let overR = VerifierCalldata.verifyProof(proof, publicSignals: signals)
        var aboveR = overR
        // Replace the last public signal word by r itself.
        aboveR.replaceSubrange((aboveR.count - 32)..., with: Fr.modulus.bigEndianBytes(count: 32)!)
        var aboveQ = overR
        aboveQ.replaceSubrange(4..<36, with: Fp.modulus.bigEndianBytes(count: 32)!)
        let results = try call(VyperVerifier.source(vk), [
            VerifierCalldata.verifyProof(proof, publicSignals: signals),
            VerifierCalldata.verifyProof(tamperedProof, publicSignals: signals),
            VerifierCalldata.verifyProof(proof, publicSignals: badSignal),
            VerifierCalldata.verifyProof(proof, publicSignals: [signals[1], signals[0], signals[2]]),
            aboveR,
            aboveQ,
        ])
        #expect(results.map(\.success) == [true, true, true, true, true, true], "the verifier returns false, never reverts")
        #expect(results.map(\.returndata) == [Self.trueWord] + Array(repeating: Self.falseWord, count: 5))
    }

    @Test func batchVerifierCombinesProofs() throws {
        let good = (proof: proof, publicSignals: signals)
        let bad = (proof: tamperedProof, publicSignals: signals)
        let results = try call(VyperVerifier.batchSource(vk, maxProofs: 4), [
            VerifierCalldata.verifyProofs([good]),
            VerifierCalldata.verifyProofs([good, good, good]),
            VerifierCalldata.verifyProofs([good, bad]),
            VerifierCalldata.verifyProofs([bad, good, good]),
        ])
        #expect(results.map(\.returndata) == [Self.trueWord, Self.trueWord, Self.falseWord, Self.falseWord])
    }

    @Test func calldataWordsMatchSnarkJS() throws {
        // The snarkjs soliditycalldata text of the vector set lists the words our ABI encoding carries.
        let dir = "snarkjs/solidity_calldata/"
        let p = try Proof(snarkjsJSON: Vectors.data(dir + "proof.json"))
        let s = try PublicSignalsJSON.decode(Vectors.data(dir + "public.json"))
        let text = try String(decoding: Vectors.data(dir + "calldata.txt"), as: UTF8.self)
        let words = text.split(whereSeparator: { !"0123456789abcdefx".contains($0) }).map(String.init).filter { $0.hasPrefix("0x") }
        let encoded = VerifierCalldata.verifyProof(p, publicSignals: s)
        #expect(Array(encoded.prefix(4)) == Keccak256.selector("verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[4])"))
        let ours = stride(from: 4, to: encoded.count, by: 32).map { ABIEncoding.hex(Array(encoded[$0..<($0 + 32)])) }
        #expect(ours == words)
    }

    @Test func pairingPrecompileAcceptsTheCalldataWords() throws {
        // ecPairing on exactly the words the calldata carries and the key's constants.
        let w = proof.evmWords
        var vkX = vk.ic[0].jacobian
        for (i, s) in signals.enumerated() { vkX = vkX + vk.ic[i + 1].jacobian.multipliedVartime(by: s) }
        let negAY = (-proof.a).y.bigEndianBytes
        let input = w[0] + negAY + w[2] + w[3] + w[4] + w[5] + vk.alpha1.evmBytes + vk.beta2.evmBytes
            + vkX.affine.evmBytes + vk.gamma2.evmBytes + w[6] + w[7] + vk.delta2.evmBytes
        #expect(try EVMPrecompiles.ecPairing(input).last == 1)
        struct Call: Encodable { var address: Int; var input: String }
        struct Calls: Encodable { var calls: [Call] }
        struct Out: Decodable { struct R: Decodable { var ok: Bool; var output: String? }; var results: [R] }
        let revm: Out = try PythonOracle.ask("revm_precompile_oracle.py", Calls(calls: [Call(address: 8, input: ABIEncoding.hexDigits(input))]))
        #expect(revm.results.first?.output == Self.trueWord)
    }
}

/// The generated Solidity parsed with tree-sitter-solidity, where no solc is needed: a syntax
/// error fails the test with its line and column (SolidityCompileTests compiles it with solc).
@Suite(.enabled(if: PythonOracle.python != nil, "needs SETTLEMENT_PYTHON with tree-sitter-solidity (make test sets it)"))
struct SoliditySyntaxTests {
    struct Request: Encodable { var sources: [String] }
    struct Response: Decodable {
        struct Result: Decodable { var ok: Bool; var error: String }
        var results: [Result]
    }

    @Test func generatedContractsParse() throws {
        var sources: [String] = []
        for dir in ["snarkjs/tutorial_multiplier5/", "snarkjs/solidity_calldata/", "snarkjs/hermez_ptau_setup/"] {
            let vk = try VerifyingKey(snarkjsJSON: Vectors.data(dir + "verification_key.json"))
            sources.append(SolidityVerifier.source(vk))
            sources.append(SolidityBatchVerifier.source(vk))
        }
        let response: Response = try PythonOracle.ask("solidity_syntax_oracle.py", Request(sources: sources))
        for (i, r) in response.results.enumerated() {
            #expect(r.ok, "source \(i): \(r.error)")
        }
        // The check itself catches a syntax error.
        let broken: Response = try PythonOracle.ask("solidity_syntax_oracle.py",
            Request(sources: [sources[0].replacingOccurrences(of: "returns (bool) {", with: "returns (bool) {{")]))
        #expect(broken.results.first?.ok == false)
    }
}
