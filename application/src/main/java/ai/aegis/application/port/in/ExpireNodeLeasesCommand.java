package ai.aegis.application.port.in;

/** How many expired leases one sweep handles (1 to 10,000); the next sweep takes the rest. */
public record ExpireNodeLeasesCommand(int limit) {

    public ExpireNodeLeasesCommand {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("a lease sweep handles 1 to 10,000 leases, not " + limit);
        }
    }
}
