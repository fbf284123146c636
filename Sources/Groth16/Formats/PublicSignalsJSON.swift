import Foundation

/// public.json: the public signals (outputs, then public inputs) as an array of decimal strings.
public enum PublicSignalsJSON {
    /// Reads public.json; each value must be a canonical decimal string below r. Errors name
    /// the index of the offending signal.
    public static func decode(_ data: Data) throws -> [Fr] {
        let doc = try JSONCursor(parsing: data, file: .publicSignalsJSON)
        return try doc.array().enumerated().map { i, element in
            do {
                return try Fr(decimal: try element.string())
            } catch let e as FieldError {
                throw FormatError(file: .publicSignalsJSON, .invalidScalar(what: "public signal", index: i, e))
            }
        }
    }

    /// public.json text in snarkjs's layout (`indent` spaces per level; snarkjs's CLI uses 1).
    public static func encode(_ signals: [Fr], indent: Int = 1) -> String {
        JSONValue.array(signals.map { .string($0.decimalString) }).text(indent: indent)
    }
}
