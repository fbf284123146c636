extension MontgomeryField {
    /// The Legendre symbol: 0 for zero, 1 for a non-zero square, -1 for a non-square (GMP).
    public func legendre() -> Int {
        bigInteger.legendre(Self.modulus)
    }

    /// A square root, or nil when self is not a square (Tonelli-Shanks; for m = 3 mod 4 this is
    /// the single exponentiation self^((m+1)/4)). Variable time.
    public func squareRoot() -> Self? {
        if isZero { return self }
        let d = P.derived
        // Tonelli-Shanks with m - 1 = 2^s * t.
        var z = Self(reducing: d.nonResidue).powVartime(d.trace)
        var w = powVartime(d.traceMinusOneOverTwo)  // self^((t-1)/2)
        var x = w * self  // self^((t+1)/2)
        var b = x * w  // self^t
        var v = d.twoAdicity
        while !b.isOne {
            var k = 0
            var b2k = b
            while !b2k.isOne {
                b2k = b2k.squared()
                k += 1
                if k == v { return nil }  // not a square
            }
            w = z
            for _ in 0..<(v - k - 1) { w = w.squared() }
            z = w.squared()
            b = b * z
            x = x * w
            v = k
        }
        return x
    }
}
