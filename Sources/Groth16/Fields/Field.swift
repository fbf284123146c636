/// A finite field: the algebra the curve and pairing code is written against, so one
/// implementation of the group law serves G1 (over Fp) and G2 (over Fp2).
public protocol Field: Equatable, Hashable, Sendable {
    static var zero: Self { get }
    static var one: Self { get }
    var isZero: Bool { get }
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    static prefix func - (a: Self) -> Self
    /// self * self.
    func squared() -> Self
    /// self + self.
    func doubled() -> Self
    /// The multiplicative inverse, or nil for zero.
    func inverse() -> Self?
    /// A uniformly random element from libsodium's CSPRNG.
    static func random() -> Self
    /// Inverts every non-zero element in place with one inversion; zero elements stay zero.
    /// `scratch` must hold at least `elements.count` values. (Default: Montgomery's trick; an
    /// extension field may do better through its norm.)
    static func batchInvert(_ elements: UnsafeMutableBufferPointer<Self>, scratch: UnsafeMutableBufferPointer<Self>)
}

extension Field {
    @inlinable @inline(__always)
    public static func += (a: inout Self, b: Self) { a = a + b }
    @inlinable @inline(__always)
    public static func -= (a: inout Self, b: Self) { a = a - b }
    @inlinable @inline(__always)
    public static func *= (a: inout Self, b: Self) { a = a * b }

    /// self^e for a little-endian multi-word exponent (variable time in e).
    @inlinable
    public func powVartime(_ exponent: [UInt64]) -> Self {
        var result = Self.one
        for word in exponent.reversed() {
            for bit in stride(from: 63, through: 0, by: -1) {
                result = result.squared()
                if (word >> UInt64(bit)) & 1 == 1 { result = result * self }
            }
        }
        return result
    }

    /// self^e (variable time in e).
    @inlinable
    public func powVartime(_ exponent: UInt64) -> Self { powVartime([exponent]) }

    /// Inverts every non-zero element in place with one inversion (Montgomery's trick); zero
    /// elements stay zero. `scratch` must hold at least `elements.count` values.
    @inlinable
    public static func batchInvert(_ elements: UnsafeMutableBufferPointer<Self>, scratch: UnsafeMutableBufferPointer<Self>) {
        precondition(scratch.count >= elements.count, "batchInvert: scratch too small")
        var acc = Self.one
        for i in 0..<elements.count {
            scratch[i] = acc
            if !elements[i].isZero { acc = acc * elements[i] }
        }
        guard var inv = acc.inverse() else { return }
        for i in stride(from: elements.count - 1, through: 0, by: -1) where !elements[i].isZero {
            let e = elements[i]
            elements[i] = inv * scratch[i]
            inv = inv * e
        }
    }

    /// Inverts every non-zero element of the array with one inversion; zeros stay zero.
    @inlinable
    public static func batchInvert(_ elements: inout [Self]) {
        var scratch = [Self](repeating: .zero, count: elements.count)
        elements.withUnsafeMutableBufferPointer { e in
            scratch.withUnsafeMutableBufferPointer { s in batchInvert(e, scratch: s) }
        }
    }
}
