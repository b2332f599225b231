package ai.aegis.domain.archfixture;

/** Deliberately breaks the domain rule so that RulesBiteTest can prove the rule fails. */
public final class DomainLeakingAFramework {

    public com.tngtech.archunit.core.domain.JavaClass leaked() {
        return null;
    }
}
