package ai.aegis.application.memory;

import ai.aegis.application.port.out.VolumeIdGeneratorPort;
import ai.aegis.domain.volume.VolumeId;
import java.util.concurrent.atomic.AtomicLong;

/** Sequential, predictable volume ids ({@code vol-00000001}, ...) for tests. Thread-safe. */
public final class InMemoryVolumeIdGeneratorAdapter implements VolumeIdGeneratorPort {

    private final AtomicLong next = new AtomicLong();

    @Override
    public VolumeId newVolumeId() {
        return VolumeId.of(String.format("vol-%08d", next.incrementAndGet()));
    }
}
