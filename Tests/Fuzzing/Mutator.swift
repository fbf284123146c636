import Groth16
import TestSupport

/// Seeded mutations of fuzz inputs. Generic byte edits suit every shape; containers also get
/// edits of their integer fields (counts, sizes, ids) and 32-byte field elements; JSON gets
/// edits of its tokens (numbers, strings, nesting) so it stays close enough to JSON to reach
/// the decoders behind the parser.
public struct Mutator {
    private var rng: SeededGenerator

    public init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    /// A random number below `bound` (> 0).
    public mutating func below(_ bound: Int) -> Int { Int(rng.next() % UInt64(bound)) }

    /// `input` changed by one to four edits (or spliced with `other`), cut to `maxBytes`.
    public mutating func mutate(_ input: [UInt8], other: [UInt8], shape: FuzzTarget.InputShape, maxBytes: Int) -> [UInt8] {
        var bytes = input
        for _ in 0...below(4) {
            switch (shape, below(10)) {
            case (.container, 0..<4): containerEdit(&bytes)
            case (.json, 0..<5): jsonEdit(&bytes)
            case (.words, 0..<4): wordEdit(&bytes)
            case (_, 9): splice(&bytes, other)
            default: byteEdit(&bytes)
            }
        }
        if bytes.count > maxBytes { bytes.removeLast(bytes.count - maxBytes) }
        return bytes
    }

    // MARK: Bytes

    /// Bit flips, interesting bytes, insertions, deletions, duplicated or moved runs, truncation.
    mutating func byteEdit(_ b: inout [UInt8]) {
        guard !b.isEmpty else { b = rng.bytes(1 + below(16)); return }
        let at = below(b.count)
        switch below(8) {
        case 0: b[at] ^= 1 << UInt8(below(8))
        case 1: b[at] = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x20, 0x30, 0x39][below(8)]
        case 2: b[at] = UInt8(truncatingIfNeeded: rng.next())
        case 3: b.insert(contentsOf: rng.bytes(1 + below(8)), at: at)
        case 4: b.removeSubrange(at..<min(b.count, at + 1 + below(16)))
        case 5:
            let run = Array(b[at..<min(b.count, at + 1 + below(64))])
            b.insert(contentsOf: run, at: below(b.count + 1))
        case 6: b.removeLast(below(b.count) + 1 > b.count ? b.count : below(b.count) + 1)
        default:
            let end = min(b.count, at + 1 + below(32))
            let run = Array(b[at..<end])
            b.removeSubrange(at..<end)
            b.insert(contentsOf: run, at: below(b.count + 1))
        }
    }

    /// Replaces a run of `other` into `b` (crossing two inputs of the corpus).
    mutating func splice(_ b: inout [UInt8], _ other: [UInt8]) {
        guard !other.isEmpty, !b.isEmpty else { return }
        let from = below(other.count)
        let run = other[from..<min(other.count, from + 1 + below(256))]
        let at = below(b.count)
        b.replaceSubrange(at..<min(b.count, at + run.count), with: run)
    }

    // MARK: Containers

    /// Little-endian integers that matter to a reader: zero, one, the limits, powers of two,
    /// the input's own size, and small changes of the current value.
    mutating func containerEdit(_ b: inout [UInt8]) {
        guard b.count >= 8 else { byteEdit(&b); return }
        // Header fields and section headers sit at multiples of 4 in these formats.
        let at = (below(b.count - 3)) & ~3
        switch below(4) {
        case 0, 1:
            let current = UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
            let choices: [UInt32] = [0, 1, 2, 3, 0xffff_ffff, 0x7fff_ffff, 0x8000_0000, UInt32(truncatingIfNeeded: b.count),
                                     current &+ 1, current &- 1, current &* 2, current / 2, 1 << UInt32(below(32)), 28, 29]
            write32(choices[below(choices.count)], at: at, in: &b)
        case 2 where at + 8 <= b.count:
            let choices: [UInt64] = [0, 1, .max, 1 << 32, 1 << 63, UInt64(b.count), UInt64(b.count - at)]
            write32(UInt32(truncatingIfNeeded: choices[below(choices.count)]), at: at, in: &b)
            write32(UInt32(truncatingIfNeeded: choices[below(choices.count)] >> 32), at: at + 4, in: &b)
        default:
            fieldEdit(&b)
        }
    }

    /// Overwrites 32 bytes with a little- or big-endian value at a field boundary: 0, 1, p,
    /// p - 1, r, r - 1, 2^256 - 1, or edge-biased random limbs.
    mutating func fieldEdit(_ b: inout [UInt8]) {
        guard b.count >= 32 else { byteEdit(&b); return }
        let at = below(b.count - 31)
        let p = (FpParameters.m0, FpParameters.m1, FpParameters.m2, FpParameters.m3)
        let r = (FrParameters.m0, FrParameters.m1, FrParameters.m2, FrParameters.m3)
        let limbs: [UInt64]
        switch below(7) {
        case 0: limbs = [0, 0, 0, 0]
        case 1: limbs = [1, 0, 0, 0]
        case 2: limbs = [p.0, p.1, p.2, p.3]
        case 3: limbs = [p.0 &- 1, p.1, p.2, p.3]
        case 4: limbs = [r.0, r.1, r.2, r.3]
        case 5: limbs = [.max, .max, .max, .max]
        default: limbs = rng.edgyWords()
        }
        var value: [UInt8] = []
        for limb in limbs { for i in 0..<8 { value.append(UInt8(truncatingIfNeeded: limb >> (8 * UInt64(i)))) } }
        if below(2) == 0 { value.reverse() }
        b.replaceSubrange(at..<(at + 32), with: value)
    }

    // MARK: Words

    /// Whole 32-byte big-endian words: zero, one, p, p ± 1, 2^256 - 1, or a copy of another word.
    mutating func wordEdit(_ b: inout [UInt8]) {
        guard b.count >= 32 else { byteEdit(&b); return }
        let words = b.count / 32
        let at = 32 * below(words)
        switch below(3) {
        case 0:
            let from = 32 * below(words)
            let word = Array(b[from..<(from + 32)])
            b.replaceSubrange(at..<(at + 32), with: word)
        case 1:
            b.replaceSubrange(at..<(at + 32), with: [UInt8](repeating: below(2) == 0 ? 0 : 0xff, count: 32))
            if below(2) == 0 { b[at + 31] = 1 }
        default:
            var copy = b
            fieldEdit(&copy)
            b = copy
        }
    }

    // MARK: JSON

    /// Token edits: a number or string replaced by an edge value, a value's type changed, a
    /// member dropped or repeated, deep nesting, a huge string.
    mutating func jsonEdit(_ b: inout [UInt8]) {
        let tokens = JSONTokens.spans(of: b)
        guard !tokens.isEmpty else { byteEdit(&b); return }
        let span = tokens[below(tokens.count)]
        let replacement: [UInt8]
        switch below(6) {
        case 0, 1, 2: replacement = Array(JSONTokens.edgeValues[below(JSONTokens.edgeValues.count)].utf8)
        case 3: replacement = Array(String(repeating: "[", count: 1 + below(100_000)).utf8)
        case 4:
            let other = tokens[below(tokens.count)]
            replacement = Array(b[other])
        default: replacement = []
        }
        b.replaceSubrange(span, with: replacement)
    }
}

