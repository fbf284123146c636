/// A signal known to be 0 or 1: either a constant or a signal some constraint forces to be
/// boolean. Only the constraining gadgets (`boolean`, `bits(of:count:)`, comparators) make one.
public struct Bit: Sendable {
    public let signal: Signal

    /// Wraps a signal the caller has already constrained to {0, 1}.
    init(unchecked signal: Signal) { self.signal = signal }

    /// The constant 0 or 1.
    public static func constant(_ b: Bool) -> Bit { Bit(unchecked: b ? .one : .zero) }

    /// The witness value.
    public var value: Bool { !signal.value.isZero }

    /// 1 − b (free).
    public var not: Bit { Bit(unchecked: 1 - signal) }
}
