package ai.aegis.application.port.in;

/** Suspends a tenant or changes its limit overrides; administrators only, audited. */
public interface UpdateTenantAccountUseCase {

    TenantAccountDetails update(UpdateTenantAccountCommand command);
}
