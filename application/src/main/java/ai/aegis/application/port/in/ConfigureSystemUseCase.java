package ai.aegis.application.port.in;

import ai.aegis.application.port.out.DaemonSetting;
import java.util.List;

/** Reads or changes daemon settings; administrators only, every call audited. */
public interface ConfigureSystemUseCase {

    /** The setting read or changed; every setting for {@link ConfigureSystemCommand#ALL}. */
    List<DaemonSetting> configure(ConfigureSystemCommand command);
}
