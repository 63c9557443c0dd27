package dev.krako.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Handlers and executors are plain code: the claim loop is the only place that knows Kafka. A plain
 * {@code @Test}: surefire 3.5 silently skips ArchUnit's {@code @ArchTest} fields.
 */
class ExecutionBoundaryTest {

  @Test
  void executionDoesNotUseKafkaOrAvro() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.krako.worker.handler..", "dev.krako.worker.execution..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.kafka..", "org.apache.avro..", "dev.krako.avro..")
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.krako.worker"));
  }
}
