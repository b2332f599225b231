package ai.aegis.application.port.out;

import ai.aegis.domain.audit.AuditPurge;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.identity.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Removal of old audit rows without losing the audit trail's tamper evidence. Rows leave a tenant's
 * chain only from its start: the removed run ends where the first row not older than the cutoff
 * begins (so a row written with a slightly late clock never leaves a gap), and the adapter keeps
 * where the chain now starts so that verification continues from there. Safe to run on several
 * instances at once: a tenant is purged by one of them at a time, and a second run with the same
 * cutoff removes nothing.
 */
public interface AuditRetentionPort {

    /** Every tenant that has, or had before retention, audit rows, in name order. */
    List<TenantId> tenants();

    /**
     * Removes the run of {@code tenant}'s oldest rows that all occurred before {@code cutoff} and, in
     * the same transaction, appends to the tenant's chain the record {@code report} builds from what
     * was removed. Nothing is removed or appended when no row is old enough.
     *
     * @throws PreconditionFailedException {@code audit.chain_broken} when a row about to be removed
     *     does not match the chain: nothing is removed, so the evidence stays for {@code aegis audit verify}
     */
    Optional<AuditPurge> purgeOlderThan(TenantId tenant, Instant cutoff, Function<AuditPurge, AuditRecord> report);
}
