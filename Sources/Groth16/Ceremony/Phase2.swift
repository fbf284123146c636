import Foundation

// Phase 2 of the Groth16 setup, circuit-specific, as snarkjs `groth16 setup` / `zkey ...`:
// - `newKey`: the initial key from an .r1cs and a prepared .ptau (γ = δ = 1): every key point
//   a combination of Lagrange-basis points with R1CS coefficients, H the odd points of the
//   double-size basis; the circuit hash (csHash) is BLAKE2b of the key's points in snarkjs's
//   order and encoding;
// - a contribution multiplies δ by a secret and divides C and H by it; its proof of
//   knowledge is bound to the transcript BLAKE2b(csHash ‖ every earlier contribution ‖ its
//   G1 pair).

/// The result of a phase-2 contribution or beacon.
public struct Phase2ContributionResult: Sendable {
    public var file: ZKeyFile
    /// BLAKE2b of the contribution's public key (what snarkjs prints as "Contribution Hash").
    public var contributionHash: [UInt8]
}

/// Phase-2 ceremony operations on `.zkey` files.
public enum Phase2 {
    /// log2 of the domain snarkjs uses for a circuit: the smallest k with
    /// 2^k > constraints + public inputs.
    public static func domainPower(constraints: Int, publicInputs: Int) -> Int {
        let v = constraints + publicInputs
        return v == 0 ? 1 : (Int.bitWidth - v.leadingZeroBitCount - 1) + 1
    }

    /// The initial key (no contribution) of `r1cs` with the prepared Powers of Tau `ptau`:
    /// what snarkjs `groth16 setup` writes (see doc/CEREMONY.md for the circuit hash).
    public static func newKey(r1cs: R1CS, ptau: PowersOfTauReader, progress: CeremonyProgress? = nil) throws -> ZKeyFile {
        try newKey(r1cs: r1cs, basis: Phase2Basis(r1cs: r1cs, ptau: ptau), progress: progress)
    }

    /// The initial key of `r1cs` from the bases taken from a Powers of Tau.
    public static func newKey(r1cs: R1CS, basis: Phase2Basis, progress: CeremonyProgress? = nil) throws -> ZKeyFile {
        let m = r1cs.constraints.count, nPublic = r1cs.numPublic, nVars = r1cs.numWires
        let k = basis.domainPower, d = 1 << k
        guard k == domainPower(constraints: m, publicInputs: nPublic) else {
            throw CeremonyError.keyMismatch(what: "the bases (domain 2^\(k)) for this circuit")
        }
        let tauL = basis.tauG1, tauL2 = basis.tauG2, alphaL = basis.alphaTauG1, betaL = basis.betaTauG1
        let alpha1 = basis.alpha1, beta1 = basis.beta1, beta2 = basis.beta2

        // Per wire: A and B terms on L, and the IC/C terms β·A + α·B + C on βL, αL, L.
        var aRows = [[BasisTerm]](repeating: [], count: nVars)
        var bRows = [[BasisTerm]](repeating: [], count: nVars)
        var icRows = [[(section: Int, term: BasisTerm)]](repeating: [], count: nVars)  // 0 L, 1 αL, 2 βL
        var coefficients: [ProvingKey.Coefficient] = []
        for (c, constraint) in r1cs.constraints.enumerated() {
            for t in constraint.a.terms {
                aRows[t.wire].append(BasisTerm(basis: c, coefficient: t.coefficient))
                icRows[t.wire].append((2, BasisTerm(basis: c, coefficient: t.coefficient)))
                coefficients.append(.init(matrix: .a, constraint: UInt32(c), signal: UInt32(t.wire), value: t.coefficient))
            }
            for t in constraint.b.terms {
                bRows[t.wire].append(BasisTerm(basis: c, coefficient: t.coefficient))
                icRows[t.wire].append((1, BasisTerm(basis: c, coefficient: t.coefficient)))
                coefficients.append(.init(matrix: .b, constraint: UInt32(c), signal: UInt32(t.wire), value: t.coefficient))
            }
            for t in constraint.c.terms {
                icRows[t.wire].append((0, BasisTerm(basis: c, coefficient: t.coefficient)))
            }
        }
        // The public inputs' extra constraints m + s: A coefficient 1 on wire s.
        for s in 0...nPublic {
            aRows[s].append(BasisTerm(basis: m + s, coefficient: .one))
            icRows[s].append((2, BasisTerm(basis: m + s, coefficient: .one)))
            coefficients.append(.init(matrix: .a, constraint: UInt32(m + s), signal: UInt32(s), value: .one))
        }
        // IC/C over one basis: the three sections concatenated (L, then αL, then βL).
        let icBases = tauL + alphaL + betaL
        let icTerms = icRows.map { $0.map { BasisTerm(basis: $0.section * d + $0.term.basis, coefficient: $0.term.coefficient) } }
        let icAll = sparseCombinations(icTerms, bases: icBases, stage: "IC and C", progress: progress)
        let a = sparseCombinations(aRows, bases: tauL, stage: "A", progress: progress)
        let b1 = sparseCombinations(bRows, bases: tauL, stage: "B1", progress: progress)
        let b2 = sparseCombinations(bRows, bases: tauL2, stage: "B2", progress: progress)

        let key = ProvingKey(numVariables: nVars, numPublic: nPublic, domainSize: d, alpha1: alpha1, beta1: beta1, beta2: beta2,
                             gamma2: .generator, delta1: .generator, delta2: .generator,
                             ic: Array(icAll[0...nPublic]), coefficients: coefficients, a: a, b1: b1, b2: b2,
                             c: Array(icAll[(nPublic + 1)...]), h: basis.h)
        let csHash = circuitHash(key, hDifferences: basis.hashedHQuery, hashedCount: d - 1)
        return ZKeyFile(provingKey: key, transcript: Phase2Transcript(circuitHash: csHash),
                        sectionOrder: ZKeyFile.setupSectionOrder)
    }

    /// snarkjs's csHash: BLAKE2b of α1, β1, β2, γ2, δ1, δ2, then (a big-endian u32 count and
    /// the points) IC, the H query (`hashedCount` announced), C, A, B1, B2, all uncompressed.
    static func circuitHash(_ key: ProvingKey, hDifferences: [G1Affine], hashedCount: Int) -> [UInt8] {
        let hasher = Blake2b512()
        for p in [key.alpha1, key.beta1] { hasher.update(p.uncompressedBytes) }
        hasher.update(key.beta2.uncompressedBytes)
        hasher.update(key.gamma2.uncompressedBytes)
        hasher.update(key.delta1.uncompressedBytes)
        hasher.update(key.delta2.uncompressedBytes)
        func count(_ n: Int) { hasher.update(withUnsafeBytes(of: UInt32(n).bigEndian) { Array($0) }) }
        count(key.ic.count)
        hasher.update(snarkjsEncoding(key.ic, compressed: false))
        count(hashedCount)
        hasher.update(snarkjsEncoding(hDifferences, compressed: false))
        for section in [key.c, key.a, key.b1] {
            count(section.count)
            hasher.update(snarkjsEncoding(section, compressed: false))
        }
        count(key.b2.count)
        hasher.update(snarkjsEncoding(key.b2, compressed: false))
        return hasher.finalize()
    }
}
