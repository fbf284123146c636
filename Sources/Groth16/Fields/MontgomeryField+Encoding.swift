import CSodium

extension MontgomeryField {
    /// The modulus as a big integer.
    public static var modulus: BigInteger { P.derived.modulus }

    /// Number of bytes of the canonical encoding (32).
    public static var byteCount: Int { 32 }

    /// The element with the given canonical little-endian limbs; throws if the value is >= m.
    public init(canonicalLimbs w: (UInt64, UInt64, UInt64, UInt64)) throws {
        guard Self.isBelowModulus(w) else {
            throw FieldError.nonCanonical(field: P.name, value: BigInteger(words: [w.0, w.1, w.2, w.3]).description)
        }
        self.init(uncheckedCanonical: w.0, w.1, w.2, w.3)
    }

    /// The element with the given little-endian limbs reduced modulo m (any 256-bit value).
    public init(reducingLimbs w: (UInt64, UInt64, UInt64, UInt64)) {
        let reduced = BigInteger(words: [w.0, w.1, w.2, w.3]).mod(Self.modulus).words(count: 4)!
        self.init(uncheckedCanonical: reduced[0], reduced[1], reduced[2], reduced[3])
    }

    /// Montgomery limbs as stored in snarkjs .zkey/.ptau files; throws if they are >= m.
    public init(canonicalMontgomery w: (UInt64, UInt64, UInt64, UInt64)) throws {
        guard Self.isBelowModulus(w) else {
            throw FieldError.nonCanonical(field: P.name, value: BigInteger(words: [w.0, w.1, w.2, w.3]).description)
        }
        self.init(uncheckedMontgomery: w.0, w.1, w.2, w.3)
    }

    @inlinable
    static func isBelowModulus(_ w: (UInt64, UInt64, UInt64, UInt64)) -> Bool {
        if w.3 != P.m3 { return w.3 < P.m3 }
        if w.2 != P.m2 { return w.2 < P.m2 }
        if w.1 != P.m1 { return w.1 < P.m1 }
        return w.0 < P.m0
    }

    /// Decodes exactly 32 big-endian bytes; throws on another length or a value >= m.
    public init<Bytes: Collection>(canonicalBigEndian bytes: Bytes) throws where Bytes.Element == UInt8 {
        guard bytes.count == 32 else { throw FieldError.wrongLength(field: P.name, expected: 32, got: bytes.count) }
        try self.init(canonicalLimbs: Self.limbs(bigEndian: Array(bytes)))
    }

    /// Decodes exactly 32 little-endian bytes; throws on another length or a value >= m.
    public init<Bytes: Collection>(canonicalLittleEndian bytes: Bytes) throws where Bytes.Element == UInt8 {
        guard bytes.count == 32 else { throw FieldError.wrongLength(field: P.name, expected: 32, got: bytes.count) }
        try self.init(canonicalLimbs: Self.limbs(bigEndian: Array(bytes.reversed())))
    }

    /// Interprets any number of big-endian bytes as an integer and reduces it modulo m.
    public init<Bytes: Collection>(reducingBigEndian bytes: Bytes) where Bytes.Element == UInt8 {
        if bytes.count < 32 && P.bits > 248 {
            // Below 2^248, hence below m: no reduction (addresses, hashes cut to 31 bytes).
            var w: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            for byte in bytes {
                w = (w.0 << 8 | UInt64(byte), w.1 << 8 | w.0 >> 56, w.2 << 8 | w.1 >> 56, w.3 << 8 | w.2 >> 56)
            }
            self.init(uncheckedCanonical: w.0, w.1, w.2, w.3)
            return
        }
        let reduced = BigInteger(bigEndian: bytes).mod(Self.modulus).words(count: 4)!
        self.init(uncheckedCanonical: reduced[0], reduced[1], reduced[2], reduced[3])
    }

    /// Interprets any number of little-endian bytes as an integer and reduces it modulo m.
    public init<Bytes: Collection>(reducingLittleEndian bytes: Bytes) where Bytes.Element == UInt8 {
        self.init(reducingBigEndian: Array(bytes.reversed()))
    }

