/// Why a transition cannot be proven, found by the native validation before any constraint is
/// built. Trace indices count from 0 in the order the traces are applied.
public enum SettlementInputError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The circuit size L is outside 1 ... `SettlementCircuit.maxTraces`.
    case traceCountOutOfRange(Int)
    /// No trace: the circuit proves transitions of at least one trace.
    case emptyTransition
    /// More traces than the circuit's L slots.
    case tooManyTraces(count: Int, limit: Int)
    /// `user` or `provider` is not a 160-bit address.
    case addressOutOfRange(field: String)
    /// The signer key is off the curve or of small order.
    case invalidSignerKey
    /// Poseidon(Ax, Ay) of the signer key differs from the statement's signerKeyHash.
    case signerKeyHashMismatch(expected: Fr, got: Fr)
    /// A trace's nonce does not exceed the previous one (or initNonce for trace 0).
    case nonceNotIncreasing(trace: Int, previous: UInt64, got: UInt64)
    /// A trace's fee exceeds the balance left before it.
    case overdraft(trace: Int, balance: UInt128, fee: UInt128)
    /// A trace's signature point R8 is not on Baby Jubjub.
    case signaturePointNotOnCurve(trace: Int)
    /// A trace's signature scalar S is not below the subgroup order l.
    case signatureScalarOutOfRange(trace: Int)
    /// A trace's signature does not verify under the signer key.
    case invalidSignature(trace: Int)
    /// The statement's finalNonce is not the last trace's nonce.
    case finalNonceMismatch(expected: UInt64, got: UInt64)
    /// The statement's finalBalance is not initBalance minus every fee.
    case finalBalanceMismatch(expected: UInt128, got: UInt128)

    public var description: String {
        switch self {
        case let .traceCountOutOfRange(l):
            return "a settlement circuit has 1 ... \(SettlementCircuit.maxTraces) trace slots, got \(l)"
        case .emptyTransition: return "a transition needs at least one trace"
        case let .tooManyTraces(n, l): return "\(n) traces do not fit a circuit of \(l) slots"
        case let .addressOutOfRange(f): return "\(f) is not a 160-bit address"
        case .invalidSignerKey: return "the signer key is not a point of Baby Jubjub outside the small-order subgroup"
        case let .signerKeyHashMismatch(e, g):
            return "signerKeyHash: Poseidon(Ax, Ay) of the signer key is \(e.decimalString), the statement has \(g.decimalString)"
        case let .nonceNotIncreasing(i, p, g): return "trace \(i): nonce \(g) does not exceed the previous nonce \(p)"
        case let .overdraft(i, b, f): return "trace \(i): fee \(f) exceeds the balance \(b)"
        case let .signaturePointNotOnCurve(i): return "trace \(i): signature R8 is not on Baby Jubjub"
        case let .signatureScalarOutOfRange(i): return "trace \(i): signature S is not below the subgroup order"
        case let .invalidSignature(i): return "trace \(i): the signature does not verify under the signer key"
        case let .finalNonceMismatch(e, g): return "finalNonce: the last trace's nonce is \(e), the statement has \(g)"
        case let .finalBalanceMismatch(e, g): return "finalBalance: the traces leave \(e), the statement has \(g)"
        }
    }
}
