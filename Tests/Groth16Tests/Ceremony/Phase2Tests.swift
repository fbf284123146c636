import Foundation
import Testing
import TestSupport
@testable import Groth16

/// Phase 2 and preparation against the snarkjs files of ../shared/vectors.
@Suite("Phase 2 and prepare")
struct Phase2Tests {
    static let tutorial = "snarkjs/tutorial_multiplier5/"
    static let hermezDir = "snarkjs/hermez_ptau_setup/"

    /// pot12_beacon.ptau prepared by our code, computed once for the suite.
    static let preparedBeacon: Result<PowersOfTauReader, Error> = Result {
        let file = try PowersOfTauFile(contentsOf: Vectors.url(tutorial + "pot12_beacon.ptau"))
        return try PowersOfTauReader(data: Data(try PowersOfTau.prepare(file).fileBytes()))
    }

    static func hermez() throws -> PowersOfTauReader {
        try PowersOfTauReader(contentsOf: Vectors.url(hermezDir + "powersOfTau28_hez_final_09.ptau"))
    }

    static func r1cs(_ path: String) throws -> R1CS { try R1CSFile(contentsOf: Vectors.url(path)).r1cs }

    static func zkeyBytes(_ path: String) throws -> [UInt8] { [UInt8](try Vectors.data(path)) }

    @Test("prepare recomputes the Hermez file's Lagrange sections 12-15 (every level the file's powers determine)")
    func prepareMatchesHermez() throws {
        let original = try Self.hermez().file()
        var stripped = original
        stripped.lagrange = nil
        let prepared = try #require(try PowersOfTau.prepare(stripped).lagrange)
        let expected = try #require(original.lagrange)
        #expect(prepared.tauG2 == expected.tauG2)
        #expect(prepared.alphaTauG1 == expected.alphaTauG1)
        #expect(prepared.betaTauG1 == expected.betaTauG1)
        // Levels 0...9 of tauG1. Level 10 of this file was cut from the power-28 ceremony's, which
        // used τ^1023; a power-9 file lacks it, and a ceremony's own file takes it as 0 (its
        // consistency is checked by `verify`).
        let top = PowersOfTauLagrangeBases.count(throughLevel: 9)
        #expect(prepared.tauG1[..<top] == expected.tauG1[..<top])
    }

    /// Our key equals snarkjs's in every section and in the layout; the bytes differ only in
    /// the 64-byte circuit hash of section 10 (doc/CEREMONY.md, "Known gaps").
    static func expectSameKey(_ ours: ZKeyFile, _ theirs: ZKeyFile) {
        #expect(ours.provingKey == theirs.provingKey)
        #expect(ours.sectionOrder == theirs.sectionOrder)
        #expect(ours.transcript.contributions == theirs.transcript.contributions)
        var relabelled = ours
        relabelled.transcript.circuitHash = theirs.transcript.circuitHash
        #expect(relabelled.fileBytes() == theirs.fileBytes())
    }

    @Test("groth16 setup of prove.r1cs with the Hermez ptau reproduces prove_0000.zkey (all but the circuit hash)")
    func newKeyMatchesHermezSetup() throws {
        let key = try Phase2.newKey(r1cs: try Self.r1cs(Self.hermezDir + "prove.r1cs"), ptau: try Self.hermez())
        Self.expectSameKey(key, try ZKeyFile(contentsOf: Vectors.url(Self.hermezDir + "prove_0000.zkey")))
    }

    @Test("groth16 setup of circuit.r1cs with prepare(pot12_beacon) reproduces circuit_0000.zkey (all but the circuit hash)")
    func newKeyMatchesTutorialSetup() throws {
        let key = try Phase2.newKey(r1cs: try Self.r1cs(Self.tutorial + "circuit.r1cs"), ptau: try Self.preparedBeacon.get())
        Self.expectSameKey(key, try ZKeyFile(contentsOf: Vectors.url(Self.tutorial + "circuit_0000.zkey")))
    }

    @Test("the beacon of circuit_0003.zkey reproduces circuit_final.zkey byte for byte")
    func beaconMatchesSnarkjs() throws {
        let before = try ZKeyFile(contentsOf: Vectors.url(Self.tutorial + "circuit_0003.zkey"))
        let final = try ZKeyFile(contentsOf: Vectors.url(Self.tutorial + "circuit_final.zkey"))
        let record = try #require(final.transcript.contributions.last)
        let result = try Phase2.beacon(to: before, name: record.parameters.name, beaconHash: try #require(record.parameters.beaconHash),
                                       numIterationsExp: Int(try #require(record.parameters.numIterationsExp)))
        #expect(result.file.fileBytes() == (try Self.zkeyBytes(Self.tutorial + "circuit_final.zkey")))
    }

    @Test("circuit_0001...0003 and circuit_final verify against circuit.r1cs and the prepared ptau")
    func tutorialChainVerifies() throws {
        let r1cs = try Self.r1cs(Self.tutorial + "circuit.r1cs")
        let initial = try Phase2.newKey(r1cs: r1cs, ptau: try Self.preparedBeacon.get())
        for (name, count) in [("circuit_0001", 1), ("circuit_0002", 2), ("circuit_0003", 3), ("circuit_final", 4)] {
            let zkey = try ZKeyFile(contentsOf: Vectors.url(Self.tutorial + name + ".zkey"))
            let result = try Phase2.verify(zkey, initial: initial)
            #expect(result.contributions.count == count, "\(name)")
        }
    }

    @Test("prove_0001.zkey verifies against prove.r1cs and the Hermez ptau")
    func hermezKeyVerifies() throws {
        let zkey = try ZKeyFile(contentsOf: Vectors.url(Self.hermezDir + "prove_0001.zkey"))
        let result = try Phase2.verify(zkey, r1cs: try Self.r1cs(Self.hermezDir + "prove.r1cs"), ptau: try Self.hermez())
        #expect(result.contributions.map(\.name) == ["1st Contributor Name"])
    }

    @Test("export-vkey of circuit_final.zkey writes snarkjs's verification_key.json byte for byte")
    func exportVerificationKey() throws {
        let zkey = try ZKeyFile(contentsOf: Vectors.url(Self.tutorial + "circuit_final.zkey"))
        let expected = String(decoding: try Vectors.data(Self.tutorial + "verification_key.json"), as: UTF8.self)
        #expect(VerificationKeyJSON(exporting: zkey.provingKey).snarkjsJSON() == expected)
    }

    @Test("export-vkey of prove_0001.zkey matches the Hermez vector's key and alphabeta")
    func exportHermezVerificationKey() throws {
        let zkey = try ZKeyFile(contentsOf: Vectors.url(Self.hermezDir + "prove_0001.zkey"))
        let expected = try VerificationKeyJSON(snarkjsJSON: try Vectors.data(Self.hermezDir + "verification_key.json"))
        #expect(VerificationKeyJSON(exporting: zkey.provingKey) == expected)
    }
}
