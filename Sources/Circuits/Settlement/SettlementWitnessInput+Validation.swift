extension SettlementWitnessInput {
    /// The input for `traces` applied to (`initBalance`, `initNonce`): finalNonce, finalBalance
    /// and signerKeyHash are computed from the traces and the key, then everything is validated
    /// as `validate(slots:)` does.
    public static func transition(domain: Fr, provider: Fr, user: Fr, signerKey: BabyJubJub.Point, initNonce: UInt64,
                                  initBalance: UInt128, traces: [Trace], slots: Int) throws -> SettlementWitnessInput {
        // An overdraft leaves 0 here; `validate` then reports the first error in trace order.
        let balance = traces.reduce(initBalance) { b, t in t.fee <= b ? b - t.fee : 0 }
        let statement = SettlementStatement(
            domain: domain, provider: provider, user: user, signerKeyHash: SettlementStatement.signerKeyHash(of: signerKey),
            initNonce: initNonce, finalNonce: traces.last?.nonce ?? initNonce, initBalance: initBalance, finalBalance: balance)
        let input = SettlementWitnessInput(statement: statement, signerKey: signerKey, traces: traces)
        try input.validate(slots: slots)
        return input
    }

    /// Checks natively everything the settlement circuit of `slots` trace slots enforces, and
    /// throws the first violation, naming the trace and the field. An input that passes
    /// satisfies every constraint.
    public func validate(slots: Int) throws {
        guard SettlementCircuit.traceRange.contains(slots) else { throw SettlementInputError.traceCountOutOfRange(slots) }
        guard !traces.isEmpty else { throw SettlementInputError.emptyTransition }
        guard traces.count <= slots else { throw SettlementInputError.tooManyTraces(count: traces.count, limit: slots) }
        let addressBound = BigInteger(1) << 160
        guard statement.user.bigInteger < addressBound else { throw SettlementInputError.addressOutOfRange(field: "user") }
        guard statement.provider.bigInteger < addressBound else {
            throw SettlementInputError.addressOutOfRange(field: "provider")
        }
        guard signerKey.isOnCurve, !signerKey.hasSmallOrder else { throw SettlementInputError.invalidSignerKey }
        let keyHash = SettlementStatement.signerKeyHash(of: signerKey)
        guard keyHash == statement.signerKeyHash else {
            throw SettlementInputError.signerKeyHashMismatch(expected: keyHash, got: statement.signerKeyHash)
        }
        var nonce = statement.initNonce
        var balance = statement.initBalance
        for (i, t) in traces.enumerated() {
            guard t.nonce > nonce else { throw SettlementInputError.nonceNotIncreasing(trace: i, previous: nonce, got: t.nonce) }
            guard t.fee <= balance else { throw SettlementInputError.overdraft(trace: i, balance: balance, fee: t.fee) }
            guard t.signature.r8.isOnCurve else { throw SettlementInputError.signaturePointNotOnCurve(trace: i) }
            guard t.signature.s.bigInteger < BabyJubJub.subgroupOrder else {
                throw SettlementInputError.signatureScalarOutOfRange(trace: i)
            }
            let m = SettlementStatement.message(domain: statement.domain, user: statement.user, provider: statement.provider,
                                                nonce: t.nonce, fee: t.fee, requestHash: t.requestHash)
            guard EdDSAPoseidon.verify(m, signature: t.signature, publicKey: signerKey) else {
                throw SettlementInputError.invalidSignature(trace: i)
            }
            nonce = t.nonce
            balance -= t.fee
        }
        guard statement.finalNonce == nonce else {
            throw SettlementInputError.finalNonceMismatch(expected: nonce, got: statement.finalNonce)
        }
        guard statement.finalBalance == balance else {
            throw SettlementInputError.finalBalanceMismatch(expected: balance, got: statement.finalBalance)
        }
    }
}
