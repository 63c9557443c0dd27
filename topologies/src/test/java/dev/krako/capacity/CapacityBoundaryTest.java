package dev.krako.capacity;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The capacity decisions stay pure: no Kafka, no Avro, no topology code. */
class CapacityBoundaryTest {

  @Test
  void capacityDecisionsDoNotUseKafkaAvroOrTopologies() {
    noClasses()
        .that()
        .resideInAPackage("dev.krako.capacity..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.kafka..", "org.apache.avro..", "dev.krako.avro..", "dev.krako.topology..")
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.krako.capacity"));
  }
}
