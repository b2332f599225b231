package ai.aegis.adapters.persistence;

import java.sql.SQLException;

/** Reads the SQLSTATE of a failed statement, the only reliable way to tell one database refusal from another. */
final class SqlStates {

    private SqlStates() {
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
