package ai.aegis.application.port.in;

/** Pages through tenants; every operator role may read. */
public interface ListTenantAccountsUseCase {

    TenantAccountPage list(ListTenantAccountsQuery query);
}
