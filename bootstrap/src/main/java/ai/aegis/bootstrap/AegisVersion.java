package ai.aegis.bootstrap;

import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into the jar manifest; "development" when run from classes. */
final class AegisVersion implements IVersionProvider {

    static String current() {
        String version = AegisVersion.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"aegis " + current()};
    }
}
