import Circuits
import Groth16

/// The replay domain of every signed message: domain = Poseidon(chainId, settlementContract),
/// so a trace signed for one chain or one deployment is worthless on another.
public struct SettlementDomain: Hashable, Sendable, CustomStringConvertible {
    public let chainId: UInt64
    public let settlementContract: Address
    /// Poseidon(chainId, settlementContract).
    public let value: Fr

    public init(chainId: UInt64, settlementContract: Address) {
        self.chainId = chainId
        self.settlementContract = settlementContract
        value = SettlementStatement.domain(chainId: chainId, settlementContract: settlementContract.fieldElement)
    }

    public var description: String { "chain \(chainId), contract \(settlementContract)" }
}
