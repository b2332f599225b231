package ai.aegis.application.port.in;

/** The service's version, uptime and registered nodes; every operator role may read. */
public interface GetSystemInfoUseCase {

    SystemInfo info(GetSystemInfoQuery query);
}
