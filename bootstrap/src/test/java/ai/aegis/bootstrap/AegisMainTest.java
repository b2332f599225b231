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
}
