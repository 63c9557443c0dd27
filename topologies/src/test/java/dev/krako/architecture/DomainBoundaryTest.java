package dev.krako.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The domain (graph validation, sessions, readiness, placement, billing rules) stays free of Kafka
 * and Avro. Plain {@code @Test} methods: surefire 3.5 silently skips ArchUnit's {@code @ArchTest}
 * fields.
 */
class DomainBoundaryTest {

  private static final String[] DOMAIN = {
    "dev.krako.graph..", "dev.krako.session..", "dev.krako.billing..", "dev.krako.trust.."
  };

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.krako");

  @Test
  void domainDoesNotUseKafkaOrAvro() {
    noClasses()
        .that()
        .resideInAnyPackage(DOMAIN)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.kafka..", "org.apache.avro..", "dev.krako.avro..")
        .allowEmptyShould(true)
        .check(MAIN);
  }

  @Test
  void domainDoesNotKnowTheTopologies() {
    noClasses()
        .that()
        .resideInAnyPackage(DOMAIN)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.krako.topology..", "dev.krako.streams..", "dev.krako.query..")
        .allowEmptyShould(true)
        .check(MAIN);
  }
}
