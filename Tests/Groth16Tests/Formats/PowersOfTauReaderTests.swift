import Foundation
import Testing
import TestSupport
@testable import Groth16

/// The lazy .ptau reader returns exactly the points of the full decode.
@Suite struct PowersOfTauReaderTests {
    @Test func levelsAndRangesMatchTheFullDecode() throws {
        let data = try Vectors.data("snarkjs/hermez_ptau_setup/powersOfTau28_hez_final_09.ptau")
        let reader = try PowersOfTauReader(data: data)
        let full = try reader.file()
        #expect(full == (try PowersOfTauFile(fileBytes: data)))
        #expect(reader.power == 9 && reader.ceremonyPower == 28 && reader.isPrepared)
        let lagrange = try #require(full.lagrange)
        for k in [0, 3, 9] {
            let level = PowersOfTauLagrangeBases.level(k)
            #expect(try reader.lagrangeTauG1(level: k) == Array(lagrange.tauG1[level]))
            #expect(try reader.lagrangeTauG2(level: k) == Array(lagrange.tauG2[level]))
            #expect(try reader.lagrangeAlphaTauG1(level: k) == Array(lagrange.alphaTauG1[level]))
            #expect(try reader.lagrangeBetaTauG1(level: k) == Array(lagrange.betaTauG1[level]))
        }
        #expect(try reader.lagrangeTauG1(level: 10) == Array(lagrange.tauG1[PowersOfTauLagrangeBases.level(10)]))
        #expect(try reader.tauG1(100..<200) == Array(full.tauG1[100..<200]))
        #expect(try reader.tauG2(0..<512) == full.tauG2)
        #expect(try reader.alphaTauG1(5..<6) == [full.alphaTauG1[5]])
        #expect(try reader.betaTauG1(0..<0) == [])
        #expect(try reader.betaG2() == full.betaG2)
        #expect(try reader.contributions() == full.contributions)
    }

    @Test func unpreparedFileHasNoLagrangeLevels() throws {
        let reader = try PowersOfTauReader(data: Vectors.data("snarkjs/tutorial_multiplier5/pot12_0001.ptau"))
        #expect(!reader.isPrepared)
        let e = expectFormatError { _ = try reader.lagrangeTauG1(level: 3) }
        #expect(e?.reason == .missingSection && e?.section == 12)
    }

    /// Opening checks the layout; a bad point surfaces only when read, with its absolute index.
    @Test func badPointReportedWhenReadWithItsIndex() throws {
        let bytes = BinaryHostileInputTests.tinyPtau
        let s = FormatFixtures.section(2, of: bytes)
        let bad = FormatFixtures.patched(bytes, at: s.payloadOffset + 2 * 64, with: FormatFixtures.qBytes)
        let reader = try PowersOfTauReader(data: Data(bad))
        #expect(try reader.tauG1(0..<2).count == 2)
        let e = expectFormatError { _ = try reader.tauG1(1..<3) }
        guard case .invalidPoint("tauG1 point", 2, .invalidCoordinate) = e?.reason else {
            Issue.record("\(String(describing: e))")
            return
        }
        let lying = FormatFixtures.patched(bytes, at: s.headerOffset + 4, with: FormatFixtures.le64(UInt64(s.size - 64)))
        expectFormatError { _ = try PowersOfTauReader(data: Data(lying)) }
    }
}
