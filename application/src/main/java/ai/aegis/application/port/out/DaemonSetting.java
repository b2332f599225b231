package ai.aegis.application.port.out;

import java.util.Objects;

/**
 * One setting of the running daemon as administrators see it: its key, its current value (never a
 * secret: passwords, keys and tokens are not settings that can be read), whether it can be changed
 * while the daemon runs, and what it means.
 */
public record DaemonSetting(String key, String value, boolean changeable, String description) {

    public DaemonSetting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(description, "description");
    }
}
