package ai.aegis.application.port.in;

import ai.aegis.domain.security.ToolDescriptor;
import java.util.List;

/** The tools a caller may see and call ({@code tools/list}): tier or role context ∩ mode ∩ role gate. */
public interface ResolveVisibleToolsUseCase {

    /** The visible tools in catalog order. */
    List<ToolDescriptor> resolve(ResolveVisibleToolsQuery query);
}
