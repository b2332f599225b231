package ai.aegis.adapters.mcp;

import ai.aegis.domain.error.ErrorKind;

/** The one place where domain failure kinds become HTTP statuses at the MCP edge. */
public final class HttpStatusMapping {

    private HttpStatusMapping() {
    }

    public static int status(ErrorKind kind) {
        switch (kind) {
            case INVALID_ARGUMENT:
                return 400;
            case UNAUTHENTICATED:
                return 401;
            case PERMISSION_DENIED:
                return 403;
            case NOT_FOUND:
                return 404;
            case FAILED_PRECONDITION:
            case ALREADY_EXISTS:
                return 409;
            case RESOURCE_EXHAUSTED:
                return 429;
            case UNAVAILABLE:
                return 503;
            default:
                throw new IllegalArgumentException("unmapped error kind " + kind);
        }
    }
}
