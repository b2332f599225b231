package ai.aegis.adapters.persistence;

import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.ResultIterator;

/**
 * The audit trail in PostgreSQL: append-only (the table refuses updates), one hash chain per tenant
 * so that a removed or edited row is detectable. Appends of one tenant are serialised by a
 * transaction-scoped advisory lock, which keeps the chain linear across instances.
 *
 * <p>Retention ({@link AuditRetentionPersistenceAdapter}) removes a tenant's oldest rows and leaves a
 * mark ({@code audit_retention_mark}): the chain then starts after the mark's last removed row, whose
 * hash the first kept row must carry as its previous hash.
 */
public final class AuditLogPersistenceAdapter implements AuditLogPort {

    private static final byte[] GENESIS = new byte[32];

    private final TenantTransactions transactions;

    public AuditLogPersistenceAdapter(Jdbi jdbi) {
        this.transactions = new TenantTransactions(Objects.requireNonNull(jdbi, "jdbi"));
    }

    @Override
    public void record(AuditRecord record) {
        transactions.inTenant(record.tenantId(), handle -> {
            append(handle, record);
            return null;
        });
    }

    /**
     * One PostgreSQL transaction around the change and its record. Every adapter built on the same
     * {@link Jdbi} joins it: Jdbi hands nested calls on this thread the same handle, and a
     * transaction already open is used instead of a new one, so the change's statements and the
     * audit row commit or roll back together.
     */
    @Override
    public <T> T recordAtomically(Supplier<T> change, Function<T, AuditRecord> recordOf) {
        return transactions.atomically(handle -> {
            T result = change.get();
            AuditRecord record = recordOf.apply(result);
            transactions.inTenant(record.tenantId(), tenantHandle -> {
                append(tenantHandle, record);
                return null;
            });
            return result;
        });
    }

    /** Appends within the caller's transaction, so a change and its audit row commit together. */
    static void append(Handle handle, AuditRecord given) {
        // PostgreSQL keeps microseconds (rounding the rest): hash exactly what is stored.
        AuditRecord record = new AuditRecord(given.actorSubject(), given.actorKind(), given.tenantId(), given.action(),
                given.target(), given.decision(), given.reasonCode(), given.at().truncatedTo(ChronoUnit.MICROS));
        String tenant = record.tenantId().value();
        lockChain(handle, record.tenantId());
        Optional<Chain> last = handle.createQuery(
                        "SELECT seq, hash FROM audit_log WHERE tenant_id = :tenant ORDER BY seq DESC LIMIT 1")
                .bind("tenant", tenant)
                .map((rs, ctx) -> new Chain(rs.getLong("seq"), rs.getBytes("hash")))
                .findOne();
        if (last.isEmpty()) {
            // Retention may have removed every row: the chain goes on from its mark, never restarts.
            last = retentionMark(handle, record.tenantId());
        }
        long seq = last.map(chain -> chain.seq() + 1).orElse(1L);
        byte[] previous = last.map(Chain::hash).orElse(GENESIS);
        OffsetDateTime at = OffsetDateTime.ofInstant(record.at(), ZoneOffset.UTC);
        handle.createUpdate("""
                        INSERT INTO audit_log (tenant_id, seq, occurred_at, actor_kind, actor_subject, action, decision,
                                               reason_code, detail, prev_hash, hash)
                        VALUES (:tenant, :seq, :at, :actorKind, :actor, :action, :decision, :reason,
                                jsonb_build_object('target', CAST(:target AS TEXT)), :prev, :hash)""")
                .bind("tenant", tenant)
                .bind("seq", seq)
                .bind("at", at)
                .bind("actorKind", record.actorKind().name().toLowerCase(Locale.ROOT))
                .bind("actor", record.actorSubject())
                .bind("action", record.action())
                .bind("decision", record.decision().name().toLowerCase(Locale.ROOT))
                .bind("reason", record.reasonCode())
                .bind("target", record.target().orElse(null))
                .bind("prev", previous)
                .bind("hash", hash(previous, seq, record))
                .execute();
    }

