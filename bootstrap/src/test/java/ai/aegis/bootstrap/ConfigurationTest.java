package ai.aegis.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationTest {

    @TempDir
    Path directory;

    private Path file(String content) throws IOException {
        return Files.writeString(directory.resolve("aegis.properties"), content);
    }

    @Test
    void load_fileOnly_itsValuesUsed() throws IOException {
        Map<String, String> settings = Configuration.load(Map.of(), Optional.of(file(
                "# the service\nAEGIS_HTTP_PORT=18080\nAEGIS_WEB_SEARCH_URL = http://searx.internal/search\n")));

        assertThat(settings).containsEntry("AEGIS_HTTP_PORT", "18080")
                .containsEntry("AEGIS_WEB_SEARCH_URL", "http://searx.internal/search");
    }

    @Test
    void load_environmentAndFile_environmentWins() throws IOException {
        Map<String, String> settings = Configuration.load(Map.of("AEGIS_HTTP_PORT", "9999", "PATH", "/usr/bin"),
                Optional.of(file("AEGIS_HTTP_PORT=18080\nAEGIS_GRPC_PORT=19090\n")));

        assertThat(settings).containsEntry("AEGIS_HTTP_PORT", "9999").containsEntry("AEGIS_GRPC_PORT", "19090")
                .doesNotContainKey("PATH");
    }

    @Test
    void load_unknownKeyInFile_refusedNamingItAndTheNearestSetting() throws IOException {
        Path file = file("AEGIS_HTTP_PROT=18080\n");

        assertThatThrownBy(() -> Configuration.load(Map.of(), Optional.of(file)))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("AEGIS_HTTP_PROT").hasMessageContaining("did you mean AEGIS_HTTP_PORT?");
    }

    @Test
    void nearMisses_environmentTypoOfASetting_warnedNamingItAndTheSettingNeverTheValue() {
        Map<String, String> settings = Configuration.load(Map.of("AEGIS_DATABSE_URL",
                "jdbc:postgresql://db/aegis?password=s3cret", "AEGIS_HTTP_PORT", "9999"), Optional.empty());

        assertThat(Configuration.nearMisses(settings)).singleElement().asString()
                .contains("AEGIS_DATABSE_URL is no setting and is ignored; did you mean AEGIS_DATABASE_URL?")
                .doesNotContain("s3cret");
    }

    @Test
    void nearMisses_settingsAndAegisNamesFarFromEverySetting_noWarning() {
        Map<String, String> settings = Configuration.load(Map.of("AEGIS_TOOLS_SOCKET", "/run/tools.sock",
                "AEGIS_KEYCLOAK_HOME", "/opt/keycloak", "AEGIS_HTTP_PORT", "9999", "AEGIS_CONFIG_FILE", "/etc/aegis.properties"),
                Optional.empty());

        assertThat(Configuration.nearMisses(settings)).isEmpty();
    }

    @Test
    void load_secretInFileAndAnUnknownKey_errorNeverEchoesTheSecret() throws IOException {
        Path file = file("AEGIS_MODEL_API_KEY=sk-very-secret-value\nAEGIS_MODEL_KEY=sk-another-secret\n");

        assertThatThrownBy(() -> Configuration.load(Map.of(), Optional.of(file)))
                .hasMessageContaining("AEGIS_MODEL_KEY")
                .hasMessageNotContaining("sk-very-secret-value").hasMessageNotContaining("sk-another-secret");
    }

    @Test
    void load_missingFile_refusedNamingIt() {
        Path missing = directory.resolve("nope.properties");

        assertThatThrownBy(() -> Configuration.load(Map.of(), Optional.of(missing)))
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
    }

    @Test
    void load_unknownLogFormat_refusedNamingTheSetting() {
        assertThatThrownBy(() -> Configuration.load(Map.of("AEGIS_LOG_FORMAT", "xml"), Optional.empty()))
                .hasMessageContaining("AEGIS_LOG_FORMAT must be text or json");
    }

    @Test
    void fileOf_flagOrEnvironment_flagWins() {
        assertThat(Configuration.fileOf(new String[] {"serve", "--config", "a.properties"},
                Map.of("AEGIS_CONFIG_FILE", "b.properties"))).contains(Path.of("a.properties"));
        assertThat(Configuration.fileOf(new String[] {"serve", "--config=c.properties"}, Map.of()))
                .contains(Path.of("c.properties"));
        assertThat(Configuration.fileOf(new String[] {"serve"}, Map.of("AEGIS_CONFIG_FILE", "b.properties")))
                .contains(Path.of("b.properties"));
        assertThat(Configuration.fileOf(new String[] {"serve"}, Map.of())).isEmpty();
    }

    @Test
    void known_everySettingNamedInTheSources_listedSoTheFileCanSetIt() throws IOException {
        java.util.Set<String> named = new java.util.TreeSet<>();
        java.util.regex.Pattern setting = java.util.regex.Pattern.compile("\"(AEGIS_[A-Z0-9_]+)\"");
        try (java.util.stream.Stream<Path> files = Files.walk(Path.of("..").toAbsolutePath().normalize())) {
            for (Path source : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/"))
                    .toList()) {
                java.util.regex.Matcher found = setting.matcher(Files.readString(source));
                while (found.find()) {
                    named.add(found.group(1));
                }
            }
        }
        named.remove(Configuration.FILE_SETTING);
        // The sandbox's own variable for the program inside, not a setting of the service.
        named.remove("AEGIS_TOOLS_SOCKET");

        assertThat(named).isNotEmpty().contains("AEGIS_MODEL_API_KEY");
        assertThat(Configuration.KNOWN).containsAll(named);
        assertThat(Configuration.KNOWN).containsAll(Configuration.SECRETS).containsAll(Configuration.PUBLISHED);
    }
}
