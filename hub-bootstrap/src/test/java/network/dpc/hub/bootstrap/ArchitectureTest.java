package network.dpc.hub.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The boundaries of architecture.md, checked over the production classes of every module. */
class ArchitectureTest {

    private static final String ROOT = "network.dpc.hub";
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        ImportOption productionOnly = location -> !location.contains("/test-classes/")
                && !location.contains("-tests.jar");
        production = new ClassFileImporter().withImportOption(productionOnly).importPackages(ROOT);
    }

    @Test
    void importsTheClassesOfEveryModule() {
        // Guards the rules below against passing vacuously because nothing was imported.
        for (String pkg : new String[] {"domain", "application", "adapter.http", "adapter.persistence",
            "bootstrap"}) {
            org.assertj.core.api.Assertions.assertThat(production.stream()
                    .anyMatch(c -> c.getPackageName().startsWith(ROOT + "." + pkg))).as(pkg).isTrue();
        }
    }

    @Test
    void domainDependsOnlyOnTheJdkAndItself() {
        classes().that().resideInAPackage("..hub.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "..hub.domain..")
                .check(production);
    }

    @Test
    void applicationDependsOnlyOnTheJdkTheDomainAndItself() {
        classes().that().resideInAPackage("..hub.application..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "..hub.domain..", "..hub.application..")
                .check(production);
    }

    @Test
    void layersFormAnOnionAndAdaptersNeverDependOnEachOther() {
        onionArchitecture()
                .domainModels("..hub.domain..")
                .applicationServices("..hub.application..")
                .adapter("http", "..hub.adapter.http..")
                .adapter("persistence", "..hub.adapter.persistence..")
                .adapter("oauth", "..hub.adapter.oauth..")
                .withOptionalLayers(true)
                .ignoreDependency(resideInAPackage("..hub.bootstrap.."), alwaysTrue())
                .check(production);
    }

    @Test
    void portsAndAdaptersNeverDependOnServices() {
        noClasses().that().resideInAnyPackage("..application.port..", "..hub.adapter..")
                .should().dependOnClassesThat().resideInAPackage("..application.service..")
                .check(production);
    }

    @Test
    void nothingDependsOnTheBootstrap() {
        noClasses().that().resideOutsideOfPackage("..hub.bootstrap..")
                .should().dependOnClassesThat().resideInAPackage("..hub.bootstrap..")
                .check(production);
    }

    @Test
    void useCasesAndServicesAreNamedForWhatTheyAre() {
        classes().that().resideInAPackage("..application.port.in..").and().areInterfaces().and().areTopLevelClasses()
                .should().haveSimpleNameEndingWith("UseCase")
                .check(production);
        classes().that().resideInAPackage("..application.service..").and().areTopLevelClasses()
                .should().haveSimpleNameEndingWith("Service")
                .check(production);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(production);
        slices().matching(ROOT + ".domain.(*)..").should().beFreeOfCycles().check(production);
    }

    @Test
    void generalCodingRules() {
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(production);
        GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(production);
        GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.check(production);
    }
}
