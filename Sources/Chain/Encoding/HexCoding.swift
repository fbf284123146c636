/// Decoding and encoding of JSON-RPC hex fields in the Codable models: quantities are
/// range-checked against the Swift type, DATA fields are checked to be whole bytes.
extension KeyedDecodingContainer {
    func quantity<T: FixedWidthInteger & UnsignedInteger>(_ key: Key, as _: T.Type = T.self) throws -> T {
        try Hex.quantity(try decode(String.self, forKey: key), field: fieldName(key))
    }

    func quantityIfPresent<T: FixedWidthInteger & UnsignedInteger>(_ key: Key, as _: T.Type = T.self) throws -> T? {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        return try Hex.quantity(text, field: fieldName(key))
    }

    func data(_ key: Key) throws -> [UInt8] {
        try Hex.bytes(try decode(String.self, forKey: key), field: fieldName(key))
    }

    private func fieldName(_ key: Key) -> String { codingPathText(codingPath + [key]) }
}

extension KeyedEncodingContainer {
    mutating func encodeQuantity<T: BinaryInteger>(_ value: T, forKey key: Key) throws {
        try encode(Hex.quantity(value), forKey: key)
    }

    mutating func encodeQuantityIfPresent<T: BinaryInteger>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(Hex.quantity(value), forKey: key) }
    }

    mutating func encodeData(_ bytes: [UInt8], forKey key: Key) throws {
        try encode(Hex.data(bytes), forKey: key)
    }
}
