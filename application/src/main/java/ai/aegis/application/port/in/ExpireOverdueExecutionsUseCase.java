package ai.aegis.application.port.in;

import ai.aegis.domain.execution.Execution;
import java.util.List;

/**
 * The service's own deadline enforcement: every active execution whose deadline has come becomes
 * Timed out, with the same cascade, SEAL revocation and events as any other end. Runs on a
 * schedule and at start-up (picking up what an instance that died left running); safe to run on
 * several instances at once.
 */
public interface ExpireOverdueExecutionsUseCase {

    /** Answers every execution it changed. */
    List<Execution> expire(ExpireOverdueExecutionsCommand command);
}
