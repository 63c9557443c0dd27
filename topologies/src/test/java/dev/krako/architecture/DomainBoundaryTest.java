package dev.krako.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The domain (graph validation, sessions, readiness, placement) stays free of Kafka and Avro. */
@AnalyzeClasses(packages = "dev.krako", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainBoundaryTest {

  @ArchTest
  static final ArchRule domainDoesNotUseKafkaOrAvro =
      noClasses()
          .that()
          .resideInAnyPackage("dev.krako.graph..", "dev.krako.session..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.apache.kafka..", "org.apache.avro..", "dev.krako.avro..");

  @ArchTest
  static final ArchRule domainDoesNotKnowTheTopologies =
      noClasses()
          .that()
          .resideInAnyPackage("dev.krako.graph..", "dev.krako.session..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.krako.topology..", "dev.krako.streams..", "dev.krako.query..");
}
