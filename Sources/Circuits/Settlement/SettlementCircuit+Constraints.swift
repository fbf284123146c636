extension SettlementCircuit {
    /// Records the settlement circuit for `a` in `cs` (any mode) and returns the number of
    /// constraints of each trace slot.
    ///
    /// Public inputs, in order: domain, provider, user, signerKeyHash, initNonce, finalNonce,
    /// initBalance, finalBalance. Private inputs: Ax, Ay, then per slot enabled, nonce, fee,
    /// requestHash, R8x, R8y, S. The constraints (doc/CIRCUITS.md derives the soundness):
    /// - the key: A on the curve and not of small order, Poseidon(Ax, Ay) = signerKeyHash;
    /// - enabled₀ = 1 and enabledᵢ·(enabledᵢ − enabledᵢ₋₁) = 0, so by induction every enabledᵢ
    ///   is boolean and the enabled slots form a non-empty prefix;
    /// - nonceᵢ − nonceᵢ₋₁ − enabledᵢ < 2^64 (nonce₋₁ = initNonce) and
    ///   (1 − enabledᵢ)·(nonceᵢ − nonceᵢ₋₁) = 0: an enabled slot's nonce increases, a disabled
    ///   slot keeps it;
    /// - feeᵢ < 2^128 and (1 − enabledᵢ)·feeᵢ = 0;
    /// - an enabled slot's signature verifies under A over
    ///   mᵢ = Poseidon(tag, domain, user, provider, nonceᵢ, feeᵢ, requestHashᵢ) (S < l), with tag the
    ///   constant `SettlementStatement.traceMessageTag`;
    /// - initNonce, finalNonce < 2^64 and finalNonce = nonce_{L−1};
    ///   initBalance, finalBalance < 2^128 and finalBalance = initBalance − Σ feeᵢ.
    /// Every intermediate nonce and balance then lies between its initial and final value, so
    /// each is a 64-bit (128-bit) integer and no subtraction wraps the field.
    @discardableResult
    func constrain(_ cs: ConstraintSystem, _ a: SettlementAssignment) -> [Int] {
        precondition(a.slots.count == traces, "\(a.slots.count) slots assigned to a circuit of \(traces)")
        let domain = cs.publicInput("domain", value: a.domain)
        let provider = cs.publicInput("provider", value: a.provider)
        let user = cs.publicInput("user", value: a.user)
        let signerKeyHash = cs.publicInput("signerKeyHash", value: a.signerKeyHash)
        let initNonce = cs.publicInput("initNonce", value: a.initNonce)
        let finalNonce = cs.publicInput("finalNonce", value: a.finalNonce)
        let initBalance = cs.publicInput("initBalance", value: a.initBalance)
        let finalBalance = cs.publicInput("finalBalance", value: a.finalBalance)

        let key = cs.scope("signerKey") { () -> EdDSAPublicKeySignal in
            let ax = cs.privateInput("Ax", value: a.ax), ay = cs.privateInput("Ay", value: a.ay)
            cs.enforce(cs.poseidon([ax, ay]) == signerKeyHash, "Poseidon(Ax, Ay) = signerKeyHash")
            return cs.eddsaPublicKey(EdwardsPointSignal(x: ax, y: ay))
        }
        cs.scope("initNonce") { cs.rangeCheck(initNonce, bits: 64) }
        cs.scope("initBalance") { cs.rangeCheck(initBalance, bits: 128) }

        var state = SlotState(nonce: initNonce, balance: initBalance, enabled: nil)
        var perSlot: [Int] = []
        perSlot.reserveCapacity(traces)
        for (i, slot) in a.slots.enumerated() {
            let before = cs.constraintCount
            state = cs.scope("trace", index: i) {
                constrainSlot(cs, slot, after: state, key: key, domain: domain, user: user, provider: provider)
            }
            perSlot.append(cs.constraintCount - before)
        }

        cs.enforce(finalNonce == state.nonce, "finalNonce = nonce[L−1]")
        cs.scope("finalNonce") { cs.rangeCheck(finalNonce, bits: 64) }
        cs.enforce(finalBalance == state.balance, "finalBalance = initBalance − Σ fee")
        cs.scope("finalBalance") { cs.rangeCheck(finalBalance, bits: 128) }
        return perSlot
    }

    /// What a slot hands to the next: the nonce and balance after it and its enabled flag.
    struct SlotState {
        var nonce: Signal
        var balance: Signal
        var enabled: Signal?
    }

    /// One trace slot (the same number of constraints for every slot).
    private func constrainSlot(_ cs: ConstraintSystem, _ slot: SettlementAssignment.Slot, after previous: SlotState,
                               key: EdDSAPublicKeySignal, domain: Signal, user: Signal, provider: Signal) -> SlotState {
        let e = cs.privateInput("enabled", value: slot.enabled)
        if let previousEnabled = previous.enabled {
            // e ∈ {0, previous}: boolean and at most the previous flag, given that one is boolean.
            cs.enforce(e * (e - previousEnabled) == .zero, "enabled ∈ {0, enabled[i−1]}")
        } else {
            cs.enforce(e == .one, "enabled = 1 (first slot)")
        }
        let enabled = Bit(unchecked: e)
        let nonce = cs.privateInput("nonce", value: slot.nonce)
        let fee = cs.privateInput("fee", value: slot.fee)
        let requestHash = cs.privateInput("requestHash", value: slot.requestHash)
        let r8 = EdwardsPointSignal(x: cs.privateInput("R8x", value: slot.r8x), y: cs.privateInput("R8y", value: slot.r8y))
        let s = cs.privateInput("S", value: slot.s)

        let step = nonce - previous.nonce
        cs.scope("nonce − previous − enabled") { cs.rangeCheck(step - e, bits: 64) }
        cs.enforce((1 - e) * step == .zero, "disabled: nonce unchanged")
        cs.scope("fee") { cs.rangeCheck(fee, bits: 128) }
        cs.enforce((1 - e) * fee == .zero, "disabled: fee = 0")

        let message = cs.scope("message") { cs.poseidon([.constant(SettlementStatement.traceMessageTag), domain, user, provider, nonce, fee, requestHash]) }
        cs.eddsaPoseidonVerify(key: key, message: message, r8: r8, s: s, enabled: enabled)
        return SlotState(nonce: nonce, balance: previous.balance - fee, enabled: e)
    }
}
