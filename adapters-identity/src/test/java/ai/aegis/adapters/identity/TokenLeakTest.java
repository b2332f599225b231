package ai.aegis.adapters.identity;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.port.out.VerifiedCredential;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.identity.MyzaruJWT;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Runs valid and invalid tokens through the verifier with every logger at TRACE and looks for leaks. */
class TokenLeakTest {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level previousLevel;
    private JwksTestServer server;

    @BeforeEach
    void setUp() {
        previousLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        appender.start();
        root.addAppender(appender);
        server = new JwksTestServer();
        server.publish(List.of(TestKeys.RSA, TestKeys.EC, TestKeys.ED));
    }

    @AfterEach
    void tearDown() {
        root.detachAppender(appender);
        root.setLevel(previousLevel);
        server.close();
    }

    @Test
    void verify_validAndInvalidTokens_noTokenOrSignatureInLogsMessagesOrToString() {
        JwtCredentialVerifier verifier = JwtCredentialVerifier.builder()
                .realm(TrustedRealm.remote(RealmKind.ZARU_CONSUMER, JwtCredentialVerifierTest.CONSUMER_ISS, server.url(),
                        "aegis", JwtCredentialVerifierTest.TEST_SETTINGS))
                .realm(TrustedRealm.remote(RealmKind.AEGIS_SYSTEM, JwtCredentialVerifierTest.OPERATOR_ISS, server.url(),
                        "aegis", JwtCredentialVerifierTest.TEST_SETTINGS))
                .clock(Clock.systemUTC()).build();
        Instant now = Instant.now();
        JWTClaimsSet good = new JWTClaimsSet.Builder().issuer(JwtCredentialVerifierTest.CONSUMER_ISS).audience("aegis")
                .subject("user-1").claim("zaru_tier", "Pro").claim("tenant_id", JwtCredentialVerifierTest.TENANT.value())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).build();
        JWTClaimsSet expired = new JWTClaimsSet.Builder(good).expirationTime(Date.from(now.minusSeconds(3600))).build();
        JWTClaimsSet noTier = new JWTClaimsSet.Builder(good).claim("zaru_tier", "Gold").build();
        List<String> tokens = List.of(
                TestKeys.sign(TestKeys.RSA, good),
                TestKeys.sign(TestKeys.ED, good),
                TestKeys.sign(TestKeys.rsa("rsa-1"), good),
                TestKeys.sign(TestKeys.rsa("unknown"), good),
                TestKeys.sign(TestKeys.EC, expired),
                TestKeys.sign(TestKeys.RSA, noTier),
                TestKeys.sign(TestKeys.RSA, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                        .jwkURL(java.net.URI.create("https://attacker.invalid/k")).build(), good),
                TestKeys.unsigned(good));
        List<String> surfaced = new ArrayList<>();

        for (String raw : tokens) {
            MyzaruJWT token = MyzaruJWT.of(raw);
            surfaced.add(token.toString());
            for (int attempt = 0; attempt < 2; attempt++) {
                try {
                    VerifiedCredential verified = verifier.verify(token);
                    surfaced.add(verified.toString());
                } catch (DomainException e) {
                    surfaced.add(e.toString());
                    surfaced.add(String.valueOf(e.getCause()));
                }
            }
        }
        for (ILoggingEvent event : appender.list) {
            surfaced.add(event.getFormattedMessage());
            surfaced.add(String.valueOf(event.getArgumentArray() == null ? "" : List.of(event.getArgumentArray())));
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                surfaced.add(t.getMessage());
                for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                    surfaced.add(frame.getSTEAsString());
                }
            }
        }

        assertThat(appender.list).as("the refusals are logged (by code)").isNotEmpty();
        for (String raw : tokens) {
            String[] parts = raw.split("\\.");
            for (String text : surfaced) {
                assertThat(text).doesNotContain(raw).doesNotContain(parts[2]).doesNotContain(parts[1]);
            }
        }
    }
}
