package ai.aegis.adapters.persistence;

import ai.aegis.application.port.out.ModelApiKey;
import ai.aegis.application.port.out.UserModelKeyPort;
import ai.aegis.domain.error.UnavailableException;
import ai.aegis.domain.identity.TenantId;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import org.jdbi.v3.core.Jdbi;

/**
 * The users' own model keys in PostgreSQL ({@code user_model_key}), sealed by a {@link SecretCipher}
 * with the tenant and user as associated data: the database holds ciphertext only, and a row moved
 * to another user or tenant does not decrypt. Every statement runs in {@link TenantTransactions#inTenant}.
 */
public final class UserModelKeyPersistenceAdapter implements UserModelKeyPort {

    private final TenantTransactions transactions;
    private final SecretCipher cipher;

    public UserModelKeyPersistenceAdapter(Jdbi jdbi, SecretCipher cipher) {
        this.transactions = new TenantTransactions(Objects.requireNonNull(jdbi, "jdbi"));
        this.cipher = Objects.requireNonNull(cipher, "cipher");
    }

    @Override
    public void save(TenantId tenant, String subject, ModelApiKey key) {
        Objects.requireNonNull(key, "key");
        SecretCipher.Sealed sealed = cipher.seal(key.reveal(), boundTo(tenant, subject));
        transactions.inTenant(tenant, handle -> handle.createUpdate("""
                        INSERT INTO user_model_key (tenant_id, subject, key_id, nonce, ciphertext)
                        VALUES (:tenant, :subject, :keyId, :nonce, :ciphertext)
                        ON CONFLICT (tenant_id, subject) DO UPDATE
                            SET key_id = EXCLUDED.key_id, nonce = EXCLUDED.nonce,
                                ciphertext = EXCLUDED.ciphertext, updated_at = now()""")
                .bind("tenant", tenant.value())
                .bind("subject", subject)
                .bind("keyId", cipher.keyId())
                .bind("nonce", sealed.nonce())
                .bind("ciphertext", sealed.ciphertext())
                .execute());
    }

    @Override
    public boolean remove(TenantId tenant, String subject) {
        Objects.requireNonNull(subject, "subject");
        return transactions.inTenant(tenant, handle -> handle.createUpdate(
                        "DELETE FROM user_model_key WHERE tenant_id = :tenant AND subject = :subject")
                .bind("tenant", tenant.value())
                .bind("subject", subject)
                .execute()) == 1;
    }

    @Override
    public Optional<ModelApiKey> find(TenantId tenant, String subject) {
        Objects.requireNonNull(subject, "subject");
        Optional<StoredKey> stored = transactions.inTenant(tenant, handle -> handle.createQuery("""
                        SELECT key_id, nonce, ciphertext FROM user_model_key
                        WHERE tenant_id = :tenant AND subject = :subject""")
                .bind("tenant", tenant.value())
                .bind("subject", subject)
                .map((rs, ctx) -> new StoredKey(rs.getString("key_id"),
                        new SecretCipher.Sealed(rs.getBytes("nonce"), rs.getBytes("ciphertext"))))
                .findOne());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        if (!stored.get().keyId().equals(cipher.keyId())) {
            throw unreadable("it was stored under another secrets key (AEGIS_SECRETS_KEY changed); store it again");
        }
        try {
            return Optional.of(ModelApiKey.of(cipher.open(stored.get().sealed(), boundTo(tenant, subject))));
        } catch (AEADBadTagException e) {
            throw unreadable("it does not decrypt for this user; store it again");
        }
    }

    private static String boundTo(TenantId tenant, String subject) {
        return "user_model_key\n" + Objects.requireNonNull(tenant, "tenant").value() + "\n"
                + Objects.requireNonNull(subject, "subject");
    }

    private static UnavailableException unreadable(String why) {
        return new UnavailableException("model.byok_key_unreadable", "the user's own model API key cannot be read: "
                + why);
    }

    private record StoredKey(String keyId, SecretCipher.Sealed sealed) {
    }
}
