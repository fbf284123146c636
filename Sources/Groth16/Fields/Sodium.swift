import CSodium

/// libsodium is initialised once per process (Swift runs a global's initialiser exactly once).
private let sodiumReady: Bool = sodium_init() >= 0

/// Initialises libsodium if needed; traps only if the library itself cannot start.
@inline(__always)
func sodiumInitialize() {
    precondition(sodiumReady, "libsodium failed to initialise")
}

/// Fills `count` bytes from libsodium's CSPRNG.
public func secureRandomBytes(_ count: Int) -> [UInt8] {
    sodiumInitialize()
    var out = [UInt8](repeating: 0, count: count)
    out.withUnsafeMutableBytes { randombytes_buf($0.baseAddress!, count) }
    return out
}

/// Overwrites the bytes with zeros in a way the optimiser cannot elide (sodium_memzero).
public func secureZero(_ bytes: inout [UInt8]) {
    bytes.withUnsafeMutableBytes { if let b = $0.baseAddress { sodium_memzero(b, $0.count) } }
}
