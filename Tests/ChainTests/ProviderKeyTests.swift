@testable import Chain
import Foundation
import Testing

@Suite struct ProviderKeyTests {
    static let keyHex = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"

    private func writeKey(_ text: String, mode: Int) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("provider-key-\(UUID().uuidString)").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    @Test func loadsFromAnOwnerOnlyFile() throws {
        let path = try writeKey(Self.keyHex + "\n", mode: 0o600)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let key = try ProviderKey.load(file: path)
        // The address eth-account gives for this key (web3.py's documentation example).
        #expect(key.address.description == "0x2c7536e3605d9c16a7a3d7b1898e529396a65c23")
        let readOnly = try writeKey(String(Self.keyHex.dropFirst(2)), mode: 0o400)
        defer { try? FileManager.default.removeItem(atPath: readOnly) }
        #expect(try ProviderKey.load(file: readOnly).address == key.address)
    }

    @Test func refusesAFileOthersCanRead() throws {
        for mode in [0o644, 0o640, 0o604, 0o666, 0o700 | 0o007] {
            let path = try writeKey(Self.keyHex, mode: mode)
            defer { try? FileManager.default.removeItem(atPath: path) }
            #expect(throws: KeyError.permissions(path: path, mode: UInt16(mode))) { try ProviderKey.load(file: path) }
            let message = String(describing: KeyError.permissions(path: path, mode: UInt16(mode)))
            #expect(message.contains("0" + String(mode, radix: 8)) && message.contains("0600"))
        }
        #expect(throws: KeyError.self) { try ProviderKey.load(file: "/nonexistent/provider.key") }
    }

    @Test func loadsFromTheEnvironment() throws {
        let key = try ProviderKey.load(environment: "PROVIDER_KEY", from: ["PROVIDER_KEY": "  \(Self.keyHex)  "])
        #expect(key.address == (try ProviderKey(hex: Self.keyHex)).address)
        #expect(throws: KeyError.environmentMissing(name: "PROVIDER_KEY")) { try ProviderKey.load(environment: "PROVIDER_KEY", from: [:]) }
    }

    @Test func rejectsInvalidKeysWithoutQuotingThem() throws {
        let order = "0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"
        for bad in ["0x" + String(repeating: "0", count: 64), order, "0x1234", Self.keyHex + "00", "0x" + String(repeating: "g", count: 64)] {
            do {
                _ = try ProviderKey(hex: bad)
                Issue.record("accepted \(bad)")
            } catch {
                #expect(!String(describing: error).contains(bad.dropFirst(2)))
            }
        }
    }

    @Test func descriptionsShowOnlyTheAddress() throws {
        let key = try ProviderKey(hex: Self.keyHex)
        let digits = String(Self.keyHex.dropFirst(2))
        for text in [String(describing: key), String(reflecting: key), "\(key)", key.debugDescription] {
            #expect(!text.contains(digits))
            #expect(text.contains(key.address.description))
        }
    }
}
