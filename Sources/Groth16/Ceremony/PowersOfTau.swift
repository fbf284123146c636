import Foundation

// Phase 1 of the Groth16 setup, the Powers of Tau, as snarkjs runs it:
// - `new` writes the powers of the secret 1 (every point a generator);
// - each contribution multiplies point i of τ^i·G1, τ^i·G2 by its τ^i, of α·τ^i·G1 by α·τ^i,
//   of β·τ^i·G1 and β·G2 by β·τ^i, and records the first points and a proof of knowledge of
//   τ, α and β bound to the previous challenge hash;
// - the hash chain: response = BLAKE2b(previous challenge ‖ new points compressed ‖ public
//   key uncompressed), next challenge = BLAKE2b(response ‖ new points uncompressed). The
//   first challenge is the hash of the empty BLAKE2b digest and of the `new` file's points.

/// The result of a phase-1 contribution or beacon.
public struct PowersOfTauContributionResult: Sendable {
    /// The file with the new powers and the new contribution record (not prepared).
    public var file: PowersOfTauFile
    /// The contribution's response hash (what snarkjs prints as "Contribution Response Hash").
    public var responseHash: [UInt8]
}

/// Phase-1 ceremony operations on `.ptau` files (snarkjs `powersoftau`).
public enum PowersOfTau {
    /// The largest power `new` accepts (the scalar field's 2-adicity).
    public static let maximumPower = PowersOfTauFile.maximumPower
    /// The largest power `prepare` handles: its tauG1 section needs a domain of 2^(power + 1).
    public static let maximumPreparedPower = PowersOfTauFile.maximumPower - 1

    /// A new ceremony of power `power` (1...28): every point is a generator, no contribution.
    /// snarkjs `powersoftau new bn128 <power>` writes the same bytes.
    public static func new(power: Int) throws -> PowersOfTauFile {
        guard (1...maximumPower).contains(power) else {
            throw CeremonyError.unsupportedPower(power, reason: "must be in 1...\(maximumPower)")
        }
        let n = 1 << power
        return PowersOfTauFile(power: power, ceremonyPower: power,
                               tauG1: [G1Affine](repeating: .generator, count: 2 * n - 1),
                               tauG2: [G2Affine](repeating: .generator, count: n),
                               alphaTauG1: [G1Affine](repeating: .generator, count: n),
                               betaTauG1: [G1Affine](repeating: .generator, count: n),
                               betaG2: .generator, contributions: [], lagrange: nil,
                               sectionOrder: [1, 2, 3, 4, 5, 6, 7])
    }

    /// First challenge hashes already computed for large ceremonies: hashing the ~100 GB of a
    /// power-28 `new` file takes minutes. Power 28 is the Polygon Hermez ceremony whose files
    /// are the public Powers of Tau; `firstChallengeHash(power: 28, cached: false)` recomputes
    /// it, and verifying any Hermez file checks it (its first proof of knowledge is bound to it).
    static let knownFirstChallengeHashes: [Int: String] = [
        28: "93da91920d5a54a8a0fde55cd9dc3a10c4f3eef768b62c0948741370864254b4"
            + "c1920f3f29d4ebc0ef3acecf2e2db63a755713d77e1ed77347a56fbc317c7a93",
    ]

