package ai.aegis.adapters.persistence;

import ai.aegis.application.port.out.SealPublicKeyDirectoryPort;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The SEAL public-key directory in PostgreSQL, shared by every instance. Keys belong to no tenant,
 * so every statement is a declared bypass ({@code "seal key directory"}).
 */
public final class SealPublicKeyPersistenceAdapter implements SealPublicKeyDirectoryPort {

    private final TenantTransactions transactions;

    public SealPublicKeyPersistenceAdapter(Jdbi jdbi) {
        this.transactions = new TenantTransactions(Objects.requireNonNull(jdbi, "jdbi"));
    }

    @Override
    public void publish(String keyId, String publicJwkJson, Instant validUntil) {
        transactions.acrossTenants("seal key directory", handle -> handle.createUpdate("""
                        INSERT INTO seal_public_key (key_id, public_jwk, valid_until) VALUES (:kid, :jwk, :until)
                        ON CONFLICT (key_id) DO UPDATE SET valid_until = GREATEST(seal_public_key.valid_until, EXCLUDED.valid_until)""")
                .bind("kid", keyId)
                .bind("jwk", publicJwkJson)
                .bind("until", OffsetDateTime.ofInstant(validUntil, ZoneOffset.UTC))
                .execute());
    }

    @Override
    public Optional<String> find(String keyId, Instant now) {
        return transactions.acrossTenants("seal key directory", handle -> handle.createQuery(
                        "SELECT public_jwk FROM seal_public_key WHERE key_id = :kid AND valid_until > :now")
                .bind("kid", keyId)
                .bind("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .mapTo(String.class)
                .findOne());
    }

    @Override
    public List<String> valid(Instant now) {
        return transactions.acrossTenants("seal key directory", handle -> handle.createQuery(
                        "SELECT public_jwk FROM seal_public_key WHERE valid_until > :now ORDER BY key_id")
                .bind("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .mapTo(String.class)
                .list());
    }
}
