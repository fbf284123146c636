import Circuits
import Foundation
import Groth16
import Traces

/// The users, their signed traces and the request bodies of a load run, all made before the
/// timed phase. Client c owns the users u with u % clients == c and sends their traces in
/// nonce order, so concurrent clients never race on one account's nonces.
struct LoadPlan {
    struct User {
        let address: Address
        let key: EdDSAPrivateKey
    }

    let users: [User]
    /// Per client, the prepared HTTP requests and the number of traces in each.
    let requests: [[(bytes: [UInt8], traces: Int)]]

    /// User i of a run: its key and address are fixed by `first + i`, so runs are repeatable.
    static func user(_ n: Int) -> User {
        let tag = withUnsafeBytes(of: UInt32(n).bigEndian, Array.init)
        return User(address: Address(bytes: [UInt8](repeating: 0x5A, count: 16) + tag),
                    key: try! EdDSAPrivateKey(bytes: tag + [UInt8](repeating: 0xC3, count: 28)))
    }

    /// Signs `tracesPerUser` traces (nonces 1...) for each of `userCount` users on all cores
    /// and groups them into requests of `batch` traces (1: the single-trace body).
    init(firstUser: Int, userCount: Int, tracesPerUser: Int, clients: Int, batch: Int,
         domain: SettlementDomain, provider: Address) {
        users = (0..<userCount).map { Self.user(firstUser + $0) }
        let users = self.users
        let total = userCount * tracesPerUser
        // Trace k is user k % userCount's nonce k / userCount + 1.
        var signed = [RequestTrace?](repeating: nil, count: total)
        signed.withUnsafeMutableBufferPointer { buffer in
            let out = SendablePointer(buffer.baseAddress!)
            Parallelism.forEachChunk(count: total, minimumChunk: 64) { range in
                for k in range {
                    let user = users[k % userCount], nonce = UInt64(k / userCount + 1)
                    out[k] = TraceSigning.sign(user: user.address, provider: provider, nonce: nonce, fee: 1,
                                               requestHash: Fr(UInt64(k) &* 0x9E37_79B9 &+ 1), domain: domain, key: user.key)
                }
            }
        }
        requests = (0..<clients).map { c in
            let ordered = (0..<total).filter { ($0 % userCount) % clients == c }
            return stride(from: 0, to: ordered.count, by: batch).map { start in
                let slice = ordered[start..<min(start + batch, ordered.count)]
                let objects = slice.map { signed[$0]!.jsonObject }
                let body = try! JSONSerialization.data(withJSONObject: batch == 1 ? objects[0] : objects as Any)
                return (HTTPConnection.request("POST", "/v1/traces", body: Array(body)), slice.count)
            }
        }
    }
}
