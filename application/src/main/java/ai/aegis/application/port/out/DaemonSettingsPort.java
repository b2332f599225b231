package ai.aegis.application.port.out;

import java.util.List;

/**
 * The running daemon's configuration: what it was started with (read only, secrets never shown)
 * and the few settings that can change while it runs. A change applies to this instance at once
 * and is not persisted: a restart starts from the configured value again.
 */
public interface DaemonSettingsPort {

    /** Every setting, in key order. */
    List<DaemonSetting> settings();

    /**
     * Changes one setting and answers it as it now is.
     *
     * @throws ai.aegis.domain.error.NotFoundException {@code config.unknown_key} for a key that is not a setting
     * @throws ai.aegis.domain.error.PreconditionFailedException {@code config.read_only} for a setting fixed at start-up
     * @throws ai.aegis.domain.error.InvalidInputException {@code config.invalid_value} for a value the setting does not take
     */
    DaemonSetting change(String key, String value);
}
