package ai.aegis.application.port.in;

import ai.aegis.domain.volume.Volume;
import java.util.List;

/** {@code aegis.volume.list}: the volumes of the caller's own tenant, by name, with their usage. */
public interface ListVolumesUseCase {

    List<Volume> list(ListVolumesQuery query);
}
