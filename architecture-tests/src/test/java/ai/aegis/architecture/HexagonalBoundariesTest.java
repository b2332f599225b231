package ai.aegis.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module table of DESIGN.md §2 as failing tests: what each ring may see.
 */
@AnalyzeClasses(packages = "ai.aegis", importOptions = ImportOption.DoNotIncludeTests.class)
class HexagonalBoundariesTest {

    @ArchTest
    static final ArchRule domain_dependsOnJavaOnly = classes()
            .that().resideInAPackage("ai.aegis.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("ai.aegis.domain..", "java..")
            .because("the domain is the model itself: pure Java that any adapter can use and no framework can bend");

    @ArchTest
    static final ArchRule application_dependsOnDomainAndJavaOnly = classes()
            .that().resideInAPackage("ai.aegis.application..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("ai.aegis.application..", "ai.aegis.domain..", "java..")
            .because("use cases speak the domain's language; protocols, databases and libraries plug in through ports");

    @ArchTest
    static final ArchRule application_usesNoJdbcNorTechnology = noClasses()
            .that().resideInAPackage("ai.aegis.application..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "java.net.http..",
                    "io.grpc..", "com.google.protobuf..", "io.modelcontextprotocol..", "org.jdbi..",
                    "com.nimbusds..", "org.eclipse.jetty..", "jakarta..")
            .because("storage, transport and crypto libraries belong to adapters behind out-ports");

    @ArchTest
    static final ArchRule adapters_doNotDependOnEachOther = slices()
            .matching("ai.aegis.adapters.(*)..")
            .should().notDependOnEachOther()
            .because("each adapter plugs into the application alone; only bootstrap wires them together");

    @ArchTest
    static final ArchRule adapters_seenOnlyByBootstrap = noClasses()
            .that().resideOutsideOfPackages("ai.aegis.adapters..", "ai.aegis.bootstrap..")
            .should().dependOnClassesThat().resideInAPackage("ai.aegis.adapters..")
            .because("the inner rings must not know which adapters exist");

    @ArchTest
    static final ArchRule bootstrap_seenByNobody = noClasses()
            .that().resideOutsideOfPackage("ai.aegis.bootstrap..")
            .should().dependOnClassesThat().resideInAPackage("ai.aegis.bootstrap..")
            .because("bootstrap is the outermost ring: it wires everything and nothing depends on it");

    @ArchTest
    static final ArchRule protoTypes_onlyInGrpcAdapter = noClasses()
            .that().resideOutsideOfPackages("ai.aegis.proto..", "ai.aegis.adapters.grpc..")
            .should().dependOnClassesThat().resideInAPackage("ai.aegis.proto..")
            .because("generated wire types are mapped to domain types at the gRPC edge and go no further");

    @ArchTest
    static final ArchRule packages_freeOfCycles = slices()
            .matching("ai.aegis.(**)")
            .should().beFreeOfCycles()
            .because("a cycle between packages makes both impossible to understand or change alone");
}
