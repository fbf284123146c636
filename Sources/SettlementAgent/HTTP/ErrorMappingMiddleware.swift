import Groth16
import Hummingbird
import Logging
import Traces

/// Turns every error a handler throws into a JSON error response with the right status:
/// domain errors from the lower layers become 4xx with a stable code; anything unexpected is
/// logged with the request id and answered with a generic 500 that reveals nothing.
struct ErrorMappingMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError {
            throw APIError(error.status, error.status.code == 404 ? "no_route" : "http_error",
                           error.body ?? error.status.reasonPhrase)
        } catch {
            if let mapped = Self.map(error) { throw mapped }
            context.logger.error("unexpected error", metadata: ["error": "\(error)"])
            throw APIError(.internalServerError, "internal", "internal error; see the agent's log")
        }
    }

    /// The API error for a domain error, or nil for an unexpected one.
    static func map(_ error: any Error) -> APIError? {
        switch error {
        case let e as TraceError:
            return .badRequest("invalid_trace", e.description)
        case let e as TraceRejection:
            return rejection(e)
        case let e as StoreError:
            switch e {
            case let .notFound(what): return .notFound("\(what) not found")
            case let .conflict(message): return .conflict("conflict", message)
            case let .staleAccountState(message): return .conflict("stale_account_state", message)
            case .corrupt: return nil
            }
        case let e as FieldError:
            return .badRequest("invalid_field_element", e.description)
        case let e as CurveError:
            return .badRequest("invalid_point", e.description)
        default:
            return nil
        }
    }

    /// Statuses of refused traces: 404 unknown account, 409 replay or nonce order, 422 bad
    /// signature, wrong provider, insolvency or the unsettled cap.
    static func rejection(_ r: TraceRejection) -> APIError {
        switch r {
        case .unknownAccount: return APIError(.notFound, "unknown_account", r.description)
        case .wrongProvider: return .unprocessable("wrong_provider", r.description)
        case .invalidSignature: return .unprocessable("invalid_signature", r.description)
        case .signerKeyUnpublished: return .unprocessable("signer_key_unpublished", r.description)
        case .signerKeyChanged: return .conflict("signer_key_changed", r.description)
        case .nonceNotIncreasing: return .conflict("nonce_not_increasing", r.description)
        case .conflictingTrace: return .conflict("replay", r.description)
        case .insufficientBalance: return .unprocessable("insufficient_balance", r.description)
        case .unsettledCap: return .unprocessable("unsettled_cap", r.description)
        }
    }
}
