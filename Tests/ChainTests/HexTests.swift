@testable import Chain
import Testing
import TestSupport

@Suite struct HexTests {
    @Test func quantitiesParseStrictly() throws {
        #expect(try Hex.quantity("0x0", as: UInt64.self, field: "q") == 0)
        #expect(try Hex.quantity("0x1f", as: UInt64.self, field: "q") == 31)
        #expect(try Hex.quantity("0xffffffffffffffff", as: UInt64.self, field: "q") == .max)
        #expect(try Hex.quantity("0x" + String(repeating: "f", count: 32), as: UInt128.self, field: "q") == .max)
        for bad in ["", "0x", "1f", "0X1f", "0x01", "0x00", "0x-1", "0x1g", " 0x1", "0x1 "] {
            #expect(throws: HexError.self, "\(bad)") { try Hex.quantity(bad, as: UInt64.self, field: "q") }
        }
        #expect(throws: HexError.outOfRange(field: "q", value: "0x10000000000000000", limit: "64-bit unsigned")) {
            try Hex.quantity("0x10000000000000000", as: UInt64.self, field: "q")
        }
        #expect(throws: HexError.self) { try Hex.quantity("0x100", as: UInt8.self, field: "q") }
    }

    @Test func quantitiesRoundTrip() throws {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<200 {
            let value = UInt128(generator.next()) << 64 | UInt128(generator.next()) >> (generator.next() % 64)
            #expect(try Hex.quantity(Hex.quantity(value), as: UInt128.self, field: "q") == value)
        }
    }

    @Test func dataParsesWholeBytes() throws {
        #expect(try Hex.bytes("0x", field: "d") == [])
        #expect(try Hex.bytes("0x00ff10", field: "d") == [0, 255, 16])
        #expect(try Hex.bytes("0xABcd", field: "d") == [0xAB, 0xCD])
        #expect(throws: HexError.self) { try Hex.bytes("0xabc", field: "d") }
        #expect(throws: HexError.self) { try Hex.bytes("abcd", field: "d") }
        #expect(throws: HexError.self) { try Hex.bytes("0xabcd", count: 3, field: "d") }
        #expect(Hex.data([0, 1, 0xfe]) == "0x0001fe")
        #expect(throws: HexError.self) { try EthereumAddress(hex: "0x" + String(repeating: "0", count: 38)) }
        #expect(try EthereumAddress(hex: "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf").description == "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf")
    }
}
