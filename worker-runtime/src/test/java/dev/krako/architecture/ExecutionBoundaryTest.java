package dev.krako.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Handlers and executors are plain code: the claim loop is the only place that knows Kafka. */
@AnalyzeClasses(packages = "dev.krako.worker", importOptions = ImportOption.DoNotIncludeTests.class)
class ExecutionBoundaryTest {

  @ArchTest
  static final ArchRule executionDoesNotUseKafkaOrAvro =
      noClasses()
          .that()
          .resideInAnyPackage("dev.krako.worker.handler..", "dev.krako.worker.execution..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.apache.kafka..", "org.apache.avro..", "dev.krako.avro..");
}
