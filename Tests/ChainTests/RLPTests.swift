@testable import Chain
import Testing

/// The examples of the RLP specification (ethereum.org, "Recursive-length prefix").
@Suite struct RLPTests {
    @Test func specificationExamples() {
        func bytes(_ s: String) -> RLP { .bytes(Array(s.utf8)) }
        #expect(bytes("dog").encoded == [0x83] + Array("dog".utf8))
        #expect(RLP.list([bytes("cat"), bytes("dog")]).encoded == [0xC8, 0x83] + Array("cat".utf8) + [0x83] + Array("dog".utf8))
        #expect(bytes("").encoded == [0x80])
        #expect(RLP.list([]).encoded == [0xC0])
        #expect(RLP.integer(UInt64(0)).encoded == [0x80])
        #expect(RLP.bytes([0]).encoded == [0x00])
        #expect(RLP.bytes([0x0F]).encoded == [0x0F])
        #expect(RLP.integer(UInt64(15)).encoded == [0x0F])
        #expect(RLP.integer(UInt64(1024)).encoded == [0x82, 0x04, 0x00])
        #expect(RLP.bytes([0x80]).encoded == [0x81, 0x80])
        // The set-theoretical representation of three: [ [], [[]], [ [], [[]] ] ].
        let three = RLP.list([.list([]), .list([.list([])]), .list([.list([]), .list([.list([])])])])
        #expect(three.encoded == [0xC7, 0xC0, 0xC1, 0xC0, 0xC3, 0xC0, 0xC1, 0xC0])
        let lorem = "Lorem ipsum dolor sit amet, consectetur adipisicing elit"
        #expect(bytes(lorem).encoded == [0xB8, 0x38] + Array(lorem.utf8))
    }

    @Test func longListsAndIntegers() {
        let payload = [UInt8](repeating: 0xAA, count: 1024)
        #expect(RLP.bytes(payload).encoded.prefix(3) == [0xB9, 0x04, 0x00])
        #expect(RLP.list(Array(repeating: .bytes([1]), count: 60)).encoded.prefix(2) == [0xF8, 60])
        #expect(RLP.integer(UInt128.max).encoded == [0x90] + [UInt8](repeating: 0xFF, count: 16))
        #expect(minimalBigEndian(UInt64(0x0100)) == [1, 0])
    }
}
