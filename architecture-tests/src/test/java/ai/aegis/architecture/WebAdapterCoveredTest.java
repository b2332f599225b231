package ai.aegis.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The boundary rules see the {@code adapters-web} module (its classes are analysed, it depends on no
 * other adapter, and the slice rule bites on a web-adapter fixture), and the fetch adapter's
 * test-only loopback allowance is reachable from no production code.
 */
class WebAdapterCoveredTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ai.aegis");

    private static final JavaClasses FIXTURES = new ClassFileImporter()
            .importPackages("ai.aegis.adapters.web.archfixture", "ai.aegis.adapters.mcp.archfixture");

    /** Only tests may lift the fetch adapter's loopback refusal. */
    static final ArchRule testLoopbackAllowance_neverCalledInProduction = noClasses()
            .should().callMethod("ai.aegis.adapters.web.HttpWebPageAdapter", "forTestsAllowingLoopbackPort",
                    "ai.aegis.adapters.web.WebSettings", "int")
            .because("the loopback allowance exists for tests' own page servers; production must refuse loopback");

    @Test
    void webAdapter_analysed_andIndependentOfOtherAdapters() {
        JavaClass adapter = PRODUCTION.get("ai.aegis.adapters.web.HttpWebPageAdapter");

        assertThat(adapter.getDirectDependenciesFromSelf())
                .noneMatch(dependency -> {
                    String target = dependency.getTargetClass().getPackageName();
                    return target.startsWith("ai.aegis.adapters.") && !target.startsWith("ai.aegis.adapters.web");
                });
        assertThat(HexagonalBoundariesTest.adapters_doNotDependOnEachOther.evaluate(PRODUCTION).hasViolation()).isFalse();
    }

    @Test
    void adapterRule_webAdapterUsesAnotherAdapter_reportsViolation() {
        assertThat(HexagonalBoundariesTest.adapters_doNotDependOnEachOther.evaluate(FIXTURES).hasViolation()).isTrue();
    }

    @Test
    void testLoopbackAllowance_productionCode_neverCallsIt() {
        assertThat(testLoopbackAllowance_neverCalledInProduction.evaluate(PRODUCTION).hasViolation()).isFalse();
    }

    @Test
    void testLoopbackAllowance_calledFromTestCode_ruleReportsIt() {
        JavaClasses tests = new ClassFileImporter().importPackages("ai.aegis.architecture.webfixture");

        assertThat(testLoopbackAllowance_neverCalledInProduction.evaluate(tests).hasViolation()).isTrue();
    }
}
