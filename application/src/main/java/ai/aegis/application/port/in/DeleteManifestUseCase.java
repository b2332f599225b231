package ai.aegis.application.port.in;

/** Operators (role operator or admin) remove agents and workflows; answers how many versions went. */
public interface DeleteManifestUseCase {

    int delete(DeleteManifestCommand command);
}
