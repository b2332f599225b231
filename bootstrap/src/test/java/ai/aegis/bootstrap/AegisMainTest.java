package ai.aegis.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line as an operator meets it: help, version, and clear refusals of bad flags. */
class AegisMainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = AegisMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void help_noArguments_listsServe() {
        int code = run("--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("serve");
    }

    @Test
    void migrate_freshDataDirectory_appliesMigrationsThenNothing(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        int first = run("migrate", "--data-dir", dir.toString());
        String firstOut = out.toString();
        out.getBuffer().setLength(0);
        int second = run("migrate", "--data-dir", dir.toString());

        assertThat(first).isZero();
        assertThat(firstOut).contains("embedded PostgreSQL").containsPattern("[1-9][0-9]* migration\\(s\\) applied");
        assertThat(second).isZero();
        assertThat(out.toString()).contains("0 migration(s) applied; schema is up to date");
    }

    @Test
    void serve_portOutOfRange_exitsTwoNamingTheFlag() {
        int code = run("serve", "--http-port", "70000", "--grpc-port", "0");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--http-port must be between 0 and 65535");
    }

    @Test
    void serve_samePortTwice_exitsTwoNamingBothFlags() {
        int code = run("serve", "--http-port", "9999", "--grpc-port", "9999");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--http-port and --grpc-port must differ");
    }

    @Test
    void serve_nonNumericPort_refusedByParser() {
        int code = run("serve", "--http-port", "eighty");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--http-port");
    }

    @Test
    void token_unknownTier_exitsTwoNamingTheAcceptedTiersWithoutInternals() {
        int code = run("token", "--tier", "gold");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("unknown Zaru tier 'gold'; expected one of Free, Pro, Business, Enterprise")
                .doesNotContain("Exception");
    }

    @Test
    void token_badTtl_exitsTwoNamingTheFormat() {
        int code = run("token", "--role", "admin", "--ttl", "soon");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("expected a duration such as 15m, 1h or 2d");
    }
}
