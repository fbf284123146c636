import Groth16

/// Checks what the agent can check before storing a trace: it is addressed to this agent's
/// provider and signed by the account's registered key in this agent's domain. The store then
/// checks nonce order and solvency inside its transaction.
public struct TraceVerifier: Sendable {
    public let domain: SettlementDomain
    public let provider: Address
    /// The accounts' signer keys, prepared once.
    public let keys: PreparedKeyCache

    public init(domain: SettlementDomain, provider: Address, keys: PreparedKeyCache = PreparedKeyCache()) {
        self.domain = domain
        self.provider = provider
        self.keys = keys
    }

    /// The verified trace, or why it is refused.
    public func verify(_ trace: RequestTrace, account: Account?) -> Result<VerifiedTrace, TraceRejection> {
        guard trace.provider == provider else { return .failure(.wrongProvider(expected: provider, got: trace.provider)) }
        guard let account, account.user == trace.user else { return .failure(.unknownAccount(trace.user)) }
        guard account.signerKey != .unpublished else { return .failure(.signerKeyUnpublished(account.signerKeyHash)) }
        guard let key = keys.key(account.signerKey), TraceSigning.verify(trace, key: key, domain: domain) else {
            return .failure(.invalidSignature)
        }
        return .success(VerifiedTrace(trace: trace, signerKey: account.signerKey))
    }
}