/// A shallow tokenizer: the byte ranges of JSON strings and bare values (numbers, literals).
enum JSONTokens {
    static let edgeValues: [String] = [
        "\"0\"", "\"1\"", "\"-1\"", "\"01\"", "\"+1\"", "\" 1\"", "\"1e3\"", "\"0x10\"", "\"\"",
        "\"18446744073709551615\"", "\"18446744073709551616\"",
        "\"340282366920938463463374607431768211455\"", "\"340282366920938463463374607431768211456\"",
        "\"21888242871839275222246405745257275088548364400416034343698204186575808495616\"",
        "\"21888242871839275222246405745257275088548364400416034343698204186575808495617\"",
        "\"21888242871839275222246405745257275088696311157297823662689037894645226208583\"",
        "\"21888242871839275222246405745257275088696311157297823662689037894645226208582\"",
        "\"2736030358979909402780800718157159434327524386004005296307005433802007012289\"",
        "\"115792089237316195423570985008687907853269984665640564039457584007913129639936\"",
        "\"0x0000000000000000000000000000000000000000\"", "\"0xGG00000000000000000000000000000000000000\"",
        "\"\\u0000\"", "\"\\ud800\"", "0", "-0", "1e308", "1e999", "-1", "18446744073709551616", "1.5",
        "null", "true", "[]", "{}", "[\"0\",\"1\"]", "[\"0\",\"1\",\"0\"]", "[[\"0\",\"0\"],[\"1\",\"0\"],[\"0\",\"0\"]]",
        "{\"a\":1}",
    ]

    static func spans(of b: [UInt8]) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                var j = i + 1
                while j < b.count && b[j] != UInt8(ascii: "\"") { j += b[j] == UInt8(ascii: "\\") ? 2 : 1 }
                let end = min(j + 1, b.count)
                spans.append(i..<end)
                i = end
            } else if c == UInt8(ascii: "-") || (c >= 48 && c <= 57) || c == UInt8(ascii: "t") || c == UInt8(ascii: "f")
                        || c == UInt8(ascii: "n") {
                var j = i + 1
                while j < b.count && !",]} \n\t:".utf8.contains(b[j]) { j += 1 }
                spans.append(i..<j)
                i = j
            } else {
                i += 1
            }
        }
        return spans
    }
}

private func write32(_ v: UInt32, at: Int, in b: inout [UInt8]) {
    for i in 0..<4 { b[at + i] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(i))) }
}
