import Foundation
import Testing
import TestSupport
@testable import Groth16

/// Phase 1 against the snarkjs files of ../shared/vectors (tutorial and the Hermez ceremony).
@Suite("Powers of Tau")
struct PowersOfTauTests {
    static let tutorial = "snarkjs/tutorial_multiplier5/"
    static let hermez = "snarkjs/hermez_ptau_setup/powersOfTau28_hez_final_09.ptau"

    static func ptau(_ path: String) throws -> PowersOfTauFile {
        try PowersOfTauFile(contentsOf: Vectors.url(path))
    }

    @Test("new(12) writes snarkjs's pot12_0000.ptau byte for byte")
    func newMatchesSnarkjs() throws {
        let expected = try Vectors.data(Self.tutorial + "pot12_0000.ptau")
        #expect(try PowersOfTau.new(power: 12).fileBytes() == [UInt8](expected))
    }

    @Test("pot12_0001 (one contribution) verifies; the chain starts at the first challenge hash")
    func verifiesOneContribution() throws {
        let result = try PowersOfTau.verify(try Self.ptau(Self.tutorial + "pot12_0001.ptau"))
        #expect(result.contributions.count == 1)
        #expect(result.contributions[0].challenge == PowersOfTau.firstChallengeHash(power: 12))
        #expect(result.contributions[0].name == "First contribution")
        #expect(!result.isPrepared)
    }

    @Test("pot12_beacon (3 contributions and a beacon) verifies, the beacon key recomputed")
    func verifiesBeacon() throws {
        let result = try PowersOfTau.verify(try Self.ptau(Self.tutorial + "pot12_beacon.ptau"))
        #expect(result.contributions.map(\.kind) == [.contribution, .contribution, .contribution, .beacon])
        #expect(result.contributions[3].numIterationsExp == 10)
        // Each contribution signed the challenge the one before recorded.
        for i in 1..<4 { #expect(result.contributions[i].challenge == result.contributions[i - 1].nextChallenge) }
    }

    @Test("the Hermez power-9 file (55 contributions, prepared) verifies")
    func verifiesHermez() throws {
        let result = try PowersOfTau.verify(try Self.ptau(Self.hermez))
        #expect(result.contributions.count == 55)
        #expect(result.isPrepared)
        #expect(result.ceremonyPower == 28)
    }
}
