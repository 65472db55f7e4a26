package dev.parley.chat.platform;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.freeze.FreezingArchRule;
import org.junit.jupiter.api.Test;

/**
 * Feature packages ({@code dev.parley.chat.<feature>}) must not depend on each other in a cycle.
 * The cycles that existed when this test was written are recorded in {@code src/test/archunit}
 * (ArchUnit's freeze store) and tolerated until they are broken; any new cycle, or a new
 * dependency along a recorded one, fails the build. When a recorded cycle is gone, the store
 * shrinks by itself on the next run; commit that.
 */
class FeatureCyclesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.parley.chat");

    @Test
    void noNewCycleBetweenFeatures() {
        ArchRule features = slices().matching("dev.parley.chat.(*)..")
                .namingSlices("feature $1")
                .should()
                .beFreeOfCycles()
                // entities and wire records (chat-model) are the shared vocabulary every feature may use
                .ignoreDependency(alwaysTrue(), resideInAPackage("..entity.."));
        FreezingArchRule.freeze(features).check(CLASSES);
    }
}
