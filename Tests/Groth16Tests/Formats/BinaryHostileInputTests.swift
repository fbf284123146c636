import Foundation
import Testing
import TestSupport
@testable import Groth16

/// Malformed binary files: every one must be rejected with a `FormatError` that says where,
/// and none may crash the reader.
@Suite struct BinaryHostileInputTests {
    typealias F = FormatFixtures

    static let smallFiles: [(String, FileKind)] = [
        ("r1cs_spec/example.r1cs", .r1cs),
        ("snarkjs/tutorial_multiplier5/circuit.r1cs", .r1cs),
        ("snarkjs/tutorial_multiplier5/witness.wtns", .wtns),
        ("snarkjs/tutorial_multiplier5/circuit_0000.zkey", .zkey),
        ("snarkjs/tutorial_multiplier5/circuit_final.zkey", .zkey),
    ]

    static func decode(_ kind: FileKind, _ bytes: [UInt8]) throws {
        switch kind {
        case .r1cs: _ = try R1CSFile(fileBytes: bytes)
        case .wtns: _ = try Witness(fileBytes: bytes)
        case .zkey: _ = try ZKeyFile(fileBytes: bytes)
        case .ptau: _ = try PowersOfTauFile(fileBytes: bytes)
        default: Issue.record("not a binary kind: \(kind)")
        }
    }

    /// A small prepared ptau (power 1) with one contribution, every point valid.
    static let tinyPtau: [UInt8] = {
        let g1 = G1Affine.generator, g2 = G2Affine.generator
        let g1x2 = g1.jacobian.doubled().affine, g2x2 = g2.jacobian.doubled().affine
        let proof = KnowledgeProof(g1S: g1, g1SX: g1x2, g2SPX: g2x2)
        let contribution = PowersOfTauContribution(
            tauG1: g1x2, tauG2: g2x2, alphaG1: g1, betaG1: g1, betaG2: g2,
            publicKey: PowersOfTauPublicKey(tau: proof, alpha: proof, beta: proof),
            partialHash: [UInt8](repeating: 7, count: 216), nextChallenge: [UInt8](repeating: 9, count: 64),
            kind: .beacon, parameters: ContributionParameters(name: "tiny", numIterationsExp: 3, beaconHash: [1, 2, 3]))
        let file = PowersOfTauFile(
            power: 1, ceremonyPower: 2, tauG1: [g1, g1x2, g1], tauG2: [g2, g2x2], alphaTauG1: [g1, g1], betaTauG1: [g1, g1x2],
            betaG2: g2, contributions: [contribution],
            lagrange: PowersOfTauLagrangeBases(tauG1: Array(repeating: g1, count: 7), tauG2: Array(repeating: g2, count: 3),
                                               alphaTauG1: Array(repeating: g1, count: 3), betaTauG1: Array(repeating: g1, count: 3)))
        return file.fileBytes()
    }()

