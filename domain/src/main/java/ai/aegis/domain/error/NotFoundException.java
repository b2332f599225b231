package ai.aegis.domain.error;

/** The named thing does not exist in the caller's tenant. */
public final class NotFoundException extends DomainException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String code, String message) {
        super(ErrorKind.NOT_FOUND, code, message);
    }

    public NotFoundException(String code, String message, Throwable cause) {
        super(ErrorKind.NOT_FOUND, code, message, cause);
    }
}
