package ai.aegis.bootstrap;

import ai.aegis.adapters.persistence.SecretCipher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key that seals stored secrets (the model API keys users bring): {@value #SETTING}, 32 bytes in
 * base64 — the same on every instance that shares a database — or, when unset, a key generated once
 * into the data directory ({@code keys/secrets.key}, 0600), which suits one instance.
 */
final class SecretsKey {

    static final String SETTING = "AEGIS_SECRETS_KEY";

    private static final Logger LOG = LoggerFactory.getLogger(SecretsKey.class);

    private SecretsKey() {
    }

    static SecretCipher load(Map<String, String> env, DataDirectory data) {
        String configured = env.get(SETTING);
        if (configured != null && !configured.isBlank()) {
            return SecretCipher.of(decode(configured.strip()));
        }
        Path file = data.keys().resolve("secrets.key");
        try {
            Files.createDirectories(data.keys());
            if (!Files.exists(file)) {
                byte[] key = new byte[SecretCipher.KEY_BYTES];
                new SecureRandom().nextBytes(key);
                createPrivate(file, Base64.getEncoder().encodeToString(key));
                LOG.info("generated a secrets key in the data directory; set {} (the same on every instance) when"
                        + " several instances share one database", SETTING);
            }
            return SecretCipher.of(decode(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IOException e) {
            throw new StartupException("cannot read or create the secrets key in " + data.keys() + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private static void createPrivate(Path file, String content) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
            return;
        }
        Files.writeString(file, content, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static byte[] decode(String text) {
        byte[] key;
        try {
            key = text.contains("-") || text.contains("_") ? Base64.getUrlDecoder().decode(text)
                    : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new StartupException(SETTING + " is not base64; generate one with: openssl rand -base64 32");
        }
        if (key.length != SecretCipher.KEY_BYTES) {
            throw new StartupException(SETTING + " must be " + SecretCipher.KEY_BYTES + " bytes in base64 (it has "
                    + key.length + "); generate one with: openssl rand -base64 32");
        }
        return key;
    }
}
