package ai.aegis.adapters.persistence;

import java.util.Objects;

/**
 * How to reach PostgreSQL: a {@code jdbc:postgresql://} URL, credentials, the pool size, and the
 * role the service's sessions switch to after connecting ({@code appRole}, null for none) so that
 * row-level security applies even when the configured user is a superuser. The password never
 * appears in {@link #toString()}.
 */
public record JdbcSettings(String url, String user, String password, int maxPoolSize, String appRole) {

    public JdbcSettings {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("a PostgreSQL JDBC URL must start with jdbc:postgresql://");
        }
        if (appRole != null && !appRole.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("appRole must be a plain lower-case PostgreSQL role name");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1, not " + maxPoolSize);
        }
    }

    public static JdbcSettings of(String url, String user, String password) {
        return new JdbcSettings(url, user, password, 10, null);
    }

    /** The same database, with sessions switching to {@code role} after connecting. */
    public JdbcSettings withAppRole(String role) {
        return new JdbcSettings(url, user, password, maxPoolSize, role);
    }

    /** The URL without its query string, which may carry credentials: safe for logs and errors. */
    public String safeUrl() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    @Override
    public String toString() {
        return "JdbcSettings[url=" + safeUrl() + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                + ", maxPoolSize=" + maxPoolSize + ", appRole=" + appRole + "]";
    }
}
