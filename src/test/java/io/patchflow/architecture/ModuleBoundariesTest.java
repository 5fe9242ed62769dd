package io.patchflow.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.patchflow.PatchflowApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The modules of ARCHITECTURE.md stay modules: no cycles, no reaching into another module's internals. */
class ModuleBoundariesTest {

    /** Production classes only, whatever the build folder is called (-Dpatchflow.build.dir). */
    static final ImportOption PRODUCTION_CODE = location -> !location.contains("/test-classes/");

    static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(PRODUCTION_CODE)
            .importPackages("io.patchflow");

    @Test
    void modulesOnlyUseEachOthersApi() {
        ApplicationModules.of(PatchflowApplication.class, PRODUCTION_CODE).verify();
    }

    @Test
    void onlyTheProcessAdapterAndSecurityKnowCamunda() {
        noClasses().that().resideOutsideOfPackages("io.patchflow.change.process..", "io.patchflow.security..")
                .should().dependOnClassesThat().resideInAPackage("org.camunda..")
                .because("ARCHITECTURE.md: only change.process and security import org.camunda.*")
                .check(CLASSES);
    }
}
