package ai.aegis.application.port.in;

/** One tenant as an operator sees it; every operator role may read. */
public interface GetTenantAccountUseCase {

    TenantAccountDetails get(GetTenantAccountQuery query);
}
