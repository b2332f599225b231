package ai.aegis.adapters.persistence;

import java.sql.SQLException;

/** Reads the SQLSTATE of a failed statement, the only reliable way to tell one database refusal from another. */
final class SqlStates {

    private SqlStates() {
    }

    /**
     * True when the failure means the database went away (no connection from the pool, a broken
     * connection, the server shutting down): SQLSTATE class 08 or 57P, or Jdbi's own connection
     * failure. Such failures become "storage unavailable", never a half-written change.
     */
    static boolean isConnectionLoss(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.jdbi.v3.core.ConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    static boolean is(Throwable failure, String sqlState) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sqlState.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