    /// The challenge the first contributor of a ceremony of `power` signs: BLAKE2b-512 of the
    /// empty BLAKE2b-512 digest followed by the uncompressed points of a `new` file. Uses the
    /// known value for large powers unless `cached` is false.
    public static func firstChallengeHash(power: Int, cached: Bool = true) -> [UInt8] {
        if cached, let known = knownFirstChallengeHashes[power] { return [UInt8](hexString: known)! }
        let hasher = Blake2b512()
        hasher.update(Blake2b512().finalize())
        let g1 = G1Affine.generator.uncompressedBytes
        let g2 = G2Affine.generator.uncompressedBytes
        let repeats = 4096
        let block1 = [UInt8]((0..<repeats).map { _ in g1 }.joined())
        let block2 = [UInt8]((0..<repeats).map { _ in g2 }.joined())
        func absorb(_ block: [UInt8], _ point: [UInt8], count: Int) {
            var left = count
            block.withUnsafeBytes { b in
                while left >= repeats {
                    hasher.update(b)
                    left -= repeats
                }
                hasher.update(UnsafeRawBufferPointer(rebasing: b[0..<(left * point.count)]))
            }
        }
        let n = 1 << power
        absorb(block1, g1, count: 2 * n - 1)
        absorb(block2, g2, count: n)
        absorb(block1, g1, count: n)
        absorb(block1, g1, count: n)
        hasher.update(g2)
        return hasher.finalize()
    }

    /// The challenge the next contribution to `file` signs.
    public static func currentChallenge(_ file: PowersOfTauFile) -> [UInt8] {
        file.contributions.last?.nextChallenge ?? firstChallengeHash(power: file.power)
    }

    /// Adds a contribution: τ, α, β drawn from libsodium's CSPRNG mixed with `entropy` through
    /// BLAKE2b (as snarkjs), applied to every point, then wiped.
    public static func contribute(to file: PowersOfTauFile, name: String?, entropy: String,
                                  progress: CeremonyProgress? = nil) throws -> PowersOfTauContributionResult {
        try checkContributable(file)
        let challenge = currentChallenge(file)
        var rng = CeremonyRandomness.contributionGenerator(entropy: entropy)
        var (secrets, key) = PowersOfTauPublicKey.create(challenge: challenge, rng: &rng)
        rng.wipe()
        defer { secrets.wipe() }
        return apply(secrets, key, to: file, challenge: challenge, kind: .contribution,
                     parameters: ContributionParameters(name: name), progress: progress)
    }

    /// Adds a beacon contribution: the secrets derived from a public random value hashed
    /// 2^numIterationsExp times with SHA-256 (numIterationsExp in 10...63, as snarkjs requires),
    /// so anyone can recompute them.
    public static func beacon(to file: PowersOfTauFile, name: String?, beaconHash: [UInt8], numIterationsExp: Int,
                              progress: CeremonyProgress? = nil) throws -> PowersOfTauContributionResult {
        try checkBeacon(beaconHash, numIterationsExp)
        try checkContributable(file)
        let challenge = currentChallenge(file)
        var rng = CeremonyRandomness.beaconGenerator(beaconHash: beaconHash, numIterationsExp: numIterationsExp)
        let (secrets, key) = PowersOfTauPublicKey.create(challenge: challenge, rng: &rng)
        let parameters = ContributionParameters(name: name, numIterationsExp: UInt8(numIterationsExp), beaconHash: beaconHash)
        return apply(secrets, key, to: file, challenge: challenge, kind: .beacon, parameters: parameters, progress: progress)
    }

    /// Throws `CeremonyError.invalidBeacon` for a beacon value or iteration count snarkjs
    /// would refuse (1 to 255 bytes; numIterationsExp in 10...63).
    public static func checkBeaconParameters(_ beaconHash: [UInt8], _ numIterationsExp: Int) throws {
        try checkBeacon(beaconHash, numIterationsExp)
    }

    /// Rejects what snarkjs rejects: an empty beacon value, one over 255 bytes, iterations
    /// outside 2^10...2^63.
    static func checkBeacon(_ beaconHash: [UInt8], _ numIterationsExp: Int) throws {
        guard !beaconHash.isEmpty, beaconHash.count <= 255 else {
            throw CeremonyError.invalidBeacon(reason: "the beacon value must have 1 to 255 bytes, it has \(beaconHash.count)")
        }
        guard (10...63).contains(numIterationsExp) else {
            throw CeremonyError.invalidBeacon(reason: "numIterationsExp must be in 10...63, it is \(numIterationsExp)")
        }
    }

