package ai.aegis.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.memory.InMemoryAuditLogAdapter;
import ai.aegis.application.memory.InMemoryClockAdapter;
import ai.aegis.application.memory.InMemoryTenantAccountAdapter;
import ai.aegis.application.port.in.AuthenticateCallerCommand;
import ai.aegis.application.port.out.IssueSecurityTokenPort;
import ai.aegis.application.port.out.VerifiedCredential;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.MyzaruJWT;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ai.aegis.domain.seal.SignedSecurityToken;
import ai.aegis.domain.tenancy.TenantAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Authentication records consumers' verified tiers as their tenant's plan, without a write per request. */
class AuthenticationPlanRecordingTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final TenantId CONSUMER = TenantId.consumer(UUID.fromString("7d0c8a52-3a43-4c39-9a35-0f5e0c7b1a11"));

    private final InMemoryTenantAccountAdapter accounts = new InMemoryTenantAccountAdapter();
    private final InMemoryClockAdapter clock = new InMemoryClockAdapter(NOW);
    private final AtomicReference<Identity> caller = new AtomicReference<>();
    private final IssueSecurityTokenPort issuer =
            claims -> new SignedSecurityToken(claims.withTokenId("tok-" + "0".repeat(16)), "seal.compact.form");

    /** Reuse off, so every request goes the full way: the worst case for the hot path. */
    private final AuthenticationService service = new AuthenticationService(
            jwt -> new VerifiedCredential(caller.get(), NOW.plus(Duration.ofDays(1))), issuer,
            new InMemoryAuditLogAdapter(), clock, Duration.ofMinutes(5), Duration.ZERO, accounts);

    private void authenticate(Identity identity) {
        caller.set(identity);
        service.authenticate(AuthenticateCallerCommand.of(MyzaruJWT.of("aaa.bbb.ccc")));
    }

    private static Identity user(String name, TenantId tenant, ZaruTier tier) {
        return new Identity.ZaruUser(ZaruUserId.of(name), tenant, tier);
    }

    @Test
    void authenticate_sameTierManyTimes_recordedOnce() {
        for (int i = 0; i < 100; i++) {
            authenticate(user("alice", CONSUMER, ZaruTier.BUSINESS));
        }

        assertThat(accounts.planCalls()).isEqualTo(1);
        assertThat(accounts.tenant(CONSUMER)).contains(new TenantAccount(CONSUMER, ZaruTier.BUSINESS, NOW));
    }

    @Test
    void authenticate_consumerTierChanges_recordedAgain() {
        authenticate(user("alice", CONSUMER, ZaruTier.BUSINESS));
        clock.advance(Duration.ofSeconds(30));

        authenticate(user("alice", CONSUMER, ZaruTier.FREE));

        assertThat(accounts.planCalls()).isEqualTo(2);
        assertThat(accounts.tenant(CONSUMER).map(TenantAccount::plan)).contains(ZaruTier.FREE);
    }

    @Test
    void authenticate_twoTenantsInTurn_eachRecordedOnce() {
        TenantId other = TenantId.consumer(UUID.fromString("7d0c8a52-3a43-4c39-9a35-0f5e0c7b1a12"));
        for (int i = 0; i < 10; i++) {
            authenticate(user("alice", CONSUMER, ZaruTier.ENTERPRISE));
            authenticate(user("bob", other, ZaruTier.PRO));
        }

        assertThat(accounts.planCalls()).isEqualTo(2);
        assertThat(accounts.tenant(CONSUMER).map(TenantAccount::plan)).contains(ZaruTier.ENTERPRISE);
        assertThat(accounts.tenant(other).map(TenantAccount::plan)).contains(ZaruTier.PRO);
    }

    @Test
    void authenticate_afterRecheckInterval_asksTheStoreAgain() {
        authenticate(user("alice", CONSUMER, ZaruTier.PRO));
        clock.advance(PlanSightings.RECHECK_AFTER);

        authenticate(user("alice", CONSUMER, ZaruTier.PRO));

        assertThat(accounts.planCalls()).isEqualTo(2);
    }

    @Test
    void authenticate_operator_recordsNoPlan() {
        authenticate(new Identity.Operator("sre-1", AegisRole.ADMIN));

        assertThat(accounts.planCalls()).isZero();
    }
}
