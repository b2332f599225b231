package ai.aegis.application.port.in;

import ai.aegis.domain.identity.MyzaruJWT;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to establish who is calling: the bearer credential, plus the identity headers the
 * Zaru client may send alongside it ({@code X-Zaru-User-ID}, {@code X-Zaru-Tier}). The headers are
 * claims to be checked against the token, never a source of identity.
 *
 * @param claimedUserId the {@code X-Zaru-User-ID} header value, or {@code null} when absent
 * @param claimedTier the {@code X-Zaru-Tier} header value, or {@code null} when absent
 */
public record AuthenticateCallerCommand(MyzaruJWT credential, String claimedUserId, String claimedTier) {

    public AuthenticateCallerCommand {
        Objects.requireNonNull(credential, "credential");
    }

    /** A command with the credential only (no identity headers sent). */
    public static AuthenticateCallerCommand of(MyzaruJWT credential) {
        return new AuthenticateCallerCommand(credential, null, null);
    }

    public Optional<String> userIdHeader() {
        return Optional.ofNullable(claimedUserId);
    }

    public Optional<String> tierHeader() {
        return Optional.ofNullable(claimedTier);
    }
}