    private static func checkContributable(_ file: PowersOfTauFile) throws {
        guard file.power == file.ceremonyPower else {
            throw CeremonyError.reducedFile(power: file.power, ceremonyPower: file.ceremonyPower)
        }
        guard file.power >= 1 else { throw CeremonyError.unsupportedPower(file.power, reason: "must be at least 1") }
    }

    /// Applies a key to every section and records the contribution with its hashes.
    private static func apply(_ secrets: PowersOfTauSecrets, _ key: PowersOfTauPublicKey, to file: PowersOfTauFile,
                              challenge: [UInt8], kind: ContributionKind, parameters: ContributionParameters,
                              progress: CeremonyProgress?) -> PowersOfTauContributionResult {
        let one = Fr.one
        var next = file
        next.tauG1 = applyKey(file.tauG1, first: one, inc: secrets.tau, stage: "tauG1", progress: progress)
        next.tauG2 = applyKey(file.tauG2, first: one, inc: secrets.tau, stage: "tauG2", progress: progress)
        next.alphaTauG1 = applyKey(file.alphaTauG1, first: secrets.alpha, inc: secrets.tau, stage: "alphaTauG1", progress: progress)
        next.betaTauG1 = applyKey(file.betaTauG1, first: secrets.beta, inc: secrets.tau, stage: "betaTauG1", progress: progress)
        next.betaG2 = applyKey([file.betaG2], first: secrets.beta, inc: secrets.tau, stage: "betaG2", progress: nil)[0]
        next.lagrange = nil
        next.sectionOrder = [1, 2, 3, 4, 5, 6, 7]

        var response = ResumableBlake2b()
        response.update(challenge)
        for bytes in next.sectionEncodings(compressed: true) { response.update(bytes) }
        let partialHash = response.partialState
        response.update(key.uncompressedBytes)
        let responseHash = response.finalize()
        let nextChallenge = next.challengeHash(afterResponse: responseHash)

        next.contributions.append(PowersOfTauContribution(
            tauG1: next.tauG1[1], tauG2: next.tauG2[1], alphaG1: next.alphaTauG1[0], betaG1: next.betaTauG1[0],
            betaG2: next.betaG2, publicKey: key, partialHash: partialHash, nextChallenge: nextChallenge,
            kind: kind, parameters: parameters))
        return PowersOfTauContributionResult(file: next, responseHash: responseHash)
    }
}

extension PowersOfTauFile {
    /// Sections 2-6 in snarkjs's compressed or uncompressed encoding, in file order.
    func sectionEncodings(compressed: Bool) -> [[UInt8]] {
        [snarkjsEncoding(tauG1, compressed: compressed), snarkjsEncoding(tauG2, compressed: compressed),
         snarkjsEncoding(alphaTauG1, compressed: compressed), snarkjsEncoding(betaTauG1, compressed: compressed),
         snarkjsEncoding([betaG2], compressed: compressed)]
    }

    /// BLAKE2b(response ‖ sections 2-6 uncompressed): the challenge that follows a response.
    func challengeHash(afterResponse response: [UInt8]) -> [UInt8] {
        let hasher = Blake2b512()
        hasher.update(response)
        for bytes in sectionEncodings(compressed: false) { hasher.update(bytes) }
        return hasher.finalize()
    }
}

extension [UInt8] {
    /// Bytes from hexadecimal text (an optional 0x prefix, an even number of digits); nil
    /// otherwise.
    public init?(hexString text: String) {
        var digits = Substring(text)
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = digits.startIndex
        while index < digits.endIndex {
            let next = digits.index(index, offsetBy: 2)
            guard let b = UInt8(digits[index..<next], radix: 16) else { return nil }
            bytes.append(b)
            index = next
        }
        self = bytes
    }

    /// Lowercase hexadecimal text.
    public var hexString: String { map { String(format: "%02x", $0) }.joined() }
}
