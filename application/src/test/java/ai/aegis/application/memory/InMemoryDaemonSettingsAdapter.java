package ai.aegis.application.memory;

import ai.aegis.application.port.out.DaemonSetting;
import ai.aegis.application.port.out.DaemonSettingsPort;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.PreconditionFailedException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Daemon settings in a map: {@code version} fixed, {@code log.level} changeable to one of
 * TRACE, DEBUG, INFO, WARN, ERROR. Thread-safe.
 */
public final class InMemoryDaemonSettingsAdapter implements DaemonSettingsPort {

    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
    private final Map<String, DaemonSetting> settings = new TreeMap<>(Map.of(
            "version", new DaemonSetting("version", "test", false, "the service version"),
            "log.level", new DaemonSetting("log.level", "INFO", true, "the root log level")));

    @Override
    public synchronized List<DaemonSetting> settings() {
        return List.copyOf(settings.values());
    }

    @Override
    public synchronized DaemonSetting change(String key, String value) {
        DaemonSetting current = settings.get(key);
        if (current == null) {
            throw new NotFoundException("config.unknown_key", "there is no setting '" + key + "'");
        }
        if (!current.changeable()) {
            throw new PreconditionFailedException("config.read_only", key + " is fixed at start-up");
        }
        if (!LEVELS.contains(value)) {
            throw new InvalidInputException("config.invalid_value", "log.level takes one of " + LEVELS);
        }
        DaemonSetting changed = new DaemonSetting(key, value, true, current.description());
        settings.put(key, changed);
        return changed;
    }
}
