package ai.aegis.domain.error;

/** The request would duplicate something that must be unique (for example a second active root). */
public final class AlreadyExistsException extends DomainException {

    private static final long serialVersionUID = 1L;

    public AlreadyExistsException(String code, String message) {
        super(ErrorKind.ALREADY_EXISTS, code, message);
    }

    public AlreadyExistsException(String code, String message, Throwable cause) {
        super(ErrorKind.ALREADY_EXISTS, code, message, cause);
    }
}
