import CGMP

/// An arbitrary-precision signed integer backed by GMP.
///
/// GMP is the package's big-integer engine: parsing and printing of field elements, slow-path
/// arithmetic (inversion, exponentiation, square roots' parameters) and the test oracle for
/// every field operation. Values are immutable, so the type has value semantics.
public struct BigInteger: Sendable, Hashable, Comparable, CustomStringConvertible,
    ExpressibleByIntegerLiteral
{
    @usableFromInline
    final class Storage: @unchecked Sendable {
        // A stable heap address: GMP reads it from many threads at once (shared constants), and
        // an `inout` access to a stored property would trip Swift's exclusivity checks.
        let value = UnsafeMutablePointer<__mpz_struct>.allocate(capacity: 1)
        init() { cgmp_init(value) }
        deinit {
            cgmp_clear(value)
            value.deallocate()
        }
    }

    @usableFromInline let storage: Storage

    init(storage: Storage) { self.storage = storage }

    /// Runs `body` on a fresh GMP integer and wraps the result.
    static func make(_ body: (UnsafeMutablePointer<__mpz_struct>) -> Void) -> BigInteger {
        let s = Storage()
        body(s.value)
        return BigInteger(storage: s)
    }

    func withPointer<R>(_ body: (UnsafePointer<__mpz_struct>) -> R) -> R {
        body(storage.value)
    }

    public init(integerLiteral value: UInt64) {
        self = .init(words: [value])
    }

    public init(_ value: Int) {
        let magnitude = BigInteger(words: [UInt64(value.magnitude)])
        self = value < 0 ? -magnitude : magnitude
    }

    /// The non-negative integer with the given little-endian 64-bit words.
    public init(words: [UInt64]) {
        self = Self.make { r in
            words.withUnsafeBufferPointer { buf in
                buf.withMemoryRebound(to: UInt64.self) { w in
                    if let base = w.baseAddress, !w.isEmpty {
                        base.withMemoryRebound(to: CUnsignedLongLong.self, capacity: w.count) {
                            cgmp_import_u64le(r, $0, w.count)
                        }
                    }
                }
            }
        }
    }

    /// The non-negative integer with the given big-endian bytes.
    public init<Bytes: Collection>(bigEndian bytes: Bytes) where Bytes.Element == UInt8 {
        var words = [UInt64](repeating: 0, count: (bytes.count + 7) / 8)
        for (i, byte) in bytes.reversed().enumerated() {
            words[i / 8] |= UInt64(byte) << (8 * UInt64(i % 8))
        }
        self.init(words: words)
    }

    /// Parses an optionally signed string of digits in `radix` (2...36). Only ASCII digits are
    /// accepted: no whitespace, no prefix, no separators.
    public init?(_ text: String, radix: Int = 10) {
        guard (2...36).contains(radix) else { return nil }
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        guard !body.isEmpty, body.utf8.allSatisfy({ Self.isDigit($0, radix: radix) }) else { return nil }
        var ok = true
        let magnitude = Self.make { r in ok = cgmp_set_str(r, body, Int32(radix)) == 0 }
        guard ok else { return nil }
        self = negative ? -magnitude : magnitude
    }

    static func isDigit(_ c: UInt8, radix: Int) -> Bool {
        guard let v = digitValue(c) else { return false }
        return v < radix
    }

    static func digitValue(_ c: UInt8) -> Int? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(c - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(c - UInt8(ascii: "A")) + 10
        default: return nil
        }
    }

    /// The digits in `radix` (lower case), with a leading "-" when negative.
    public func toString(radix: Int = 10) -> String {
        withPointer { p in
            let size = cgmp_sizeinbase(p, Int32(radix)) + 2
            var buffer = [CChar](repeating: 0, count: size)
            _ = cgmp_get_str(&buffer, Int32(radix), p)
            let end = buffer.firstIndex(of: 0) ?? buffer.count
            return String(decoding: buffer[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    public var description: String { toString() }

    /// -1, 0 or 1.
    public var signum: Int { Int(withPointer { cgmp_sgn($0) }) }

    public var isZero: Bool { signum == 0 }

    /// Number of significant bits of the magnitude (0 for zero).
    public var bitWidth: Int { withPointer { Int(cgmp_sizeinbits($0)) } }

    /// Bit `index` of the magnitude (two's complement for negatives, as GMP defines it).
    public func bit(_ index: Int) -> Bool { withPointer { cgmp_tstbit($0, mp_bitcnt_t(index)) } != 0 }

    /// The magnitude as little-endian 64-bit words, exactly `count` of them, or nil if it needs more.
    public func words(count: Int) -> [UInt64]? {
        var out = [UInt64](repeating: 0, count: max(count, 1))
        let needed = withPointer { p in
            out.withUnsafeMutableBufferPointer { buf in
                buf.baseAddress!.withMemoryRebound(to: CUnsignedLongLong.self, capacity: buf.count) {
                    cgmp_export_u64le($0, count, p)
                }
            }
        }
        guard needed <= count else { return nil }
        return Array(out.prefix(count))
    }

    /// The magnitude as exactly `count` big-endian bytes, or nil if it needs more.
    public func bigEndianBytes(count: Int) -> [UInt8]? {
        guard bitWidth <= 8 * count, let w = words(count: (count + 7) / 8) else { return nil }
        return (0..<count).map { i in
            let j = count - 1 - i
            return UInt8(truncatingIfNeeded: w[j / 8] >> (8 * UInt64(j % 8)))
        }
    }

    public static func + (a: BigInteger, b: BigInteger) -> BigInteger {
        a.withPointer { pa in b.withPointer { pb in make { cgmp_add($0, pa, pb) } } }
    }

    public static func - (a: BigInteger, b: BigInteger) -> BigInteger {
        a.withPointer { pa in b.withPointer { pb in make { cgmp_sub($0, pa, pb) } } }
    }

    public static func * (a: BigInteger, b: BigInteger) -> BigInteger {
        a.withPointer { pa in b.withPointer { pb in make { cgmp_mul($0, pa, pb) } } }
    }

    /// Floor division. Precondition: `b` is not zero.
    public static func / (a: BigInteger, b: BigInteger) -> BigInteger {
        precondition(!b.isZero, "division by zero")
        return a.withPointer { pa in b.withPointer { pb in make { cgmp_fdiv_q($0, pa, pb) } } }
    }

    public static prefix func - (a: BigInteger) -> BigInteger {
        a.withPointer { pa in make { cgmp_neg($0, pa) } }
    }

    public static func << (a: BigInteger, n: Int) -> BigInteger {
        a.withPointer { pa in make { cgmp_mul_2exp($0, pa, mp_bitcnt_t(n)) } }
    }

    /// Floor division by 2^n.
    public static func >> (a: BigInteger, n: Int) -> BigInteger {
        a.withPointer { pa in make { cgmp_fdiv_q_2exp($0, pa, mp_bitcnt_t(n)) } }
    }

    /// The least non-negative residue modulo `m`. Precondition: `m` is not zero.
    public func mod(_ m: BigInteger) -> BigInteger {
        precondition(!m.isZero, "modulus is zero")
        return withPointer { pa in m.withPointer { pm in BigInteger.make { cgmp_mod($0, pa, pm) } } }
    }

    /// self^e mod m for e >= 0 (GMP's mpz_powm). Precondition: `m` is positive.
    public func power(_ e: BigInteger, modulo m: BigInteger) -> BigInteger {
        precondition(m.signum > 0 && e.signum >= 0, "power needs a positive modulus and exponent >= 0")
        return withPointer { pa in
            e.withPointer { pe in m.withPointer { pm in BigInteger.make { cgmp_powm($0, pa, pe, pm) } } }
        }
    }

    /// The inverse modulo `m`, or nil when none exists.
    public func inverse(modulo m: BigInteger) -> BigInteger? {
        var ok: Int32 = 0
        let r = withPointer { pa in m.withPointer { pm in BigInteger.make { ok = cgmp_invert($0, pa, pm) } } }
        return ok != 0 ? r.mod(m) : nil
    }

    /// The Legendre symbol (self / p) for an odd prime p: -1, 0 or 1.
    public func legendre(_ p: BigInteger) -> Int {
        Int(withPointer { pa in p.withPointer { pp in cgmp_legendre(pa, pp) } })
    }

    public static func == (a: BigInteger, b: BigInteger) -> Bool {
        a.withPointer { pa in b.withPointer { pb in cgmp_cmp(pa, pb) == 0 } }
    }

    public static func < (a: BigInteger, b: BigInteger) -> Bool {
        a.withPointer { pa in b.withPointer { pb in cgmp_cmp(pa, pb) < 0 } }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(toString(radix: 16))
    }
}
