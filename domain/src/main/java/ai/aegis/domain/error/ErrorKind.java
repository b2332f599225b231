package ai.aegis.domain.error;

/**
 * The closed set of ways a request can fail. Every adapter maps a kind to its own vocabulary
 * (gRPC status, HTTP status, MCP error result) in exactly one place; no adapter ever inspects a
 * message to decide.
 */
public enum ErrorKind {
    /** The input is malformed or names something in a form that can never be valid. */
    INVALID_ARGUMENT,
    /** The caller could not be identified: missing, invalid or expired credential. */
    UNAUTHENTICATED,
    /** The caller is known but the policy refuses the action. */
    PERMISSION_DENIED,
    /** The thing named does not exist, or exists in another tenant (which reads the same). */
    NOT_FOUND,
    /** The request is well formed but the current state does not allow it. */
    FAILED_PRECONDITION,
    /** The request would create something that already exists or violate a uniqueness rule. */
    ALREADY_EXISTS,
    /** A rate limit, quota or concurrency limit refuses the request for now. */
    RESOURCE_EXHAUSTED,
    /** A dependency (database, identity provider, model) is not reachable right now. */
    UNAVAILABLE
}
