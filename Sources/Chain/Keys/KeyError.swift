/// Why a provider key could not be loaded or used. No case carries key material.
public enum KeyError: Error, Equatable, CustomStringConvertible {
    /// The key file could not be read.
    case unreadable(path: String, reason: String)
    /// The key file may be read by others than its owner.
    case permissions(path: String, mode: UInt16)
    /// The environment variable is not set.
    case environmentMissing(name: String)
    /// The text is not "0x" + 64 hex digits (or the 64 digits alone) of a key in [1, n-1].
    case invalidKey(reason: String)
    /// The signature's recovery id is 2 or 3, which Ethereum cannot carry (r >= n).
    case unrepresentableSignature

    public var description: String {
        switch self {
        case let .unreadable(path, reason): return "cannot read the key file \(path): \(reason)"
        case let .permissions(path, mode):
            let octal = String(mode, radix: 8)
            let padded = String(repeating: "0", count: max(0, 4 - octal.count)) + octal
            return "the key file \(path) has mode \(padded); it must be 0600 (or 0400): readable by its owner only"
        case let .environmentMissing(name): return "the environment variable \(name) is not set"
        case let .invalidKey(reason): return "invalid secp256k1 private key: \(reason)"
        case .unrepresentableSignature: return "the signature's recovery id is above 1"
        }
    }
}
