package ai.aegis.bootstrap;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Where settings come from, in one place: command-line flags win over the environment, which wins
 * over the optional configuration file ({@code --config <file>} or {@value #FILE_SETTING}), which
 * wins over the defaults. The file is a properties file whose keys are the same {@code AEGIS_*}
 * names as the environment; a key that is not a known setting is refused with the nearest known
 * name, so a typo never silently falls back to a default. Secret values are never echoed.
 */
final class Configuration {

    /** The environment variable naming the configuration file (the {@code --config} flag wins). */
    static final String FILE_SETTING = "AEGIS_CONFIG_FILE";

    /** Every setting the service reads: the one list the file is checked against. */
    static final List<String> KNOWN = List.of(
            "AEGIS_HOST", "AEGIS_HTTP_PORT", "AEGIS_GRPC_PORT", "AEGIS_DATA_DIR", "AEGIS_LOCAL_NODE",
            "AEGIS_LOCAL_NODE_ID", "AEGIS_NODE_CAPACITY", "AEGIS_NODE_TOKEN", "AEGIS_NODE_LEASE_SECONDS",
            "AEGIS_GRPC_TLS_CERT", "AEGIS_GRPC_TLS_KEY", "AEGIS_GRPC_TLS_CLIENT_CA",
            "AEGIS_DATABASE_URL", "AEGIS_DATABASE_USER", "AEGIS_DATABASE_PASSWORD", "AEGIS_DATABASE_APP_ROLE",
            "AEGIS_PUBLIC_URL", "AEGIS_ALLOWED_ORIGINS",
            "AEGIS_ZARU_ISSUER", "AEGIS_ZARU_JWKS_URL", "AEGIS_ZARU_AUDIENCE",
            "AEGIS_OPERATOR_ISSUER", "AEGIS_OPERATOR_JWKS_URL", "AEGIS_OPERATOR_AUDIENCE",
            "AEGIS_MODEL_BASE_URL", "AEGIS_MODEL_NAME", "AEGIS_MODEL_API_KEY", "AEGIS_MODEL_TIMEOUT_SECONDS",
            "AEGIS_WEB_SEARCH_URL", "AEGIS_WEB_FETCH_MAX_BYTES", "AEGIS_WEB_FETCH_TIMEOUT_SECONDS",
            "AEGIS_SECRETS_KEY", "AEGIS_METRICS_TOKEN", "AEGIS_SHUTDOWN_GRACE_SECONDS",
            "AEGIS_LOG_LEVEL", "AEGIS_LOG_FORMAT", "AEGIS_JAVA_OPTS");

    /** Settings whose values are secrets: never shown, logged or put where other processes can read them. */
    static final Set<String> SECRETS = Set.of("AEGIS_DATABASE_PASSWORD", "AEGIS_MODEL_API_KEY", "AEGIS_NODE_TOKEN",
            "AEGIS_METRICS_TOKEN", "AEGIS_SECRETS_KEY");

    /**
     * Settings that command-line defaults and the logging configuration read by name; they are also
     * made system properties (never a secret among them), which those lookups consult first.
     */
    static final List<String> PUBLISHED = List.of("AEGIS_HOST", "AEGIS_HTTP_PORT", "AEGIS_GRPC_PORT", "AEGIS_DATA_DIR",
            "AEGIS_LOCAL_NODE", "AEGIS_LOG_LEVEL", "AEGIS_LOG_FORMAT");

    private Configuration() {
    }

    /**
     * The settings: {@code environment} over {@code file} (when given). Blank values count as unset.
     *
     * @throws StartupException naming the file and the problem: unreadable, or a key that is no setting
     */
    static Map<String, String> load(Map<String, String> environment, Optional<Path> file) {
        Map<String, String> merged = new TreeMap<>();
        if (file.isPresent()) {
            merged.putAll(read(file.get()));
        }
        environment.forEach((name, value) -> {
            if (name.startsWith("AEGIS_") && value != null && !value.isBlank()) {
                merged.put(name, value);
            }
        });
        validate(merged);
        return Map.copyOf(merged);
    }

    /** The configuration file named by {@code --config FILE} / {@code --config=FILE}, else by the environment. */
    static Optional<Path> fileOf(String[] args, Map<String, String> environment) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Optional.of(Path.of(args[i + 1]));
            }
            if (args[i].startsWith("--config=")) {
                return Optional.of(Path.of(args[i].substring("--config=".length())));
            }
        }
        String named = environment.get(FILE_SETTING);
        return named == null || named.isBlank() ? Optional.empty() : Optional.of(Path.of(named.strip()));
    }

    /** Makes the {@link #PUBLISHED} settings system properties, for command-line defaults and logging. */
    static void publish(Map<String, String> settings) {
        for (String name : PUBLISHED) {
            String value = settings.get(name);
            if (value != null) {
                System.setProperty(name, value);
            }
        }
    }

    private static Map<String, String> read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new StartupException("the configuration file " + file + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new StartupException("the configuration file " + file + " cannot be read: " + e.getClass().getSimpleName());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : new TreeMap<>(properties).keySet().stream().map(String::valueOf).toList()) {
            if (!KNOWN.contains(name)) {
                throw new StartupException("the configuration file " + file + " names an unknown setting " + name
                        + nearest(name).map(known -> "; did you mean " + known + "?").orElse("")
                        + " (every setting is listed in the README's configuration table)");
            }
            if (name.equals(FILE_SETTING)) {
                throw new StartupException("the configuration file " + file + " cannot name another configuration file");
            }
            String value = properties.getProperty(name).strip();
            if (!value.isEmpty()) {
                values.put(name, value);
            }
        }
        return values;
    }

    private static void validate(Map<String, String> settings) {
        String format = settings.get("AEGIS_LOG_FORMAT");
        if (format != null && !format.equals("text") && !format.equals("json")) {
            throw new StartupException("AEGIS_LOG_FORMAT must be text or json, not " + format);
        }
        String level = settings.get("AEGIS_LOG_LEVEL");
        if (level != null && !List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF").contains(level)) {
            throw new StartupException("AEGIS_LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF, not "
                    + level);
        }
    }

    /**
     * A warning for each {@code AEGIS_} name among {@code settings} that is no setting but a near miss
     * of one: a typo in the environment is otherwise ignored in silence (a misspelt database URL
     * leaves the service on its embedded database). The environment is shared with other tools, so
     * such a name is reported, not refused; a file's unknown keys are refused when it is read.
     */
    static List<String> nearMisses(Map<String, String> settings) {
        List<String> warnings = new java.util.ArrayList<>();
        for (String name : new TreeMap<>(settings).keySet()) {
            if (name.startsWith("AEGIS_") && !KNOWN.contains(name) && !name.equals(FILE_SETTING)) {
                nearest(name).ifPresent(meant -> warnings.add("the environment variable " + name
                        + " is no setting and is ignored; did you mean " + meant + "?"));
            }
        }
        return warnings;
    }

    /** The known setting closest to {@code name} by edit distance, when it is close enough to be a typo. */
    static Optional<String> nearest(String name) {
        return KNOWN.stream().min(Comparator.comparingInt(known -> distance(known, name)))
                .filter(known -> distance(known, name) <= Math.max(2, name.length() / 4));
    }

    private static int distance(String a, String b) {
        return LevenshteinDistance.getDefaultInstance().apply(a, b);
    }
}
