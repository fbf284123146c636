/// The value of every input wire of the settlement circuit, as field elements, unchecked: what
/// a validated `SettlementWitnessInput` becomes (its unused slots padded as disabled), and what
/// soundness tests edit to forge transitions that the native validation would refuse.
struct SettlementAssignment: Sendable {
    /// One trace slot's private inputs.
    struct Slot: Sendable {
        var enabled: Fr
        var nonce: Fr
        var fee: Fr
        var requestHash: Fr
        var r8x: Fr
        var r8y: Fr
        var s: Fr

        /// A disabled slot after nonce `nonce`: fee 0, and R8 = O, S = 0, requestHash = 0 (any
        /// values would do, the signature check is off).
        static func disabled(nonce: Fr) -> Slot {
            Slot(enabled: .zero, nonce: nonce, fee: .zero, requestHash: .zero, r8x: .zero, r8y: .one, s: .zero)
        }
    }

    var domain: Fr
    var provider: Fr
    var user: Fr
    var signerKeyHash: Fr
    var initNonce: Fr
    var finalNonce: Fr
    var initBalance: Fr
    var finalBalance: Fr
    var ax: Fr
    var ay: Fr
    var slots: [Slot]
}

extension SettlementAssignment {
    /// The assignment of `input` in a circuit of `slots` slots (`input` has at most `slots`
    /// traces; it is not validated here).
    init(_ input: SettlementWitnessInput, slots: Int) {
        let s = input.statement
        domain = s.domain
        provider = s.provider
        user = s.user
        signerKeyHash = s.signerKeyHash
        initNonce = Fr(s.initNonce)
        finalNonce = Fr(s.finalNonce)
        initBalance = Fr(integer: s.initBalance)
        finalBalance = Fr(integer: s.finalBalance)
        ax = input.signerKey.x
        ay = input.signerKey.y
        self.slots = input.traces.map { t in
            Slot(enabled: .one, nonce: Fr(t.nonce), fee: Fr(integer: t.fee), requestHash: t.requestHash,
                 r8x: t.signature.r8.x, r8y: t.signature.r8.y, s: t.signature.s)
        }
        let lastNonce = input.traces.last.map { Fr($0.nonce) } ?? initNonce
        while self.slots.count < slots { self.slots.append(.disabled(nonce: lastNonce)) }
    }

    /// Zeros everywhere: the placeholder for `.constraintsOnly` builds, which read no values.
    static func placeholder(slots: Int) -> SettlementAssignment {
        SettlementAssignment(
            domain: .zero, provider: .zero, user: .zero, signerKeyHash: .zero, initNonce: .zero, finalNonce: .zero,
            initBalance: .zero, finalBalance: .zero, ax: .zero, ay: .zero,
            slots: [Slot](repeating: .disabled(nonce: .zero), count: slots))
    }
}
