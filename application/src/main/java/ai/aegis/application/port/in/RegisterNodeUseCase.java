package ai.aegis.application.port.in;

import ai.aegis.domain.node.Node;

/** Registers a node (again, after a restart: the registration is replaced, its leases stay until they expire). */
public interface RegisterNodeUseCase {

    Node register(RegisterNodeCommand command);
}
