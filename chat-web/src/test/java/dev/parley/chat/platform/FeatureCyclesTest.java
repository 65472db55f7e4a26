package dev.parley.chat.platform;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Feature packages ({@code dev.parley.chat.<feature>}) must not depend on each other in a cycle.
 * Where one feature needs another that depends on it, the needing side declares an interface the
 * other implements (the room's {@code StreamingReplies} and {@code FrameHandler}, the write path's
 * {@code Submission.Origin} and {@code RoomBroadcasts}).
 */
class FeatureCyclesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.parley.chat");

    @Test
    void noCycleBetweenFeatures() {
        ArchRule features = slices().matching("dev.parley.chat.(*)..")
                .namingSlices("feature $1")
                .should()
                .beFreeOfCycles()
                // entities and wire records (chat-model) are the shared vocabulary every feature may use
                .ignoreDependency(alwaysTrue(), resideInAPackage("..entity.."));
        features.check(CLASSES);
    }
}
