package ai.aegis.application.service;

import ai.aegis.application.port.in.GetSystemInfoQuery;
import ai.aegis.application.port.in.GetSystemInfoUseCase;
import ai.aegis.application.port.in.SystemInfo;
import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.NodeRegistryPort;
import ai.aegis.domain.identity.AegisRole;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What operators learn about the running service ({@code aegis.system.info}): version, when this
 * instance started, and the registered nodes. Every operator role may read; consumers are refused;
 * every call is audited.
 */
public final class SystemAdministrationService implements GetSystemInfoUseCase {

    private final String version;
    private final Instant startedAt;
    private final NodeRegistryPort nodes;
    private final ClockPort clock;
    private final Auditor auditor;

    /** {@code startedAt} is read from {@code clock} now: construct it when the instance starts. */
    public SystemAdministrationService(String version, NodeRegistryPort nodes, AuditLogPort auditLog, ClockPort clock) {
        this.version = Objects.requireNonNull(version, "version");
        this.nodes = Objects.requireNonNull(nodes, "nodes");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = new Auditor(Objects.requireNonNull(auditLog, "auditLog"), clock);
        this.startedAt = clock.now();
    }

    @Override
    public SystemInfo info(GetSystemInfoQuery query) {
        return auditor.run(query.identity(), "operator.system.info", Optional.empty(), () -> {
            AccountAdministrationService.requireRole(query.identity(), AegisRole.READONLY, "reading system information");
            return new SystemInfo(version, startedAt, clock.now(), nodes.list());
        });
    }
}
