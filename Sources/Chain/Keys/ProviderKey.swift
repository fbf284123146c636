import CSodium
import Foundation
import Groth16

/// The provider's secp256k1 private key, which signs its transactions. It is loaded from a
/// file readable by its owner only (mode 0600 or 0400) or from an environment variable, as
/// "0x" + 64 hex digits (or the digits alone; surrounding white space is ignored). The key's
/// bytes live in memory of their own and are overwritten with zeros (sodium_memzero) when the
/// key is released; `description` and `debugDescription` show only the address.
public final class ProviderKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    private nonisolated(unsafe) let secret: UnsafeMutableRawBufferPointer
    /// The account of the key: the last 20 bytes of keccak256 of the uncompressed public key.
    public let address: EthereumAddress

    /// A key from 32 big-endian bytes in [1, n-1]; the caller should wipe its copy.
    public init(bytes: [UInt8]) throws(KeyError) {
        guard bytes.count == 32 else { throw .invalidKey(reason: "expected 32 bytes, got \(bytes.count)") }
        let secret = UnsafeMutableRawBufferPointer.allocate(byteCount: 32, alignment: 16)
        secret.copyBytes(from: bytes)
        guard let publicKey = secp256k1PublicKey(secretKey: UnsafeRawBufferPointer(secret)) else {
            Self.wipe(secret)
            throw .invalidKey(reason: "not in [1, n-1] of secp256k1")
        }
        self.secret = secret
        address = EthereumAddress(publicKey: publicKey)
    }

    /// A key from hex text: "0x" + 64 digits or the 64 digits alone, white space around it ignored.
    public convenience init(hex text: String) throws(KeyError) {
        var utf8 = Array(text.utf8)
        defer { secureZero(&utf8) }
        var bytes = try Self.parse(utf8)
        defer { secureZero(&bytes) }
        try self.init(bytes: bytes)
    }

    /// Loads the key from `path`, which must be a regular file readable by its owner only.
    public static func load(file path: String) throws(KeyError) -> ProviderKey {
        var status = stat()
        guard stat(path, &status) == 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .unreadable(path: path, reason: "not a regular file") }
        let mode = UInt16(status.st_mode & 0o7777)
        guard mode & 0o077 == 0 else { throw .permissions(path: path, mode: mode) }
        guard var contents = FileManager.default.contents(atPath: path).map(Array.init) else {
            throw .unreadable(path: path, reason: "cannot open it for reading")
        }
        defer { secureZero(&contents) }
        var bytes = try parse(contents)
        defer { secureZero(&bytes) }
        return try ProviderKey(bytes: bytes)
    }

    /// Loads the key from the environment variable `name`.
    public static func load(environment name: String, from environment: [String: String] = ProcessInfo.processInfo.environment) throws(KeyError) -> ProviderKey {
        guard let text = environment[name] else { throw .environmentMissing(name: name) }
        return try ProviderKey(hex: text)
    }

    /// Signs a 32-byte digest (recoverable ECDSA, low s).
    public func sign(digest: Bytes32) throws(KeyError) -> RecoverableSignature {
        try RecoverableSignature.sign(digest: digest, secretKey: UnsafeRawBufferPointer(secret))
    }

    public var description: String { "ProviderKey(address: \(address))" }
    public var debugDescription: String { description }

    deinit { Self.wipe(secret) }

    private static func wipe(_ secret: UnsafeMutableRawBufferPointer) {
        sodium_memzero(secret.baseAddress!, secret.count)
        secret.deallocate()
    }

    /// 32 bytes from hex text; the errors never quote the text.
    private static func parse(_ text: [UInt8]) throws(KeyError) -> [UInt8] {
        var digits = text[...]
        while let first = digits.first, isSpace(first) { digits.removeFirst() }
        while let last = digits.last, isSpace(last) { digits.removeLast() }
        if digits.starts(with: [UInt8(ascii: "0"), UInt8(ascii: "x")]) { digits.removeFirst(2) }
        guard digits.count == 64 else { throw .invalidKey(reason: "expected 64 hex digits, got \(digits.count) characters") }
        var out = [UInt8](repeating: 0, count: 32)
        for i in 0..<32 {
            guard let hi = HexDigits.value(digits[digits.startIndex + 2 * i]),
                  let lo = HexDigits.value(digits[digits.startIndex + 2 * i + 1]) else {
                secureZero(&out)
                throw .invalidKey(reason: "not a hex digit")
            }
            out[i] = hi << 4 | lo
        }
        return out
    }

    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
}
