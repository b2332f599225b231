package ai.aegis.application.service;

import ai.aegis.application.port.in.AuthenticateExecutionCallerCommand;
import ai.aegis.application.port.in.AuthenticateExecutionCallerUseCase;
import ai.aegis.application.port.in.ExecutionCaller;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.ExecutionRepositoryPort;
import ai.aegis.application.port.out.LimitOverridesPort;
import ai.aegis.application.port.out.SealRevocationPort;
import ai.aegis.application.port.out.VerifySecurityTokenPort;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.UnauthenticatedException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.seal.SecurityToken;
import java.util.Objects;

/**
 * Execution-scoped calls from nodes: the SEAL token must verify, be unexpired and unrevoked, and be
 * bound to the very execution the call is about; the execution must exist in the token's tenant and
 * still be Running ({@link SealTokenRevocation}). The
 * identity acted as is the execution's owner, read from the stored record.
 */
public final class ExecutionCallerService implements AuthenticateExecutionCallerUseCase {

    private final VerifySecurityTokenPort tokens;
    private final SealRevocationPort revocations;
    private final ExecutionRepositoryPort executions;
    private final ClockPort clock;
    private final ExecutionActors actors;

    public ExecutionCallerService(VerifySecurityTokenPort tokens, SealRevocationPort revocations,
            ExecutionRepositoryPort executions, LimitOverridesPort overrides, ClockPort clock) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        this.executions = Objects.requireNonNull(executions, "executions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.actors = new ExecutionActors(executions, Objects.requireNonNull(overrides, "overrides"));
    }

    @Override
    public ExecutionCaller authenticate(AuthenticateExecutionCallerCommand command) {
        String compact = command.compactToken();
        if (compact == null || compact.isBlank()) {
            throw new UnauthenticatedException("seal.token_missing",
                    "calls about an execution carry its SEAL token in the 'aegis-seal-token' metadata");
        }
        SecurityToken token = tokens.verify(compact.trim());
        if (token.isExpiredAt(clock.now())) {
            throw new UnauthenticatedException("seal.token_expired",
                    "the SEAL token has expired; begin the execution again for a fresh token");
        }
        SealTokenRevocation.requireNotRevoked(revocations, token);
        ExecutionId target = command.target();
        if (token.execution().isEmpty() || !token.execution().get().equals(target.value()) || token.tenant().isEmpty()) {
            throw new AccessDeniedException("seal.token_other_execution",
                    "this SEAL token belongs to another execution; each execution's calls carry its own token");
        }
        Execution execution = executions.find(token.tenant().get(), target)
                .orElseThrow(() -> new NotFoundException("execution.not_found", "execution " + target + " was not found"));
        if (execution.status() != ExecutionStatus.RUNNING) {
            throw SealTokenRevocation.executionNotRunning(target.value());
        }
        return new ExecutionCaller(target, actors.ownerOf(execution), token);
    }
}
