import Foundation
import Testing
import TestSupport
@testable import Groth16

/// Ceremonies run here end to end at small powers, and files that must be refused: each
/// failure names what and where.
@Suite("Ceremony round trips and rejections")
struct CeremonyRejectionTests {
    static let tutorial = "snarkjs/tutorial_multiplier5/"

    /// A power-6 ceremony: two contributions and a beacon.
    static let phase1: Result<PowersOfTauFile, Error> = Result {
        var file = try PowersOfTau.new(power: 6)
        file = try PowersOfTau.contribute(to: file, name: "alice", entropy: "alice's text").file
        file = try PowersOfTau.contribute(to: file, name: "bob", entropy: "").file
        return try PowersOfTau.beacon(to: file, name: "beacon", beaconHash: [0xab, 0xcd], numIterationsExp: 10).file
    }

    static func circuit() throws -> R1CS { try R1CSFile(contentsOf: Vectors.url(tutorial + "circuit.r1cs")).r1cs }

    /// The tutorial circuit's initial key on our ceremony, and the key after one contribution.
    static let phase2: Result<(initial: ZKeyFile, contributed: ZKeyFile), Error> = Result {
        let basis = try Phase2Basis(r1cs: try circuit(), ptau: try phase1.get())
        let initial = try Phase2.newKey(r1cs: try circuit(), basis: basis)
        let contributed = try Phase2.contribute(to: initial, name: "carol", entropy: "x").file
        return (initial, contributed)
    }

    @Test("a fresh ceremony verifies; its chain links every challenge to the previous response")
    func freshCeremonyVerifies() throws {
        let file = try Self.phase1.get()
        let result = try PowersOfTau.verify(file)
        #expect(result.contributions.map(\.name) == ["alice", "bob", "beacon"])
        #expect(result.contributions[0].challenge == PowersOfTau.firstChallengeHash(power: 6))
        #expect(result.nextChallenge == file.contributions.last!.nextChallenge)
        // Written and read back, byte for byte.
        #expect(try PowersOfTauFile(fileBytes: file.fileBytes()) == file)
    }

    @Test("prepare, then verify the Lagrange sections; Phase2Basis from the unprepared file agrees")
    func preparedFileVerifies() throws {
        let prepared = try PowersOfTau.prepare(try Self.phase1.get())
        #expect(try PowersOfTau.verify(prepared).isPrepared)
        let reader = try PowersOfTauReader(data: Data(prepared.fileBytes()))
        let fromPrepared = try Phase2.newKey(r1cs: try Self.circuit(), ptau: reader)
        #expect(fromPrepared == (try Self.phase2.get().initial))
    }

