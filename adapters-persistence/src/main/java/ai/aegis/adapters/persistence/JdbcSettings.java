package ai.aegis.adapters.persistence;

import java.util.Objects;

/**
 * How to reach PostgreSQL: a {@code jdbc:postgresql://} URL, credentials and the pool size. The
 * password never appears in {@link #toString()}.
 */
public record JdbcSettings(String url, String user, String password, int maxPoolSize) {

    public JdbcSettings {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("a PostgreSQL JDBC URL must start with jdbc:postgresql://");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1, not " + maxPoolSize);
        }
    }

    public static JdbcSettings of(String url, String user, String password) {
        return new JdbcSettings(url, user, password, 10);
    }

    /** The URL without its query string, which may carry credentials: safe for logs and errors. */
    public String safeUrl() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    @Override
    public String toString() {
        return "JdbcSettings[url=" + safeUrl() + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                + ", maxPoolSize=" + maxPoolSize + "]";
    }
}
