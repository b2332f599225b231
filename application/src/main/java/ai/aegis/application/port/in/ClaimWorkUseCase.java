package ai.aegis.application.port.in;

import java.util.List;

/** Gives a registered, live node Pending executions it may run, under a lease; empty when there is none. */
public interface ClaimWorkUseCase {

    List<ClaimedWork> claim(ClaimWorkCommand command);
}
