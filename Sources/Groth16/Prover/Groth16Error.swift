/// Why a proof could not be made or checked. Malformed input throws one of these; a
/// well-formed proof that does not verify is reported as `false`, not as an error.
public enum Groth16Error: Error, Equatable, CustomStringConvertible {
    /// The number of public signals is not what the key expects.
    case publicInputCount(expected: Int, got: Int)
    /// The witness has the wrong number of values for the key.
    case witnessLength(expected: Int, got: Int)
    /// Witness value 0 (the constant wire) is not 1.
    case constantWireNotOne
    /// A proving key whose sections do not fit together.
    case inconsistentKey(String)
    /// A proof point is not on its curve or not in the prime-order subgroup.
    case invalidProofPoint(element: String, reason: String)
    /// A verifying-key point is not on its curve or not in the prime-order subgroup.
    case invalidKeyPoint(element: String, reason: String)

    public var description: String {
        switch self {
        case let .publicInputCount(e, g): return "expected \(e) public signals, got \(g)"
        case let .witnessLength(e, g): return "expected a witness of \(e) values, got \(g)"
        case .constantWireNotOne: return "witness value 0 (the constant wire) is not 1"
        case let .inconsistentKey(why): return "proving key: \(why)"
        case let .invalidProofPoint(e, r): return "proof \(e): \(r)"
        case let .invalidKeyPoint(e, r): return "verifying key \(e): \(r)"
        }
    }
}
