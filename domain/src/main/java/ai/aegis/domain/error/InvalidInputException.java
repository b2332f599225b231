package ai.aegis.domain.error;

/** The input is malformed; the message names the field and the problem. */
public final class InvalidInputException extends DomainException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String code, String message) {
        super(ErrorKind.INVALID_ARGUMENT, code, message);
    }

    public InvalidInputException(String code, String message, Throwable cause) {
        super(ErrorKind.INVALID_ARGUMENT, code, message, cause);
    }
}
