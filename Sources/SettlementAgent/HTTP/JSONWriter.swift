import Foundation

/// Compact JSON for the agent's responses, written straight into bytes: objects with keys in
/// byte order, strings escaped per RFC 8259 (slashes left alone), integers and finite doubles
/// in their shortest exact form. It covers the values the handlers build (dictionaries,
/// arrays, strings, integers, booleans, NSNull); for anything else `encode` returns nil and
/// the caller falls back to JSONSerialization. Foundation's writer bridged every dictionary
/// to NSDictionary and sorted its keys with ICU collation, which made encoding a batch
/// response cost about as much as parsing its request.
enum JSONWriter {
    /// The JSON text of `value`, or nil when it holds a type this writer does not know.
    static func encode(_ value: Any) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        return write(value, into: &out) ? out : nil
    }

    /// Scalars match by exact type: a cast would also bridge an NSNumber to Bool or Int and
    /// lose which one it was; such values go to JSONSerialization.
    private static func write(_ value: Any, into out: inout [UInt8]) -> Bool {
        let type = ObjectIdentifier(Swift.type(of: value))
        if type == ObjectIdentifier(String.self) {
            writeString(value as! String, into: &out)
        } else if type == ObjectIdentifier(Int.self) {
            out.append(contentsOf: String(value as! Int).utf8)
        } else if type == ObjectIdentifier(Int64.self) {
            out.append(contentsOf: String(value as! Int64).utf8)
        } else if type == ObjectIdentifier(UInt64.self) {
            out.append(contentsOf: String(value as! UInt64).utf8)
        } else if type == ObjectIdentifier(Bool.self) {
            out.append(contentsOf: (value as! Bool ? "true" : "false").utf8)
        } else if type == ObjectIdentifier(Double.self) {
            let d = value as! Double
            guard d.isFinite else { return false }
            out.append(contentsOf: (d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)).utf8)
        } else if type == ObjectIdentifier(NSNull.self) {
            out.append(contentsOf: "null".utf8)
        } else if let array = value as? [Any] {
            out.append(UInt8(ascii: "["))
            for (i, element) in array.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                guard write(element, into: &out) else { return false }
            }
            out.append(UInt8(ascii: "]"))
        } else if let object = value as? [String: Any] {
            out.append(UInt8(ascii: "{"))
            for (i, key) in object.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                guard write(object[key]!, into: &out) else { return false }
            }
            out.append(UInt8(ascii: "}"))
        } else {
            return false
        }
        return true
    }

    private static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                        hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
