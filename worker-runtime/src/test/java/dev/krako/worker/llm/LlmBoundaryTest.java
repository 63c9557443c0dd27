package dev.krako.worker.llm;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The LLM code is plain code like the executors; the simulator stands apart from the client, so
 * that the two meet only on the wire and the tests between them check the wire format.
 *
 * <p>Plain {@code @Test} methods rather than {@code @ArchTest} fields: surefire 3.5.3 silently
 * skips {@code @ArchTest} fields (TNG/ArchUnit#1442).
 */
class LlmBoundaryTest {

  private static final JavaClasses WORKER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.krako.worker");

  @Test
  void llmCodeDoesNotUseKafkaOrAvro() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.krako.worker.llm..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.kafka..", "org.apache.avro..", "dev.krako.avro..")
        .check(WORKER);
  }

  @Test
  void theClientDoesNotUseTheSimulator() {
    noClasses()
        .that()
        .resideInAPackage("dev.krako.worker.llm")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.krako.worker.llm.sim..")
        .check(WORKER);
  }

  @Test
  void theSimulatorDoesNotUseTheClientOrTheExecutors() {
    noClasses()
        .that()
        .resideInAPackage("dev.krako.worker.llm.sim..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.krako.worker.llm", "dev.krako.worker.execution..")
        .check(WORKER);
  }
}
