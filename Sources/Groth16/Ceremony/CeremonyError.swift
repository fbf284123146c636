/// Why a ceremony file does not verify, or why a ceremony step refuses its input. Each case
/// names what failed and where (contribution numbers count from 1, as snarkjs prints them).
/// Malformed files fail earlier, with `FormatError`.
public enum CeremonyError: Error, Equatable, CustomStringConvertible {
    /// A phase-1 file without contributions is not usable.
    case noContributions
    /// A pairing check of a contribution failed: `check` says which relation.
    case invalidContribution(index: Int, check: String)
    /// A beacon contribution's key is not the one its beacon value and iterations give.
    case beaconMismatch(index: Int, what: String)
    /// The powers in a section are not consecutive powers of the last contribution's τ.
    case inconsistentPowers(section: String)
    /// A point of a section differs from what the contribution chain implies.
    case unexpectedPoint(section: String, reason: String)
    /// The hash of the last response does not match the recorded next challenge.
    case challengeHashMismatch(expected: String, actual: String)
    /// A Lagrange-basis section does not match the powers of τ.
    case lagrangeMismatch(section: String, level: Int)
    /// A file reduced from a larger ceremony (power < ceremony power) cannot take contributions.
    case reducedFile(power: Int, ceremonyPower: Int)
    /// The operation needs a file prepared for phase 2 (sections 12-15).
    case notPrepared
    /// The power is outside what the ceremony supports.
    case unsupportedPower(Int, reason: String)
    /// The circuit needs a larger Powers of Tau file.
    case circuitTooBig(constraints: Int, publicInputs: Int, neededPower: Int, availablePower: Int)
    /// The circuit's domain 2^k equals the file's power and exceeds 2^14 + 1: snarkjs then
    /// hashes a point past the τ·G1 section into the circuit hash, so its keys cannot be
    /// reproduced; a Powers of Tau of power k + 1 avoids it.
    case domainAtPowerLimit(domainPower: Int)
    /// A beacon value or iteration count snarkjs would refuse.
    case invalidBeacon(reason: String)
    /// A phase-2 contribution's transcript hash is not the hash of the chain before it.
    case transcriptMismatch(index: Int)
    /// A phase-2 key differs from the one the circuit and the Powers of Tau give.
    case keyMismatch(what: String)
    /// A phase-2 C or H section is not the initial one divided by δ.
    case sectionNotScaled(section: String)

    public var description: String {
        switch self {
        case .noContributions:
            return "the file has no contribution; it cannot be used in production"
        case let .invalidContribution(i, check):
            return "contribution #\(i): \(check)"
        case let .beaconMismatch(i, what):
            return "contribution #\(i): beacon key \(what) is not generated from the beacon value"
        case let .inconsistentPowers(section):
            return "section \(section): the points are not consecutive powers of tau"
        case let .unexpectedPoint(section, reason):
            return "section \(section): \(reason)"
        case let .challengeHashMismatch(expected, actual):
            return "the hash of the last response is \(actual), the last contribution records \(expected)"
        case let .lagrangeMismatch(section, level):
            return "Lagrange section \(section), level \(level): does not match the powers of tau"
        case let .reducedFile(power, ceremonyPower):
            return "the file was reduced to power \(power) from a ceremony of power \(ceremonyPower); contribute to the full file"
        case .notPrepared:
            return "the Powers of Tau file is not prepared for phase 2 (run `ceremony ptau prepare`)"
        case let .unsupportedPower(power, reason):
            return "power \(power): \(reason)"
        case let .circuitTooBig(constraints, publicInputs, needed, available):
            return "the circuit (\(constraints) constraints, \(publicInputs) public inputs) needs a Powers of Tau of power \(needed); the file has power \(available)"
        case let .domainAtPowerLimit(k):
            return "a domain of 2^\(k) needs a Powers of Tau of power \(k + 1): at power \(k) snarkjs hashes bytes past the tauG1 section into the circuit hash"
        case let .invalidBeacon(reason):
            return "invalid beacon: \(reason)"
        case let .transcriptMismatch(i):
            return "contribution #\(i): the transcript hash does not follow the contributions before it"
        case let .keyMismatch(what):
            return "\(what) differs from the key computed from the circuit and the Powers of Tau"
        case let .sectionNotScaled(section):
            return "section \(section) is not the initial section divided by delta"
        }
    }
}
