package io.dbrefresh;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

/**
 * The packages stand in layers: {@code steps} (the Lambda doors) on top, the domain packages
 * under it, {@code execution} (the values and error names both share) under those, and
 * {@code refreshfile} and {@code aws} at the bottom. A lower package that reaches up cannot be
 * used without what is above it: an RDS operation that needs a step, a domain that needs Lambda.
 */
class LayersTest {

    private static final String[] DOMAIN = {
            "io.dbrefresh.rds..", "io.dbrefresh.secrets..", "io.dbrefresh.scripts..", "io.dbrefresh.history..",
            "io.dbrefresh.notify..", "io.dbrefresh.preflight..", "io.dbrefresh.fleet..", "io.dbrefresh.refreshfile..",
            "io.dbrefresh.aws.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        // the module's own main classes only: scanning the whole class path takes a minute
        classes = new ClassFileImporter().importPath(Path.of("target", "classes"));
    }

    @Test
    void domainPackages_doNotUseTheSteps() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAPackage("io.dbrefresh.steps..")
                .check(classes);
    }

    @Test
    void executionValuesAndErrors_useNeitherStepsNorDomainOperations() {
        noClasses().that().resideInAPackage("io.dbrefresh.execution..")
                .should().dependOnClassesThat().resideInAnyPackage("io.dbrefresh.steps..", "io.dbrefresh.rds..",
                        "io.dbrefresh.secrets..", "io.dbrefresh.scripts..", "io.dbrefresh.history..",
                        "io.dbrefresh.notify..")
                .check(classes);
    }

    @Test
    void refreshFileAndClients_standOnNothingOfTheProject() {
        noClasses().that().resideInAnyPackage("io.dbrefresh.refreshfile..", "io.dbrefresh.aws..")
                .should().dependOnClassesThat().resideInAnyPackage("io.dbrefresh.execution..", "io.dbrefresh.steps..",
                        "io.dbrefresh.rds..", "io.dbrefresh.secrets..", "io.dbrefresh.scripts..",
                        "io.dbrefresh.history..", "io.dbrefresh.notify..")
                .check(classes);
    }

    @Test
    void packages_formNoCycle() {
        slices().matching("io.dbrefresh.(*)..").should().beFreeOfCycles().check(classes);
    }
}