    /**
     * SHA-256 over the previous hash and the row's fields, each length-prefixed so that no two
     * different rows share an encoding.
     */
    static byte[] hash(byte[] previous, long seq, AuditRecord record) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(previous);
            for (String field : List.of(record.tenantId().value(), Long.toString(seq),
                    Long.toString(record.at().getEpochSecond()), Integer.toString(record.at().getNano() / 1000),
                    record.actorKind().name(), record.actorSubject(), record.action(), record.decision().name(),
                    record.reasonCode(), record.target().orElse(""))) {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) ':');
                digest.update(bytes);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    private static final String COLUMNS = "seq, hash, actor_subject, actor_kind, tenant_id, action,"
            + " detail ->> 'target' AS target, decision, reason_code, occurred_at";

    @Override
    public List<AuditRecord> listByTenant(TenantId tenantId, int limit) {
        return transactions.inTenant(tenantId, handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM audit_log WHERE tenant_id = :tenant ORDER BY seq DESC LIMIT :limit")
                .bind("tenant", tenantId.value())
                .bind("limit", Math.max(0, limit))
                .map((rs, ctx) -> toStoredRow(rs).record())
                .list());
    }

    /**
     * Walks a tenant's chain from its start (the first row, or the row after its retention mark,
     * linked to the mark's anchor hash) and answers the first sequence number that is missing or
     * whose stored hash does not match its recomputation, or empty when the whole chain is intact.
     */
    public Optional<Long> firstBrokenLink(TenantId tenantId) {
        return transactions.inTenant(tenantId, handle -> firstBrokenLink(handle, tenantId, Long.MAX_VALUE));
    }

    /** {@link #firstBrokenLink(TenantId)} over the rows up to {@code throughSeq}, in the caller's transaction. */
    static Optional<Long> firstBrokenLink(Handle handle, TenantId tenantId, long throughSeq) {
        Optional<Chain> mark = retentionMark(handle, tenantId);
        byte[] previous = mark.map(Chain::hash).orElse(GENESIS);
        long expectedSeq = mark.map(chain -> chain.seq() + 1).orElse(1L);
        try (ResultIterator<StoredRow> rows = handle.createQuery(
                        "SELECT " + COLUMNS + " FROM audit_log WHERE tenant_id = :tenant AND seq <= :through ORDER BY seq")
                .bind("tenant", tenantId.value())
                .bind("through", throughSeq)
                .map((rs, ctx) -> toStoredRow(rs))
                .iterator()) {
            while (rows.hasNext()) {
                StoredRow row = rows.next();
                if (row.seq() != expectedSeq
                        || !MessageDigest.isEqual(hash(previous, expectedSeq, row.record()), row.hash())) {
                    return Optional.of(Math.min(row.seq(), expectedSeq));
                }
                previous = row.hash();
                expectedSeq++;
            }
        }
        return Optional.empty();
    }

    /**
     * Where {@code tenantId}'s chain starts after retention: the last removed row's sequence number
     * and hash; empty when retention never removed any of its rows.
     */
    public Optional<Long> retainedAfter(TenantId tenantId) {
        return transactions.inTenant(tenantId, handle -> retentionMark(handle, tenantId).map(Chain::seq));
    }

    private static Optional<Chain> retentionMark(Handle handle, TenantId tenantId) {
        return handle.createQuery("SELECT through_seq, anchor_hash FROM audit_retention_mark WHERE tenant_id = :tenant")
                .bind("tenant", tenantId.value())
                .map((rs, ctx) -> new Chain(rs.getLong("through_seq"), rs.getBytes("anchor_hash")))
                .findOne();
    }

    /** Serialises every change to one tenant's chain (appends and retention) across instances. */
    static void lockChain(Handle handle, TenantId tenantId) {
        handle.createUpdate("SELECT pg_advisory_xact_lock(hashtextextended(:tenant, 7))")
                .bind("tenant", tenantId.value()).execute();
    }

    /** Every tenant that has audit rows, or had before retention removed them, in name order. */
    public List<TenantId> tenants() {
        return transactions.acrossTenants("audit verification and retention", handle -> handle.createQuery(
                        "SELECT tenant_id FROM audit_log UNION SELECT tenant_id FROM audit_retention_mark ORDER BY 1")
                .map((rs, ctx) -> TenantId.of(rs.getString(1)))
                .list());
    }

    private static StoredRow toStoredRow(ResultSet rs) throws SQLException {
        AuditRecord record = new AuditRecord(rs.getString("actor_subject"),
                IdentityKind.valueOf(rs.getString("actor_kind").toUpperCase(Locale.ROOT)),
                TenantId.of(rs.getString("tenant_id")), rs.getString("action"),
                Optional.ofNullable(rs.getString("target")),
                AuditDecision.valueOf(rs.getString("decision").toUpperCase(Locale.ROOT)),
                rs.getString("reason_code"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant());
        return new StoredRow(rs.getLong("seq"), rs.getBytes("hash"), record);
    }

    private record StoredRow(long seq, byte[] hash, AuditRecord record) {
    }

    private record Chain(long seq, byte[] hash) {
    }
}
