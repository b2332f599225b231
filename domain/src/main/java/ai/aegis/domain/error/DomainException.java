package ai.aegis.domain.error;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one family of failures the domain and the use cases raise. Each failure carries an
 * {@link ErrorKind} (what class of failure it is, for adapters to map), a short stable
 * {@code code} (for audit records, metrics and clients), and a message a person can act on.
 *
 * <p>Invariant: the message never contains a credential or any other secret; callers build it
 * from validated, non-secret values only.
 */
public abstract sealed class DomainException extends RuntimeException
        permits InvalidInputException, UnauthenticatedException, AccessDeniedException,
        NotFoundException, PreconditionFailedException, AlreadyExistsException,
        LimitExceededException, UnavailableException {

    private static final long serialVersionUID = 1L;
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");

    private final ErrorKind kind;
    private final String code;

    protected DomainException(ErrorKind kind, String code, String message) {
        this(kind, code, message, null);
    }

    protected DomainException(ErrorKind kind, String code, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("error code must be dotted lower_snake_case: " + code);
        }
        this.code = code;
    }

    /** The class of failure; adapters map it to their status vocabulary. */
    public ErrorKind kind() {
        return kind;
    }

    /** A short stable reason code such as {@code tier.unknown} or {@code ceiling.tools}. */
    public String code() {
        return code;
    }
}
