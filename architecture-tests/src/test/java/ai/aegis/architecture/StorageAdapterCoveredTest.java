package ai.aegis.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The boundary rules see the {@code adapters-storage} module: its classes are on the analysed class
 * path, and they depend on no other adapter (the slice rule matches {@code ai.aegis.adapters.(*)}).
 */
class StorageAdapterCoveredTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ai.aegis");

    @Test
    void storageAdapter_analysed_andIndependentOfOtherAdapters() {
        JavaClass adapter = PRODUCTION.get("ai.aegis.adapters.storage.FileSystemVolumeStorageAdapter");

        assertThat(adapter.getDirectDependenciesFromSelf())
                .noneMatch(dependency -> {
                    String target = dependency.getTargetClass().getPackageName();
                    return target.startsWith("ai.aegis.adapters.") && !target.startsWith("ai.aegis.adapters.storage");
                });
        assertThat(HexagonalBoundariesTest.adapters_doNotDependOnEachOther.evaluate(PRODUCTION).hasViolation()).isFalse();
    }
}