    @Test("a tampered proof of knowledge is caught and named")
    func tamperedProofOfKnowledge() throws {
        var file = try Self.phase1.get()
        file.contributions[1].publicKey.alpha.g1SX = file.contributions[1].publicKey.alpha.g1S
        #expect(throws: CeremonyError.invalidContribution(index: 2, check: "invalid proof of knowledge of alpha")) {
            try PowersOfTau.verify(file)
        }
    }

    @Test("a replayed phase-1 contribution (another ceremony's record) is caught")
    func replayedPhase1Contribution() throws {
        var file = try Self.phase1.get()
        let other = try PowersOfTau.contribute(to: try PowersOfTau.new(power: 6), name: "mallory", entropy: "").file
        file.contributions[0] = other.contributions[0]
        #expect(throws: CeremonyError.self) { try PowersOfTau.verify(file) }
    }

    @Test("a wrong power (a valid point in the wrong place) fails the powers check of its section")
    func inconsistentPowers() throws {
        var file = try Self.phase1.get()
        file.alphaTauG1.swapAt(3, 4)
        #expect(throws: CeremonyError.inconsistentPowers(section: "alphaTauG1")) { try PowersOfTau.verify(file) }
    }

    @Test("a beacon whose key does not come from its value is caught")
    func forgedBeacon() throws {
        var file = try Self.phase1.get()
        let last = file.contributions.count - 1
        file.contributions[last].parameters = ContributionParameters(name: "beacon", numIterationsExp: 10, beaconHash: [0xab, 0xce])
        #expect(throws: CeremonyError.beaconMismatch(index: 3, what: "tau g1_s")) { try PowersOfTau.verify(file) }
    }

    @Test("a file without contributions and a reduced file are refused")
    func refusedFiles() throws {
        #expect(throws: CeremonyError.noContributions) { try PowersOfTau.verify(try PowersOfTau.new(power: 3)) }
        var reduced = try PowersOfTau.new(power: 3)
        reduced.ceremonyPower = 5
        #expect(throws: CeremonyError.reducedFile(power: 3, ceremonyPower: 5)) {
            try PowersOfTau.contribute(to: reduced, name: nil, entropy: "")
        }
        #expect(throws: CeremonyError.self) {
            try PowersOfTau.beacon(to: try PowersOfTau.new(power: 3), name: nil, beaconHash: [1], numIterationsExp: 9)
        }
    }

    @Test("a circuit too big for the Powers of Tau names the power it needs")
    func circuitTooBig() throws {
        let small = try PowersOfTau.prepare(try PowersOfTau.contribute(to: try PowersOfTau.new(power: 3), name: nil, entropy: "").file)
        let reader = try PowersOfTauReader(data: Data(small.fileBytes()))
        #expect(throws: CeremonyError.circuitTooBig(constraints: 5, publicInputs: 3, neededPower: 4, availablePower: 3)) {
            try Phase2.newKey(r1cs: try Self.circuit(), ptau: reader)
        }
    }

    @Test("phase 2: contributed key verifies; tampered delta, replayed and reordered contributions fail")
    func phase2Rejections() throws {
        let (initial, key) = try Self.phase2.get()
        #expect(try Phase2.verify(key, initial: initial).contributions.map(\.name) == ["carol"])

        var badDelta = key
        badDelta.provingKey.delta1 = badDelta.provingKey.delta1.multipliedVartime(by: Fr(2))
        #expect(throws: CeremonyError.self) { try Phase2.verify(badDelta, initial: initial) }

        // A contribution replayed from another key (the tutorial's circuit_0001): its transcript
        // is bound to another chain.
        let other = try ZKeyFile(contentsOf: Vectors.url(Self.tutorial + "circuit_0001.zkey"))
        var replayed = key
        replayed.transcript.contributions[0] = other.transcript.contributions[0]
        #expect(throws: CeremonyError.transcriptMismatch(index: 1)) { try Phase2.verify(replayed, initial: initial) }

        // The same contribution twice.
        var doubled = try Phase2.contribute(to: key, name: "dave", entropy: "").file
        doubled.transcript.contributions[1] = doubled.transcript.contributions[0]
        #expect(throws: CeremonyError.transcriptMismatch(index: 2)) { try Phase2.verify(doubled, initial: initial) }

        var badH = key
        badH.provingKey.h[1] = badH.provingKey.h[2]
        #expect(throws: CeremonyError.sectionNotScaled(section: "9 (H)")) { try Phase2.verify(badH, initial: initial) }

        var badA = key
        badA.provingKey.a[1] = .generator
        #expect(throws: CeremonyError.keyMismatch(what: "section 5 (A)")) { try Phase2.verify(badA, initial: initial) }
    }

    @Test("a truncated section or a point off the curve is a FormatError naming the section")
    func malformedFiles() throws {
        let bytes = try Self.phase2.get().contributed.fileBytes()
        #expect(throws: FormatError.self) { try ZKeyFile(fileBytes: Array(bytes.dropLast(10))) }
        let ptau = try Self.phase1.get().fileBytes()
        var offCurve = ptau
        // The first point of section 2 (after the 12-byte header and the 56-byte section 1).
        let sections = FormatFixtures.sections(ptau)
        let tau = try #require(sections.first { $0.id == 2 })
        offCurve[tau.payloadOffset + 64] ^= 1
        do {
            _ = try PowersOfTauFile(fileBytes: offCurve)
            Issue.record("an off-curve point was accepted")
        } catch let e as FormatError {
            #expect(e.section == 2)
            #expect(e.description.contains("tauG1 point 1"))
        }
    }

    @Test("the beacon is recomputable: the same beacon on the same key gives the same file")
    func beaconDeterministic() throws {
        let key = try Self.phase2.get().contributed
        let a = try Phase2.beacon(to: key, name: "b", beaconHash: [1, 2, 3], numIterationsExp: 10)
        let b = try Phase2.beacon(to: key, name: "b", beaconHash: [1, 2, 3], numIterationsExp: 10)
        #expect(a.file.fileBytes() == b.file.fileBytes())
        #expect(a.contributionHash == b.contributionHash)
    }
}
