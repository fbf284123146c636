import Foundation

/// Keeps the connection cap inside the process's file-descriptor limit, so connections can
/// never take the descriptors the database, its checkpointer and the keys need, nor leave
/// the server unable to accept (a server at its descriptor limit answers nobody, /healthz
/// included).
enum DescriptorBudget {
    /// Descriptors kept for everything but client connections.
    static let reserved = 64

    /// `requested`, lowered to `descriptorLimit - reserved` (at least 1) when that is smaller;
    /// `requested` when the limit is unknown.
    static func connectionCap(requested: Int, descriptorLimit: Int?) -> Int {
        guard let descriptorLimit else { return requested }
        return max(1, min(requested, descriptorLimit - reserved))
    }

    /// The soft RLIMIT_NOFILE of this process (unlimited reads as Int.max); nil when unreadable.
    static func softDescriptorLimit() -> Int? {
        var limit = rlimit()
        #if os(Linux)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0 else { return nil }
        return Int(clamping: limit.rlim_cur)
    }
}
