import Foundation

/// Loads third-party test vectors from `../shared/vectors` (beside the repository), or from
/// the directory named by the environment variable `SETTLEMENT_VECTORS`.
public enum Vectors {
    /// The vectors directory.
    public static var directory: URL {
        if let dir = ProcessInfo.processInfo.environment["SETTLEMENT_VECTORS"] {
            return URL(fileURLWithPath: dir)
        }
        // #filePath = <repo>/Tests/TestSupport/Vectors.swift
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return repo.deletingLastPathComponent().appendingPathComponent("shared/vectors")
    }

    /// The URL of a file relative to the vectors directory.
    public static func url(_ relativePath: String) -> URL {
        directory.appendingPathComponent(relativePath)
    }

    /// The bytes of a vector file; fails loudly when it is missing.
    public static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: url(relativePath))
    }

    /// Decodes a JSON vector file.
    public static func json<T: Decodable>(_ type: T.Type, _ relativePath: String) throws -> T {
        try JSONDecoder().decode(T.self, from: data(relativePath))
    }

    /// Decodes a JSON vector file into untyped Foundation objects.
    public static func jsonObject(_ relativePath: String) throws -> Any {
        try JSONSerialization.jsonObject(with: data(relativePath))
    }
}

extension Array where Element == UInt8 {
    /// Decodes a hex string (optional 0x prefix); nil if it is not hex of even length.
    public init?(hex: String) {
        var s = Substring(hex)
        if s.hasPrefix("0x") { s = s.dropFirst(2) }
        guard s.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(s.count / 2)
        var i = s.startIndex
        while i < s.endIndex {
            let j = s.index(i, offsetBy: 2)
            guard let b = UInt8(s[i..<j], radix: 16) else { return nil }
            out.append(b)
            i = j
        }
        self = out
    }

    /// Lower-case hex without prefix.
    public var hex: String { map { String(format: "%02x", $0) }.joined() }
}
