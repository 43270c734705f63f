package io.edgedeck.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static org.assertj.core.api.Assertions.assertThat;

/** The layering of DEVELOPERS.md as executable rules: app -> views -> services -> device-link, local-db; JavaFX only in views and app. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.edgedeck");
    }

    @Test
    void allModulesAreOnTheClassPath() {
        assertThat(classes.containPackage("io.edgedeck.db")).isTrue();
        assertThat(classes.containPackage("io.edgedeck.link.mqtt")).isTrue();
        assertThat(classes.containPackage("io.edgedeck.views")).isTrue();
    }

    @Test
    void theStoreDependsOnNothingAboveIt() {
        noClasses().that().resideInAPackage("io.edgedeck.db..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.edgedeck.link..",
                        "io.edgedeck.views..", "io.edgedeck.app..")
                .check(classes);
    }

    @Test
    void theDeviceLinkHasNoJavaFxAndNoUi() {
        noClasses().that().resideInAPackage("io.edgedeck.link..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.edgedeck.views..", "io.edgedeck.app..")
                .check(classes);
    }

    @Test
    void theServicesHaveNoJavaFxAndNoUi() {
        noClasses().that().resideInAPackage("io.edgedeck.services..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.edgedeck.views..", "io.edgedeck.app..")
                .check(classes);
    }

    @Test
    void theLinkAndTheStoreDoNotCallTheServices() {
        noClasses().that().resideInAnyPackage("io.edgedeck.link..", "io.edgedeck.db..")
                .should().dependOnClassesThat().resideInAPackage("io.edgedeck.services..")
                .check(classes);
    }

    @Test
    void viewsDoNotReachIntoTheApp() {
        noClasses().that().resideInAPackage("io.edgedeck.views..")
                .should().dependOnClassesThat().resideInAPackage("io.edgedeck.app..")
                .check(classes);
    }

    @Test
    void librariesLogInsteadOfPrinting() {
        NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS
                .check(classes.that(com.tngtech.archunit.base.DescribedPredicate.describe("outside the CLI",
                        c -> !c.getPackageName().startsWith("io.edgedeck.app"))));
    }
}
