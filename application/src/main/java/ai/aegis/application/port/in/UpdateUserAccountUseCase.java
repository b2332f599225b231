package ai.aegis.application.port.in;

/** Changes a user's tier override, BYOK flag, suspension or limit overrides; administrators only, audited. */
public interface UpdateUserAccountUseCase {

    UserAccountDetails update(UpdateUserAccountCommand command);
}
