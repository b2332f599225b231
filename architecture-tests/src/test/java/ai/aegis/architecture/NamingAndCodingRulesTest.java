package ai.aegis.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.USE_JAVA_UTIL_LOGGING;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The house style that a reader relies on to find things: port names, and the coding rules that
 * keep output, logging and errors going through one path each.
 */
@AnalyzeClasses(packages = "ai.aegis", importOptions = ImportOption.DoNotIncludeTests.class)
class NamingAndCodingRulesTest {

    @ArchTest
    static final ArchRule inPorts_areUseCases = classes()
            .that().resideInAPackage("ai.aegis.application.port.in..").and().areInterfaces()
            .should().haveSimpleNameEndingWith("UseCase")
            .allowEmptyShould(true)
            .because("an in-port is a use case named <Verb><Noun>UseCase");

    @ArchTest
    static final ArchRule outPorts_endInPort = classes()
            .that().resideInAPackage("ai.aegis.application.port.out..").and().areInterfaces()
            .should().haveSimpleNameEndingWith("Port")
            .allowEmptyShould(true)
            .because("an out-port names what the application needs from the outside and ends in Port");

    @ArchTest
    static final ArchRule useCases_liveInPortIn = classes()
            .that().haveSimpleNameEndingWith("UseCase")
            .should().resideInAPackage("ai.aegis.application.port.in..")
            .andShould().beInterfaces()
            .allowEmptyShould(true)
            .because("readers look for every entry point of the application in one package");

    @ArchTest
    static final ArchRule services_implementUseCases = classes()
            .that().resideInAPackage("ai.aegis.application.service..").and().haveSimpleNameEndingWith("Service")
            .should().implement(com.tngtech.archunit.base.DescribedPredicate.describe("a use case",
                    (com.tngtech.archunit.core.domain.JavaClass c) -> c.getSimpleName().endsWith("UseCase")))
            .allowEmptyShould(true)
            .because("a …Service is the implementation of one or more use cases");

    @ArchTest
    static final ArchRule noStandardStreams = noClasses()
            .that().resideOutsideOfPackage("ai.aegis.proto..")
            .should(ACCESS_STANDARD_STREAMS)
            .because("output goes through SLF4J or picocli's writers so it can be routed, filtered and tested");

    @ArchTest
    static final ArchRule noJavaUtilLogging = noClasses()
            .that().resideOutsideOfPackage("ai.aegis.proto..")
            .should(USE_JAVA_UTIL_LOGGING)
            .because("one logging path (SLF4J) keeps secret-redaction and formatting in one place");

    @ArchTest
    static final ArchRule noGenericExceptions = noClasses()
            .that().resideOutsideOfPackage("ai.aegis.proto..")
            .should(THROW_GENERIC_EXCEPTIONS)
            .because("every failure has a kind the edges can map; a bare RuntimeException has none");
}
