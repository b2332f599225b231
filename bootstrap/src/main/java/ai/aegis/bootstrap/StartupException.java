package ai.aegis.bootstrap;

/**
 * A setting or environment problem that stops the service from starting. Its message names the
 * setting and what to do about it; it is shown to the operator as is.
 */
final class StartupException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    StartupException(String message) {
        super(message);
    }

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