    static func limbs(bigEndian b: [UInt8]) -> (UInt64, UInt64, UInt64, UInt64) {
        var w = [UInt64](repeating: 0, count: 4)
        for i in 0..<32 { w[3 - i / 8] = (w[3 - i / 8] << 8) | UInt64(b[i]) }
        return (w[0], w[1], w[2], w[3])
    }

    /// The canonical value as 32 big-endian bytes.
    public var bigEndianBytes: [UInt8] {
        let c = canonicalLimbs
        let w = [c.3, c.2, c.1, c.0]
        return w.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (56 - 8 * UInt64($0))) } }
    }

    /// The canonical value as 32 little-endian bytes.
    public var littleEndianBytes: [UInt8] { bigEndianBytes.reversed() }

    /// The Montgomery limbs as 32 little-endian bytes (the snarkjs "LEM" encoding).
    public var montgomeryLittleEndianBytes: [UInt8] {
        [l0, l1, l2, l3].flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * UInt64($0))) } }
    }

    /// The canonical value as a big integer.
    public var bigInteger: BigInteger {
        let c = canonicalLimbs
        return BigInteger(words: [c.0, c.1, c.2, c.3])
    }

    /// The element equal to `value` modulo m (negative values wrap).
    public init(reducing value: BigInteger) {
        let w = value.mod(Self.modulus).words(count: 4)!
        self.init(uncheckedCanonical: w[0], w[1], w[2], w[3])
    }

    /// The element with canonical value `value`; throws unless 0 <= value < m.
    public init(canonical value: BigInteger) throws {
        guard value.signum >= 0, value < Self.modulus, let w = value.words(count: 4) else {
            throw FieldError.nonCanonical(field: P.name, value: value.description)
        }
        self.init(uncheckedCanonical: w[0], w[1], w[2], w[3])
    }

    /// Parses a canonical decimal string: ASCII digits only, no sign, no leading zeros
    /// (except "0"), value below the modulus.
    public init(decimal text: String) throws {
        var text = text
        let limbs = text.withUTF8 { utf8 -> (UInt64, UInt64, UInt64, UInt64)?? in
            guard !utf8.isEmpty, utf8.count <= 80,
                  utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                  utf8.count == 1 || utf8.first != UInt8(ascii: "0")
            else { return nil }
            return .some(DecimalLimbs.parse(utf8))
        }
        guard let limbs else { throw FieldError.malformedNumber(field: P.name, text: text) }
        guard let limbs else { throw FieldError.nonCanonical(field: P.name, value: text) }
        try self.init(canonicalLimbs: limbs)
    }

    /// Parses hexadecimal with an optional "0x" prefix and at most 64 digits; the value must be
    /// below the modulus.
    public init(hex text: String) throws {
        let digits = text.hasPrefix("0x") || text.hasPrefix("0X") ? String(text.dropFirst(2)) : text
        guard !digits.isEmpty, digits.utf8.count <= 64,
            digits.utf8.allSatisfy({ BigInteger.isDigit($0, radix: 16) }),
            let value = BigInteger(digits, radix: 16)
        else { throw FieldError.malformedNumber(field: P.name, text: text) }
        try self.init(canonical: value)
    }

    /// The canonical value in decimal.
    public var decimalString: String { DecimalLimbs.format(canonicalLimbs) }

    /// The canonical value as "0x" + 64 lower-case hex digits.
    public var hexString: String {
        "0x" + bigEndianBytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }

    /// A uniformly random element from libsodium's CSPRNG (rejection sampling).
    public static func random() -> Self {
        sodiumInitialize()
        var w: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        let topMask: UInt64 = P.bits % 64 == 0 ? .max : (1 << UInt64(P.bits % 64)) - 1
        repeat {
            withUnsafeMutableBytes(of: &w) { randombytes_buf($0.baseAddress!, 32) }
            w.3 &= topMask
        } while !isBelowModulus(w)
        defer { withUnsafeMutableBytes(of: &w) { sodium_memzero($0.baseAddress!, 32) } }
        return Self(uncheckedCanonical: w.0, w.1, w.2, w.3)
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
