import Foundation
import Groth16
import Hummingbird
import Traces

/// The chain mode's routes: `POST /v1/signer-keys` (a user publishes the point of the signer
/// key it registered on chain by hash) and `GET /v1/chain` (the follower's height and lag).
extension AgentRoutes {
    func addChainRoutes(to router: RouteMount<some RouterMethods<Context>>) {
        router.on(.post, "signer-keys") { request, _ -> Response in
            guard services.chain != nil else {
                throw APIError.conflict("no_chain", "this agent runs without a chain: accounts, with their keys, come from POST /v1/accounts")
            }
            let fields = JSONFields(try await JSONBody.readObject(request, limit: services.config.maxBodyBytes))
            try fields.only(["signerKey"])
            let key = try Self.signerKey(fields)
            let users = try services.store.publishSignerKey(key)
            guard !users.isEmpty else {
                throw APIError.notFound("no account on chain has registered the signer key hash \(key.hash.decimalString)")
            }
            return JSONBody.response(["signerKeyHash": key.hash.decimalString, "users": users.map(\.description)])
        }

        router.on(.get, "chain") { _, _ -> Response in
            guard let chain = services.chain?.snapshot else {
                throw APIError.notFound("this agent runs without a chain")
            }
            var body: [String: Any] = ["registry": chain.registry, "chainId": String(chain.chainId),
                                       "confirmations": String(chain.confirmations),
                                       "accounts": try services.store.chainAccounts().count]
            if let head = chain.head { body["head"] = String(head) }
            if let cursor = chain.cursor {
                body["cursor"] = cursor.json
            }
            if let lag = chain.lag { body["lag"] = String(lag) }
            if let error = chain.lastError { body["lastError"] = error }
            if let at = chain.lastStepAt { body["lastStepAt"] = at }
            return JSONBody.response(body)
        }
    }
}
