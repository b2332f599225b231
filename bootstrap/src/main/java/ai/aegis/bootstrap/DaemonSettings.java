package ai.aegis.bootstrap;

import ai.aegis.application.port.out.DaemonSetting;
import ai.aegis.application.port.out.DaemonSettingsPort;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.PreconditionFailedException;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.LoggerFactory;

/**
 * {@code aegis serve}'s settings for {@code aegis.system.config}: what the instance was started with
 * (version, listen address and ports, data directory, database kind, public URL, browser origins),
 * read only, and the root log level, which administrators may change while it runs (this instance
 * only; a restart goes back to the configured level). Database credentials, token keys and other
 * secrets are not settings: they can never be read here.
 */
final class DaemonSettings implements DaemonSettingsPort {

    static final String LOG_LEVEL = "log.level";

    private final Map<String, DaemonSetting> fixed = new TreeMap<>();

    DaemonSettings(ServerSettings settings) {
        put("version", AegisVersion.current(), "the service version");
        put("listen.host", settings.host(), "the address HTTP and gRPC listen on");
        put("listen.http_port", Integer.toString(settings.httpPort()), "the configured HTTP (MCP) port (0: a free port picked at start)");
        put("listen.grpc_port", Integer.toString(settings.grpcPort()), "the configured gRPC port (0: a free port picked at start)");
        put("data.directory", settings.dataDirectory().toString(), "where local state lives");
        put("database", settings.databaseUrl() == null ? "embedded" : "external",
                "the PostgreSQL in use (credentials are never shown)");
        put("public.url", settings.publicUrl() == null ? "(derived from each request)" : settings.publicUrl(),
                "the base URL clients reach");
        put("mcp.allowed_origins", String.join(",", settings.allowedOrigins()), "browser origins allowed to call MCP");
    }

    private void put(String key, String value, String description) {
        fixed.put(key, new DaemonSetting(key, value, false, description));
    }

    @Override
    public List<DaemonSetting> settings() {
        Map<String, DaemonSetting> all = new TreeMap<>(fixed);
        all.put(LOG_LEVEL, logLevel());
        return new ArrayList<>(all.values());
    }

    @Override
    public DaemonSetting change(String key, String value) {
        if (fixed.containsKey(key)) {
            throw new PreconditionFailedException("config.read_only", key + " is fixed at start-up; change it in the "
                    + "environment or flags and restart");
        }
        if (!LOG_LEVEL.equals(key)) {
            throw new NotFoundException("config.unknown_key", "there is no setting '" + key + "'; read them all with "
                    + "the key *");
        }
        String level = value.trim().toUpperCase(Locale.ROOT);
        if (!List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR").contains(level)) {
            throw new InvalidInputException("config.invalid_value", "log.level takes TRACE, DEBUG, INFO, WARN or ERROR");
        }
        rootLogger().setLevel(Level.toLevel(level));
        return logLevel();
    }

    private static DaemonSetting logLevel() {
        Level level = rootLogger().getLevel();
        return new DaemonSetting(LOG_LEVEL, level == null ? "INFO" : level.toString(), true,
                "the root log level of this instance (TRACE, DEBUG, INFO, WARN, ERROR); not kept across restarts");
    }

    private static Logger rootLogger() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
