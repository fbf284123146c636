/// What phase 2 takes from the Powers of Tau for a circuit with a domain of 2^k: the level-k
/// Lagrange bases (τ in G1 and G2, α·τ and β·τ in G1), the H query (the odd points of the
/// level-(k+1) basis in G1), α·G1, β·G1, β·G2, and the τ^i·G1 the circuit hash covers.
public struct Phase2Basis: Sendable {
    public let domainPower: Int
    let tauG1: [G1Affine]
    let tauG2: [G2Affine]
    let alphaTauG1: [G1Affine]
    let betaTauG1: [G1Affine]
    let h: [G1Affine]
    let alpha1: G1Affine
    let beta1: G1Affine
    let beta2: G2Affine
    /// (τ^(d+i) - τ^i)·G1 for the i snarkjs hashes into the circuit hash.
    let hashedHQuery: [G1Affine]

    /// The number of H-query points snarkjs hashes for a domain of d points: d - 1, or the
    /// next multiple of 2^14 when d - 1 exceeds 2^14 (it hashes whole chunks of 2^14).
    static func hashedHQueryCount(domainSize d: Int) -> Int {
        d - 1 <= 1 << 14 ? d - 1 : ((d - 1 + (1 << 14) - 1) >> 14) << 14
    }

    /// Checks the circuit fits a file of `power` and returns the domain power.
    static func domainPower(for r1cs: R1CS, power: Int) throws -> Int {
        let k = Phase2.domainPower(constraints: r1cs.constraints.count, publicInputs: r1cs.numPublic)
        guard k <= power else {
            throw CeremonyError.circuitTooBig(constraints: r1cs.constraints.count, publicInputs: r1cs.numPublic,
                                              neededPower: Phase2.requiredPower(domainPower: k), availablePower: power)
        }
        guard (1 << k) + hashedHQueryCount(domainSize: 1 << k) <= (2 << power) - 1 else {
            throw CeremonyError.domainAtPowerLimit(domainPower: k)
        }
        return k
    }

    /// Reads the bases of a prepared file.
    public init(r1cs: R1CS, ptau: PowersOfTauReader) throws {
        let k = try Self.domainPower(for: r1cs, power: ptau.power)
        guard ptau.isPrepared else { throw CeremonyError.notPrepared }
        let d = 1 << k
        let odd = try ptau.lagrangeTauG1(level: k + 1)
        try self.init(domainPower: k, tauG1: ptau.lagrangeTauG1(level: k), tauG2: ptau.lagrangeTauG2(level: k),
                      alphaTauG1: ptau.lagrangeAlphaTauG1(level: k), betaTauG1: ptau.lagrangeBetaTauG1(level: k),
                      h: (0..<d).map { odd[2 * $0 + 1] }, alpha1: ptau.alphaTauG1(0..<1)[0], beta1: ptau.betaTauG1(0..<1)[0],
                      beta2: ptau.betaG2(), powers: { try ptau.tauG1($0) })
    }

    /// Computes only the bases the circuit needs from an unprepared file (a fraction of
    /// `PowersOfTau.prepare`): four inverse DFTs of size 2^k, the H query from one more.
    public init(r1cs: R1CS, ptau file: PowersOfTauFile, progress: CeremonyProgress? = nil) throws {
        let k = try Self.domainPower(for: r1cs, power: file.power)
        guard k <= PowersOfTau.maximumPreparedPower else {
            throw CeremonyError.unsupportedPower(k, reason: "domains up to 2^\(PowersOfTau.maximumPreparedPower)")
        }
        try self.init(domainPower: k,
                      tauG1: PowersOfTau.lagrangeBasis(file.tauG1, level: k, name: "tauG1", progress: progress),
                      tauG2: PowersOfTau.lagrangeBasis(file.tauG2, level: k, name: "tauG2", progress: progress),
                      alphaTauG1: PowersOfTau.lagrangeBasis(file.alphaTauG1, level: k, name: "alphaTauG1", progress: progress),
                      betaTauG1: PowersOfTau.lagrangeBasis(file.betaTauG1, level: k, name: "betaTauG1", progress: progress),
                      h: PowersOfTau.oddLagrangeBasis(file.tauG1, level: k + 1, progress: progress),
                      alpha1: file.alphaTauG1[0], beta1: file.betaTauG1[0], beta2: file.betaG2,
                      powers: { Array(file.tauG1[$0]) })
    }

    private init(domainPower k: Int, tauG1: [G1Affine], tauG2: [G2Affine], alphaTauG1: [G1Affine], betaTauG1: [G1Affine],
                 h: [G1Affine], alpha1: G1Affine, beta1: G1Affine, beta2: G2Affine,
                 powers: (Range<Int>) throws -> [G1Affine]) throws {
        domainPower = k
        self.tauG1 = tauG1
        self.tauG2 = tauG2
        self.alphaTauG1 = alphaTauG1
        self.betaTauG1 = betaTauG1
        self.h = h
        self.alpha1 = alpha1
        self.beta1 = beta1
        self.beta2 = beta2
        let d = 1 << k, count = Self.hashedHQueryCount(domainSize: d)
        let low = try powers(0..<count), high = try powers(d..<(d + count))
        var diffs = [JacobianPoint<G1Parameters>](repeating: .infinity, count: count)
        diffs.withUnsafeMutableBufferPointer { out in
            let out = SendablePointer(out.baseAddress!)
            Parallelism.forEachChunk(count: count, minimumChunk: 4096) { range in
                for i in range { out[i] = high[i].jacobian + (-low[i]) }
            }
        }
        hashedHQuery = batchNormalizeParallel(diffs)
    }
}

extension Phase2 {
    /// The Powers of Tau power a circuit with a domain of 2^k needs: k, or k + 1 above 2^14
    /// (see `CeremonyError.domainAtPowerLimit`).
    public static func requiredPower(domainPower k: Int) -> Int { k <= 14 ? k : k + 1 }
}

extension PowersOfTau {
    /// The odd points L_(2i+1) of the level-k Lagrange basis (the phase-2 H query) with one
    /// inverse DFT of half the size: L_(2i+1) = iDFT_(n/2)((P_j - P_(j+n/2))·ω_n^(-j)/2)_i.
    static func oddLagrangeBasis<C: EndomorphismCurve>(_ powers: [AffinePoint<C>], level k: Int,
                                                   progress: CeremonyProgress?) -> [AffinePoint<C>] {
        let half = 1 << (k - 1)
        let rootInverse = Fr.rootOfUnity(log2Order: k).inverse()!
        let halfInverse = Fr(2).inverse()!
        var values = [JacobianPoint<C>](repeating: .infinity, count: half)
        values.withUnsafeMutableBufferPointer { out in
            let out = SendablePointer(out.baseAddress!)
            Parallelism.forEachChunk(count: half, minimumChunk: 256) { range in
                var twiddle = halfInverse * rootInverse.powVartime([UInt64(range.lowerBound)])
                for j in range {
                    let high = j + half < powers.count ? powers[j + half] : .infinity
                    out[j] = (powers[j].jacobian + (-high)).multipliedSplit(by: twiddle)
                    twiddle = twiddle * rootInverse
                }
            }
        }
        RadixTwoFFT.transform(&values, inverse: true, stage: "H query (level \(k) odd points)", progress: progress)
        return batchNormalizeParallel(values)
    }
}
