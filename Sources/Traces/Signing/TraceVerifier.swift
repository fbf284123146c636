import Groth16

/// Checks what the agent can check before storing a trace: it is addressed to this agent's
/// provider and signed by the account's registered key in this agent's domain. The store then
/// checks nonce order and solvency inside its transaction.
public struct TraceVerifier: Sendable {
    public let domain: SettlementDomain
    public let provider: Address

    public init(domain: SettlementDomain, provider: Address) {
        self.domain = domain
        self.provider = provider
    }

    /// The verified trace, or why it is refused.
    public func verify(_ trace: RequestTrace, account: Account?) -> Result<VerifiedTrace, TraceRejection> {
        guard trace.provider == provider else { return .failure(.wrongProvider(expected: provider, got: trace.provider)) }
        guard let account, account.user == trace.user else { return .failure(.unknownAccount(trace.user)) }
        guard TraceSigning.verify(trace, key: account.signerKey, domain: domain) else { return .failure(.invalidSignature) }
        return .success(VerifiedTrace(trace: trace, signerKey: account.signerKey))
    }
}
