package ai.aegis.bootstrap;

import ai.aegis.adapters.persistence.AuditLogPersistenceAdapter;
import ai.aegis.adapters.persistence.PostgresPersistence;
import ai.aegis.domain.identity.TenantId;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code aegis audit …}: operator commands over the audit trail. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Inspect the audit trail.",
        subcommands = AuditCommand.Verify.class)
final class AuditCommand {

    /**
     * {@code aegis audit verify}: recomputes every tenant's hash chain and exits 1 naming the first
     * broken row, so a removed or edited audit row cannot go unnoticed. A chain that audit retention
     * shortened is checked from its retention mark: the first kept row must link to the hash of the
     * last removed one.
     */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check every tenant's audit hash chain; exit 1 and name the first broken row if one is broken.")
    static final class Verify implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Mixin
        private DatabaseOptions databaseOptions;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Database database = databaseOptions.open();
                 PostgresPersistence persistence = Migrations.open(database)) {
                AuditLogPersistenceAdapter audit = new AuditLogPersistenceAdapter(persistence.jdbi());
                int tenants = 0;
                int trimmed = 0;
                for (TenantId tenant : audit.tenants()) {
                    tenants++;
                    if (audit.retainedAfter(tenant).isPresent()) {
                        trimmed++;
                    }
                    Optional<Long> broken = audit.firstBrokenLink(tenant);
                    if (broken.isPresent()) {
                        out.printf("BROKEN: tenant %s, audit row %d does not match its hash chain "
                                + "(edited, removed or inserted out of order)%n", tenant, broken.get());
                        return 1;
                    }
                }
                out.printf("ok: %d tenant chain(s) intact in %s%n", tenants, database.description());
                if (trimmed > 0) {
                    out.printf("%d chain(s) start after a retention mark: their oldest rows were removed by audit "
                            + "retention and the first kept row links to the last removed one%n", trimmed);
                }
                return 0;
            }
        }
    }
}
