import Foundation
import Groth16
import Hummingbird
import Traces

/// POST /v1/accounts (admin) and GET /v1/accounts/{user}.
extension AgentRoutes {
    func addAccountRoutes(public router: RouteMount<some RouterMethods<Context>>, admin: RouteMount<some RouterMethods<Context>>) {
        admin.on(.post, "accounts") { request, _ -> Response in
            guard services.chain == nil else {
                throw APIError.conflict("chain_mode", "on a chain, accounts come from the registry's events; a user publishes its signer key with POST /v1/signer-keys")
            }
            let fields = JSONFields(try await JSONBody.readObject(request, limit: services.config.maxBodyBytes))
            try fields.only(["user", "signerKey", "signerKeyHash", "balance", "nonce"])
            let user = try Self.address(fields.string("user"), "user")
            let key = try Self.signerKey(fields)
            if let claimed = try fields.optionalString("signerKeyHash") {
                guard try Self.field(claimed, "signerKeyHash") == key.hash else {
                    throw APIError.unprocessable("signer_key_hash_mismatch", "signerKeyHash: is not Poseidon(Ax, Ay)")
                }
            }
            let balance = try Self.integer(fields.string("balance"), as: UInt128.self, "balance")
            let nonce = try Self.integer(fields.string("nonce"), as: UInt64.self, "nonce")
            let existed = try services.store.account(user) != nil
            let account = try services.store.upsertAccount(
                AccountUpdate(user: user, signerKey: key, signerKeyHash: key.hash, balance: balance, nonce: nonce))
            return JSONBody.response(Self.json(account), status: existed ? .ok : .created)
        }

        router.on(.get, "accounts/:user") { _, context -> Response in
            let text = try context.parameters.require("user")
            let user = try Self.address(text, "user")
            guard let account = try services.store.account(user) else { throw APIError.notFound("account \(user) not found") }
            return JSONBody.response(Self.json(account))
        }
    }

    /// An address from a request field, query or path; `code` is the error code when malformed.
    static func address(_ text: String, _ name: String, code: String = "malformed_field") throws -> Address {
        do { return try Address(hex: text, field: name) } catch {
            throw APIError.badRequest(code, "\(name): expected 0x followed by 40 hex digits")
        }
    }

    /// The body's `signerKey`: [Ax, Ay] decimal strings, a Baby Jubjub point of large order.
    static func signerKey(_ fields: JSONFields) throws -> SignerKey {
        guard let keyArray = fields.object["signerKey"] as? [Any], keyArray.count == 2,
              let ax = keyArray[0] as? String, let ay = keyArray[1] as? String else {
            throw APIError.badRequest("malformed_field", "signerKey: expected [Ax, Ay] decimal strings")
        }
        let key = SignerKey(ax: try field(ax, "signerKey[0]"), ay: try field(ay, "signerKey[1]"))
        guard key.isValid else {
            throw APIError.unprocessable("invalid_signer_key", "signerKey: not a Baby Jubjub point of large order")
        }
        return key
    }

    static func field(_ text: String, _ name: String) throws -> Fr {
        do { return try Fr(decimal: text) } catch {
            throw APIError.badRequest("malformed_field", "\(name): expected a decimal field element below r")
        }
    }

    static func integer<T: FixedWidthInteger & UnsignedInteger>(_ text: String, as _: T.Type, _ name: String) throws -> T {
        let digits = text.utf8
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }), digits.count == 1 || digits.first != 48 else {
            throw APIError.badRequest("malformed_field", "\(name): expected a decimal string without sign or leading zeros")
        }
        guard digits.count <= 40, let v = T(text) else {
            throw APIError.badRequest("out_of_range", "\(name): exceeds \(T.bitWidth) bits")
        }
        return v
    }

    static func json(_ a: Account) -> [String: Any] {
        ["user": a.user.description, "signerKey": [a.signerKey.ax.decimalString, a.signerKey.ay.decimalString],
         "signerKeyHash": a.signerKeyHash.decimalString, "balance": String(a.balance), "nonce": String(a.nonce),
         "acceptedNonce": String(a.acceptedNonce), "reserved": String(a.reserved), "heldBack": String(a.heldBack),
         "available": String(a.available)]
    }
}
