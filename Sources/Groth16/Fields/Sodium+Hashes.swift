import CSodium

/// Streaming BLAKE2b-512 (libsodium `crypto_generichash`, unkeyed, 64-byte output): the hash
/// of every ceremony transcript, as snarkjs computes them.
public final class Blake2b512 {
    // libsodium's state is 64-byte aligned and opaque to Swift: a raw allocation.
    private let state: UnsafeMutableRawPointer

    public init() {
        sodiumInitialize()
        state = UnsafeMutableRawPointer.allocate(byteCount: crypto_generichash_statebytes(), alignment: 64)
        _ = crypto_generichash_init(OpaquePointer(state), nil, 0, 64)
    }

    deinit {
        sodium_memzero(state, crypto_generichash_statebytes())
        state.deallocate()
    }

    /// Absorbs `bytes`.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        _ = crypto_generichash_update(OpaquePointer(state), base.assumingMemoryBound(to: UInt8.self), UInt64(bytes.count))
    }

    /// Absorbs `bytes`.
    public func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The 64-byte digest. Call once; the hasher is not usable afterwards.
    public func finalize() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 64)
        out.withUnsafeMutableBufferPointer { _ = crypto_generichash_final(OpaquePointer(state), $0.baseAddress!, 64) }
        return out
    }

    /// BLAKE2b-512 of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        let h = Blake2b512()
        h.update(bytes)
        return h.finalize()
    }
}

/// SHA-256 of `bytes` (libsodium `crypto_hash_sha256`): the iterated hash of a ceremony beacon.
public func sha256(_ bytes: [UInt8]) -> [UInt8] {
    sodiumInitialize()
    var out = [UInt8](repeating: 0, count: 32)
    out.withUnsafeMutableBufferPointer { o in
        bytes.withUnsafeBufferPointer { _ = crypto_hash_sha256(o.baseAddress!, $0.baseAddress, UInt64($0.count)) }
    }
    return out
}

/// Replaces `hash` by SHA-256(hash) `count` times, in place, without allocating (32-byte input).
public func sha256Iterate(_ hash: inout [UInt8], count: UInt64) {
    precondition(hash.count == 32, "the iterated hash has 32 bytes")
    sodiumInitialize()
    hash.withUnsafeMutableBufferPointer { h in
        var i: UInt64 = 0
        while i < count {
            _ = crypto_hash_sha256(h.baseAddress!, h.baseAddress!, 32)
            i += 1
        }
    }
}

/// Overwrites the memory of `value` with zeros (sodium_memzero): for secrets held in plain
/// value types (field elements, generator states).
public func secureZero<T: BitwiseCopyable>(value: inout T) {
    withUnsafeMutableBytes(of: &value) { if let b = $0.baseAddress { sodium_memzero(b, $0.count) } }
}

/// Overwrites the elements of `array` with zeros (sodium_memzero): for secret scalars and
/// generator states held in arrays.
public func secureZero<T: BitwiseCopyable>(elements array: inout [T]) {
    array.withUnsafeMutableBytes { if let b = $0.baseAddress { sodium_memzero(b, $0.count) } }
}
