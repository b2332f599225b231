package ai.aegis.application.service;

import ai.aegis.application.port.in.ConfigureSystemCommand;
import ai.aegis.application.port.in.ConfigureSystemUseCase;
import ai.aegis.application.port.in.GetSystemInfoQuery;
import ai.aegis.application.port.in.GetSystemInfoUseCase;
import ai.aegis.application.port.in.SystemInfo;
import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.DaemonSetting;
import ai.aegis.application.port.out.DaemonSettingsPort;
import ai.aegis.application.port.out.NodeRegistryPort;
import ai.aegis.domain.error.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What operators learn about the running service ({@code aegis.system.info}): version, when this
 * instance started, and the registered nodes — every operator role may read. And the daemon's
 * configuration ({@code aegis.system.config}): administrators only read it (secrets are never
 * settings) and change what may change while it runs. Consumers are refused; every call is audited
 * ({@code operator.system.info}, {@code operator.system.config} with the key as target).
 */
public final class SystemAdministrationService implements GetSystemInfoUseCase, ConfigureSystemUseCase {

    private final String version;
    private final Instant startedAt;
    private final NodeRegistryPort nodes;
    private final DaemonSettingsPort settings;
    private final ClockPort clock;
    private final Auditor auditor;

    /** {@code startedAt} is read from {@code clock} now: construct it when the instance starts. */
    public SystemAdministrationService(String version, NodeRegistryPort nodes, DaemonSettingsPort settings,
            AuditLogPort auditLog, ClockPort clock) {
        this.version = Objects.requireNonNull(version, "version");
        this.nodes = Objects.requireNonNull(nodes, "nodes");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = new Auditor(Objects.requireNonNull(auditLog, "auditLog"), clock);
        this.startedAt = clock.now();
    }

    @Override
    public SystemInfo info(GetSystemInfoQuery query) {
        return auditor.run(query.identity(), "operator.system.info", Optional.empty(), () -> {
            AccountAdministrationService.requireRole(query.identity(), "aegis.system.info", "reading system information");
            return new SystemInfo(version, startedAt, clock.now(), nodes.list());
        });
    }

    @Override
    public List<DaemonSetting> configure(ConfigureSystemCommand command) {
        return auditor.run(command.identity(), "operator.system.config", Optional.of(command.key()), () -> {
            AccountAdministrationService.requireRole(command.identity(), "aegis.system.config",
                    "reading or changing the daemon configuration");
            if (command.value().isPresent()) {
                return List.of(settings.change(command.key(), command.value().get()));
            }
            List<DaemonSetting> all = settings.settings();
            if (ConfigureSystemCommand.ALL.equals(command.key())) {
                return all;
            }
            return List.of(all.stream().filter(setting -> setting.key().equals(command.key())).findFirst()
                    .orElseThrow(() -> new NotFoundException("config.unknown_key", "there is no setting '"
                            + command.key() + "'; read them all with the key *")));
        });
    }
}
