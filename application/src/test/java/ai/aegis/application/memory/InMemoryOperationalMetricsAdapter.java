package ai.aegis.application.memory;

import ai.aegis.application.port.out.OperationalMetricsPort;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** In-memory twin of the metrics out-port: keeps every report, in order, as one line of text. */
public final class InMemoryOperationalMetricsAdapter implements OperationalMetricsPort {

    private final List<String> reports = new CopyOnWriteArrayList<>();

    @Override
    public void requestEnded(String surface, String operation, String outcome, Duration took) {
        reports.add("request " + surface + " " + operation + " " + outcome);
    }

    @Override
    public void authenticationRefused(String surface, String reason) {
        reports.add("refused " + surface + " " + reason);
    }

    @Override
    public void limitRefused(String surface, String limit) {
        reports.add("limit " + surface + " " + limit);
    }

    @Override
    public void iterationEnded(String outcome, Duration took) {
        reports.add("iteration " + outcome);
    }

    /** Every report so far, e.g. {@code request mcp aegis.tools.list ok}. */
    public List<String> reports() {
        return List.copyOf(reports);
    }
}
