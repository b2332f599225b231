package ai.aegis.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * Proves the boundary rules are not vacuous: each one, run over deliberately broken fixture
 * classes, reports a violation.
 */
class RulesBiteTest {

    private static final JavaClasses FIXTURES = new ClassFileImporter()
            .importPackages("ai.aegis.domain.archfixture", "ai.aegis.application.archfixture",
                    "ai.aegis.adapters.grpc.archfixture", "ai.aegis.adapters.mcp.archfixture");

    private static final JavaClasses MODEL_FIXTURES = new ClassFileImporter()
            .importPackages("ai.aegis.adapters.model.archfixture", "ai.aegis.adapters.mcp.archfixture");

    @Test
    void domainRule_domainClassUsesALibrary_reportsViolation() {
        assertThat(HexagonalBoundariesTest.domain_dependsOnJavaOnly.evaluate(FIXTURES).hasViolation()).isTrue();
    }

    @Test
    void applicationRule_applicationClassUsesAnAdapter_reportsViolation() {
        assertThat(HexagonalBoundariesTest.application_dependsOnDomainAndJavaOnly.evaluate(FIXTURES).hasViolation())
                .isTrue();
        assertThat(HexagonalBoundariesTest.adapters_seenOnlyByBootstrap.evaluate(FIXTURES).hasViolation()).isTrue();
    }

    @Test
    void adapterRule_adapterUsesAnotherAdapter_reportsViolation() {
        assertThat(HexagonalBoundariesTest.adapters_doNotDependOnEachOther.evaluate(FIXTURES).hasViolation())
                .isTrue();
    }

    @Test
    void adapterRule_modelAdapterUsesAnotherAdapter_reportsViolation() {
        assertThat(HexagonalBoundariesTest.adapters_doNotDependOnEachOther.evaluate(MODEL_FIXTURES).hasViolation())
                .isTrue();
    }
}
