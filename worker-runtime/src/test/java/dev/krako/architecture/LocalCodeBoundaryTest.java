package dev.krako.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The local models, their text rules and the breakers are plain code like the executors: only the
 * claim loop and the health reporter know Kafka. The models know no executor, so they can be reused
 * and tested alone.
 */
class LocalCodeBoundaryTest {

  private static final JavaClasses WORKER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.krako.worker");

  @Test
  void localModelsAndBreakersDoNotUseKafkaOrAvro() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.krako.worker.text..",
            "dev.krako.worker.retrieval..",
            "dev.krako.worker.smallmodel..",
            "dev.krako.worker.resilience..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.kafka..", "org.apache.avro..", "dev.krako.avro..")
        .check(WORKER);
  }

  @Test
  void theModelsAreIndependentOfTheExecutors() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.krako.worker.text..",
            "dev.krako.worker.retrieval..",
            "dev.krako.worker.smallmodel..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.krako.worker.execution..",
            "dev.krako.worker.runtime..",
            "dev.krako.worker.llm..",
            "dev.krako.worker.resilience..")
        .check(WORKER);
  }

  @Test
  void onlyTheResiliencePackageKnowsResilience4j() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.krako.worker.resilience..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.github.resilience4j..")
        .check(WORKER);
  }
}
