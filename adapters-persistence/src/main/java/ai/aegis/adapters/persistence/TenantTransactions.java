package ai.aegis.adapters.persistence;

import ai.aegis.domain.identity.TenantId;
import java.util.Objects;
import ai.aegis.domain.error.UnavailableException;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * Every statement that touches tenant data runs in a transaction that names its tenant
 * ({@code aegis.tenant}), which the row-level security policies check in addition to the
 * {@code WHERE tenant_id = …} every query carries. Work that must cross tenants (a node's lookup of
 * an execution by id, operator administration) says so explicitly and gives a reason.
 */
public final class TenantTransactions {

    private final Jdbi jdbi;

    public TenantTransactions(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    /**
     * Runs {@code work} in one transaction scoped to {@code tenant}.
     *
     * @throws UnavailableException {@code storage.unavailable} when no connection can be had within
     *     the pool's timeout; nothing was written
     */
    public <R, X extends Exception> R inTenant(TenantId tenant, HandleCallback<R, X> work) throws X {
        Objects.requireNonNull(tenant, "tenant");
        try {
            return jdbi.inTransaction(handle -> {
                handle.createQuery("SELECT set_config('aegis.tenant', :tenant, true)").bind("tenant", tenant.value())
                        .mapTo(String.class).one();
                return work.withHandle(handle);
            });
        } catch (JdbiException e) {
            throw SqlStates.isConnectionLoss(e) ? unavailable(e) : e;
        }
    }

    /**
     * Runs {@code work} in one transaction allowed to see every tenant. {@code reason} names the
     * caller's purpose for reviewers; it is not a permission check — callers decide who may get here.
     */
    public <R, X extends Exception> R acrossTenants(String reason, HandleCallback<R, X> work) throws X {
        Objects.requireNonNull(reason, "reason");
        try {
            return jdbi.inTransaction(handle -> {
                handle.createQuery("SELECT set_config('aegis.bypass', 'on', true)").mapTo(String.class).one();
                return work.withHandle(handle);
            });
        } catch (JdbiException e) {
            throw SqlStates.isConnectionLoss(e) ? unavailable(e) : e;
        }
    }

    /**
     * Runs {@code work} in one transaction that names no tenant: the {@link #inTenant} and
     * {@link #acrossTenants} calls made inside it on this thread join it (each still sets its own
     * scope before its statements), so everything commits or rolls back at once.
     */
    public <R, X extends Exception> R atomically(HandleCallback<R, X> work) throws X {
        try {
            return jdbi.inTransaction(work);
        } catch (JdbiException e) {
            throw SqlStates.isConnectionLoss(e) ? unavailable(e) : e;
        }
    }

    private static UnavailableException unavailable(JdbiException e) {
        return new UnavailableException("storage.unavailable",
                "the database is not reachable right now; nothing was changed, try again shortly", e);
    }

    /** The handle's current tenant, for assertions in adapters that receive a handle. */
    static String currentTenant(Handle handle) {
        return handle.createQuery("SELECT current_setting('aegis.tenant', true)").mapTo(String.class).one();
    }
}
