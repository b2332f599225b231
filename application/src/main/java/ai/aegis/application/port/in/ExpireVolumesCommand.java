package ai.aegis.application.port.in;

/** How many expired volumes one TTL sweep removes at most (1 to 10,000); the next sweep takes the rest. */
public record ExpireVolumesCommand(int limit) {

    public ExpireVolumesCommand {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("a sweep removes 1 to 10,000 volumes, not " + limit);
        }
    }
}