    static func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Vectors.data(path)) }

    static func allFiles() throws -> [([UInt8], FileKind)] {
        try smallFiles.map { (try bytes($0.0), $0.1) } + [(tinyPtau, .ptau)]
    }

    @Test func tinyPtauRoundTrips() throws {
        let file = try PowersOfTauFile(fileBytes: Self.tinyPtau)
        #expect(file.fileBytes() == Self.tinyPtau)
        #expect(file.contributions[0].parameters.name == "tiny")
    }

    /// Every proper prefix of every small file is rejected.
    @Test func everyTruncationThrows() throws {
        for (bytes, kind) in try Self.allFiles() {
            for n in 0..<bytes.count {
                expectFormatError("\(kind) cut to \(n) bytes") { try Self.decode(kind, Array(bytes[..<n])) }
            }
        }
    }

    /// Prefixes of a large ptau fail at the container level, before any point is decoded.
    @Test func largePtauTruncations() throws {
        let bytes = try Self.bytes("snarkjs/hermez_ptau_setup/powersOfTau28_hez_final_09.ptau")
        for n in stride(from: 0, to: bytes.count, by: 7919) {
            let e = expectFormatError { try Self.decode(.ptau, Array(bytes[..<n])) }
            switch e?.reason {
            case .sectionOverrun?, .truncated?: break
            default: Issue.record("cut to \(n) bytes: \(String(describing: e))")
            }
        }
    }

    /// A section size that lies (too big, too small, huge) is rejected.
    @Test func lyingSectionSizes() throws {
        for (bytes, kind) in try Self.allFiles() {
            for s in F.sections(bytes) {
                for size in Set([s.size + 1, s.size - 1, s.size + 32, max(0, s.size - 32), 0, Int(Int32.max)]) where size != s.size {
                    let lying = F.patched(bytes, at: s.headerOffset + 4, with: F.le64(UInt64(size)))
                    expectFormatError("\(kind) section \(s.id) size \(size)") { try Self.decode(kind, lying) }
                }
                let huge = F.patched(bytes, at: s.headerOffset + 4, with: F.le64(.max))
                let e = expectFormatError { try Self.decode(kind, huge) }
                #expect(e?.section == s.id)
                #expect(e?.reason == .sectionOverrun(declared: .max, available: bytes.count - s.payloadOffset))
            }
        }
    }

    /// A fixed-size section with one record too many or too few names the expected size.
    @Test func sectionContentSizeMismatch() throws {
        let zkey = try Self.bytes("snarkjs/tutorial_multiplier5/circuit_final.zkey")
        let h = F.section(9, of: zkey)
        let longer = F.replacingPayload(zkey, section: 9) { $0 += [UInt8](repeating: 0, count: 64) }
        var e = expectFormatError { try Self.decode(.zkey, longer) }
        #expect(e?.section == 9 && e?.reason == .sectionSize(expected: h.size, actual: h.size + 64))
        let shorter = F.replacingPayload(zkey, section: 9) { $0.removeLast(64) }
        e = expectFormatError { try Self.decode(.zkey, shorter) }
        #expect(e?.section == 9 && e?.reason == .sectionSize(expected: h.size, actual: h.size - 64))
        let wtns = try Self.bytes("snarkjs/tutorial_multiplier5/witness.wtns")
        let extraWitness = F.replacingPayload(wtns, section: 2) { $0 += [UInt8](repeating: 0, count: 32) }
        e = expectFormatError { try Self.decode(.wtns, extraWitness) }
        #expect(e?.section == 2 && e?.reason == .sectionSize(expected: 256, actual: 288))
        let r1cs = try Self.bytes("r1cs_spec/example.r1cs")
        let extraConstraintBytes = F.replacingPayload(r1cs, section: 2) { $0 += [0, 0, 0, 0] }
        e = expectFormatError { try Self.decode(.r1cs, extraConstraintBytes) }
        #expect(e?.section == 2 && e?.reason == .sectionSize(expected: 648, actual: 652))
    }

    @Test func wrongMagicVersionAndTrailingBytes() throws {
        for (bytes, kind) in try Self.allFiles() {
            var e = expectFormatError { try Self.decode(kind, F.patched(bytes, at: 0, with: Array("zkez".utf8))) }
            #expect(e?.reason == .badMagic(found: Array("zkez".utf8)) && e?.file == kind)
            let version = kind.version!
            e = expectFormatError { try Self.decode(kind, F.patched(bytes, at: 4, with: F.le32(version + 1))) }
            #expect(e?.reason == .unsupportedVersion(expected: version, found: version + 1))
            e = expectFormatError { try Self.decode(kind, bytes + [0]) }
            #expect(e?.reason == .trailingBytes(count: 1))
            e = expectFormatError { try Self.decode(kind, F.patched(bytes, at: 8, with: F.le32(UInt32.max))) }
            #expect(e?.reason == .truncated(offset: bytes.count, needed: 4, available: 0))
        }
    }

    @Test func duplicateMissingAndUnknownSections() throws {
        for (bytes, kind) in try Self.allFiles() {
            let sections = F.sections(bytes)
            let duplicate = F.patched(bytes, at: sections[1].headerOffset, with: F.le32(sections[0].id))
            var e = expectFormatError { try Self.decode(kind, duplicate) }
            #expect(e?.reason == .duplicateSection && e?.section == sections[0].id)
            let renamed = F.patched(bytes, at: sections[0].headerOffset, with: F.le32(99))
            e = expectFormatError { try Self.decode(kind, renamed) }
            if kind == .r1cs {
                #expect(e?.reason == .missingSection && e?.section == sections[0].id, "r1cs ignores unknown sections")
            } else {
                #expect(e?.reason == .unexpectedSection && e?.section == 99)
            }
        }
        let unprepared = F.removingSection(Self.tinyPtau, section: 13)
        var e = expectFormatError { try Self.decode(.ptau, unprepared) }
        #expect(e?.reason == .missingSection && e?.section == 13, "sections 12-15 come together")
        let renamed = F.patched(Self.tinyPtau, at: F.section(13, of: Self.tinyPtau).headerOffset, with: F.le32(11))
        e = expectFormatError { try Self.decode(.ptau, renamed) }
        #expect(e?.reason == .unexpectedSection && e?.section == 11)
        let zkey = try Self.bytes("snarkjs/tutorial_multiplier5/circuit_final.zkey")
        e = expectFormatError { try Self.decode(.zkey, F.removingSection(zkey, section: 10)) }
        #expect(e?.reason == .missingSection && e?.section == 10)
    }

    // MARK: points

    @Test func coordinateNotBelowQ() throws {
        let zkey = try Self.bytes("snarkjs/tutorial_multiplier5/circuit_final.zkey")
        let a = F.section(5, of: zkey)
        let e = expectFormatError { try Self.decode(.zkey, F.patched(zkey, at: a.payloadOffset + 2 * 64, with: F.qBytes)) }
        #expect(e?.section == 5)
        guard case let .invalidPoint(what, index, .invalidCoordinate(group, _)) = e?.reason else {
            Issue.record("expected an invalid coordinate, got \(String(describing: e))")
            return
        }
        #expect(what == "A point" && index == 2 && group == "G1")
    }

    @Test func offCurvePoints() throws {
        let zkey = try Self.bytes("snarkjs/tutorial_multiplier5/circuit_final.zkey")
        let h = F.section(9, of: zkey)
        let offCurve = G1Affine(uncheckedX: Fp(1), y: Fp(3))
        var e = expectFormatError { try Self.decode(.zkey, F.patched(zkey, at: h.payloadOffset + 3 * 64, with: F.lem(offCurve))) }
        #expect(e?.section == 9 && e?.reason == .invalidPoint(what: "H point", index: 3, .notOnCurve(group: "G1")))
        let header = F.section(2, of: zkey)
        let offTwist = G2Affine(uncheckedX: .one, y: .one)
        // β2 sits after q, r (4 + 32 bytes each), three u32 and two G1 points.
        e = expectFormatError { try Self.decode(.zkey, F.patched(zkey, at: header.payloadOffset + 72 + 12 + 128, with: F.lem(offTwist))) }
        #expect(e?.section == 2 && e?.reason == .invalidPoint(what: "beta2", index: nil, .notOnCurve(group: "G2")))
    }

    @Test func g2PointsOutsideTheSubgroup() throws {
        let bad = F.lem(F.g2OutsideSubgroup)
        let zkey = try Self.bytes("snarkjs/tutorial_multiplier5/circuit_final.zkey")
        let b2 = F.section(7, of: zkey)
        var e = expectFormatError { try Self.decode(.zkey, F.patched(zkey, at: b2.payloadOffset + 128, with: bad)) }
        #expect(e?.section == 7 && e?.reason == .invalidPoint(what: "B2 point", index: 1, .notInSubgroup(group: "G2")))
        let contributions = F.section(10, of: zkey)
        // Contribution 0's g2_spx: after the 64-byte hash, the count and three G1 points.
        e = expectFormatError { try Self.decode(.zkey, F.patched(zkey, at: contributions.payloadOffset + 68 + 192, with: bad)) }
        #expect(e?.section == 10 && e?.reason == .invalidPoint(what: "contribution 0 delta g2_spx", index: nil, .notInSubgroup(group: "G2")))
        for id: UInt32 in [3, 13] {
            let s = F.section(id, of: Self.tinyPtau)
            e = expectFormatError { try Self.decode(.ptau, F.patched(Self.tinyPtau, at: s.payloadOffset + 128, with: bad)) }
            #expect(e?.section == id)
            guard case .invalidPoint(_, 1, .notInSubgroup(group: "G2")) = e?.reason else {
                Issue.record("section \(id): \(String(describing: e))")
                continue
            }
        }
    }

    /// A decoding failure deep in a parallel decode reports the lowest failing index.
    @Test func parallelDecodeReportsFirstBadIndex() throws {
        let zkey = try Self.bytes("snarkjs/hermez_ptau_setup/prove_0000.zkey")
        let h = F.section(9, of: zkey)
        var bad = zkey
        for i in [400, 17, 300] { bad = F.patched(bad, at: h.payloadOffset + i * 64, with: F.qBytes) }
        let e = expectFormatError { try Self.decode(.zkey, bad) }
        guard case .invalidPoint("H point", 17, _) = e?.reason else {
            Issue.record("expected H point 17, got \(String(describing: e))")
            return
        }
    }

    // MARK: scalars and header values

    @Test func wtnsValueNotBelowR() throws {
        let wtns = try Self.bytes("snarkjs/tutorial_multiplier5/witness.wtns")
        let values = F.section(2, of: wtns)
        let e = expectFormatError { try Self.decode(.wtns, F.patched(wtns, at: values.payloadOffset + 5 * 32, with: F.rBytes)) }
        #expect(e?.section == 2)
        guard case .invalidScalar("witness value", 5, .nonCanonical) = e?.reason else {
            Issue.record("\(String(describing: e))")
            return
        }
    }

    @Test func wrongPrimeAndFieldSize() throws {
        let wtns = try Self.bytes("snarkjs/tutorial_multiplier5/witness.wtns")
        let header = F.section(1, of: wtns)
        var e = expectFormatError { try Self.decode(.wtns, F.patched(wtns, at: header.payloadOffset + 4, with: F.qBytes)) }
        #expect(e?.section == 1 && e?.reason == .wrongPrime(expected: Fr.modulus.description, found: Fp.modulus.description))
        e = expectFormatError { try Self.decode(.wtns, F.patched(wtns, at: header.payloadOffset, with: F.le32(48))) }
        #expect(e?.reason == .fieldSize(expected: 32, found: 48))
        let r1cs = try Self.bytes("r1cs_spec/example.r1cs")
        e = expectFormatError { try Self.decode(.r1cs, F.patched(r1cs, at: F.section(1, of: r1cs).payloadOffset + 4, with: F.qBytes)) }
        #expect(e?.section == 1 && e?.reason == .wrongPrime(expected: Fr.modulus.description, found: Fp.modulus.description))
        let zkey = try Self.bytes("snarkjs/tutorial_multiplier5/circuit_0000.zkey")
        e = expectFormatError { try Self.decode(.zkey, F.patched(zkey, at: F.section(2, of: zkey).payloadOffset + 4, with: F.rBytes)) }
        #expect(e?.section == 2 && e?.reason == .wrongPrime(expected: Fp.modulus.description, found: Fr.modulus.description))
    }

    @Test func r1csBadValues() throws {
        let r1cs = try Self.bytes("r1cs_spec/example.r1cs")
        let header = F.section(1, of: r1cs).payloadOffset
        let constraints = F.section(2, of: r1cs).payloadOffset
        // First term of constraint 0's A: wire at +4, coefficient at +8.
        var e = expectFormatError { try Self.decode(.r1cs, F.patched(r1cs, at: constraints + 4, with: F.le32(7))) }
        #expect(e?.section == 2 && e?.reason == .invalidValue(what: "constraint 0 A term 0", reason: "wire 7 >= nWires 7"))
        e = expectFormatError { try Self.decode(.r1cs, F.patched(r1cs, at: constraints + 8, with: F.rBytes)) }
        guard case .invalidScalar("constraint 0 A term", 0, .nonCanonical) = e?.reason else {
            Issue.record("\(String(describing: e))")
            return
        }
        e = expectFormatError { try Self.decode(.r1cs, F.patched(r1cs, at: header + 36, with: F.le32(6))) }
        #expect(e?.section == 1)
        // A term count far beyond the data.
        e = expectFormatError { try Self.decode(.r1cs, F.patched(r1cs, at: constraints, with: F.le32(.max))) }
        #expect(e?.reason == .truncated(offset: 4, needed: Int(UInt32.max) * 36, available: 644))
        // Label map of the wrong size.
        let labels = F.replacingPayload(r1cs, section: 3) { $0.removeLast(8) }
        e = expectFormatError { try Self.decode(.r1cs, labels) }
        #expect(e?.section == 3 && e?.reason == .sectionSize(expected: 56, actual: 48))
    }

    @Test func zkeyBadValues() throws {
        let zkey = try Self.bytes("snarkjs/tutorial_multiplier5/circuit_final.zkey")
        var e = expectFormatError { try Self.decode(.zkey, F.patched(zkey, at: F.section(1, of: zkey).payloadOffset, with: F.le32(2))) }
        #expect(e?.section == 1 && e?.reason == .invalidValue(what: "protocol", reason: "2 is not 1 (Groth16)"))
        let header = F.section(2, of: zkey).payloadOffset
        // nVars, nPublic, domainSize follow q and r (4 + 32 bytes each).
        e = expectFormatError { try Self.decode(.zkey, F.patched(zkey, at: header + 72, with: F.le32(2))) }
        #expect(e?.section == 2, "nVars below nPublic + 1")
        e = expectFormatError { try Self.decode(.zkey, F.patched(zkey, at: header + 80, with: F.le32(12))) }
        #expect(e?.section == 2 && e?.reason == .invalidValue(what: "domainSize", reason: "12 is not a power of two up to 2^28"))
        let coefficients = F.section(4, of: zkey).payloadOffset + 4
        e = expectFormatError { try Self.decode(.zkey, F.patched(zkey, at: coefficients + 2 * 44, with: F.le32(2))) }
        #expect(e?.section == 4 && e?.reason == .invalidValue(what: "coefficient 2", reason: "matrix 2 is neither 0 (A) nor 1 (B)"))
        e = expectFormatError { try Self.decode(.zkey, F.patched(zkey, at: coefficients + 44 + 8, with: F.le32(8))) }
        #expect(e?.section == 4)
        e = expectFormatError { try Self.decode(.zkey, F.patched(zkey, at: coefficients + 44 + 4, with: F.le32(16))) }
        #expect(e?.section == 4)
        e = expectFormatError { try Self.decode(.zkey, F.patched(zkey, at: coefficients + 12, with: F.rBytes)) }
        guard case .invalidScalar("coefficient", 0, .nonCanonical) = e?.reason else {
            Issue.record("\(String(describing: e))")
            return
        }
    }

    /// The tagged parameters of a contribution: order, tags, declared length, kind.
    @Test func contributionParameters() throws {
        let zkey = try Self.bytes("snarkjs/tutorial_multiplier5/circuit_final.zkey")
        let file = try ZKeyFile(fileBytes: zkey)
        // Contribution 0 starts after the hash and count: 3 G1 + 1 G2 + 64-byte hash, then type.
        let c0 = F.section(10, of: zkey).payloadOffset + 68 + 192 + 128 + 64
        var e = expectFormatError { try Self.decode(.zkey, F.patched(zkey, at: c0, with: F.le32(7))) }
        #expect(e?.section == 10 && e?.reason == .invalidValue(what: "contribution type", reason: "7 is neither 0 (contribution) nor 1 (beacon)"))
        let name = try #require(file.transcript.contributions[0].parameters.name)
        #expect(!name.isEmpty)
        // The parameter block: u32 length, tag 1, u8 name length, name.
        e = expectFormatError { try Self.decode(.zkey, F.patched(zkey, at: c0 + 8, with: [9])) }
        #expect(e?.reason == .invalidValue(what: "contribution parameter tag 9", reason: "unknown tag"))
        e = expectFormatError { try Self.decode(.zkey, F.patched(zkey, at: c0 + 8, with: [0])) }
        #expect(e?.reason == .invalidValue(what: "contribution parameter tag 0", reason: "tags must be increasing (previous 0)"))
        e = expectFormatError { try Self.decode(.zkey, F.patched(zkey, at: c0 + 4, with: F.le32(UInt32(name.utf8.count + 1)))) }
        #expect(e?.section == 10)
        e = expectFormatError { try Self.decode(.zkey, F.patched(zkey, at: c0 + 10, with: [0xff])) }
        #expect(e?.reason == .invalidValue(what: "contribution name", reason: "not UTF-8"))
    }

    /// Random byte corruption of every small file either still decodes or throws a
    /// `FormatError`; nothing else escapes and nothing traps.
    @Test func randomCorruptionNeverCrashes() throws {
        var rng = SeededGenerator(seed: 0x5eed_f11e)
        for (bytes, kind) in try Self.allFiles() {
            for _ in 0..<150 {
                var corrupted = bytes
                for _ in 0..<(1 + Int(rng.next() % 4)) {
                    corrupted[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
                }
                do {
                    try Self.decode(kind, corrupted)
                } catch is FormatError {
                } catch {
                    Issue.record("\(kind): \(type(of: error)) escaped: \(error)")
                }
            }
        }
    }
}

extension FormatFixtures {
    /// The container with section `id`'s payload transformed (and its size updated).
    static func replacingPayload(_ bytes: [UInt8], section id: UInt32, _ transform: (inout [UInt8]) -> Void) -> [UInt8] {
        let s = section(id, of: bytes)
        var payload = Array(bytes[s.payloadOffset..<(s.payloadOffset + s.size)])
        transform(&payload)
        return Array(bytes[..<s.headerOffset]) + le32(id) + le64(UInt64(payload.count)) + payload
            + Array(bytes[(s.payloadOffset + s.size)...])
    }

    /// The container without section `id` (and with the section count lowered).
    static func removingSection(_ bytes: [UInt8], section id: UInt32) -> [UInt8] {
        let s = section(id, of: bytes)
        let count = UInt32(sections(bytes).count - 1)
        return Array(bytes[..<8]) + le32(count) + Array(bytes[12..<s.headerOffset]) + Array(bytes[(s.payloadOffset + s.size)...])
    }
}
