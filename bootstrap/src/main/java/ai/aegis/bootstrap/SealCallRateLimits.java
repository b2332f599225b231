package ai.aegis.bootstrap;

import ai.aegis.application.port.in.AdmitRateLimitedCallCommand;
import ai.aegis.application.port.in.AdmitRateLimitedCallUseCase;
import ai.aegis.application.port.out.SealRateLimitPort;
import ai.aegis.application.port.out.TenantAccountPort;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ai.aegis.domain.seal.SealToolCall;
import ai.aegis.domain.seal.SecurityToken;
import ai.aegis.domain.tenancy.TenantAccount;
import java.util.Objects;

/**
 * Holds an agent's tool calls through SEAL to the execution owner's tool-call rate limits, the same
 * counters their MCP calls use. The token names the owner and tenant; the tier is the tenant's
 * recorded plan (Free when none was recorded, the strictest). Overrides are per tenant and user,
 * so an operator's limit on {@code fs.*} for a user binds their agents too.
 */
final class SealCallRateLimits implements SealRateLimitPort {

    private final AdmitRateLimitedCallUseCase rateLimits;
    private final TenantAccountPort accounts;

    SealCallRateLimits(AdmitRateLimitedCallUseCase rateLimits, TenantAccountPort accounts) {
        this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
    }

    @Override
    public void consume(SecurityToken token, SealToolCall call) {
        rateLimits.admit(AdmitRateLimitedCallCommand.toolCall(owner(token), call.toolName()));
    }

    private Identity owner(SecurityToken token) {
        if (token.identityKind() == IdentityKind.OPERATOR) {
            // Rate limits depend on who and which tenant, not on the operator's role.
            return Identity.operator(token.subject(), AegisRole.READONLY);
        }
        ZaruTier plan = accounts.tenant(token.tenantId()).map(TenantAccount::plan).orElse(ZaruTier.FREE);
        return Identity.zaruUser(ZaruUserId.of(token.subject()), token.tenantId(), plan);
    }
}
