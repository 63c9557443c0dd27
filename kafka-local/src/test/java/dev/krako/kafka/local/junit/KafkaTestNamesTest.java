package dev.krako.kafka.local.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class KafkaTestNamesTest {

  @Test
  void namesCarryTheTestAndAJvmWideCounter() {
    KafkaTestNames names = KafkaTestNames.forTest("OrderTest", "placesOrder");

    String first = names.topic("events");
    String second = names.topic("events");

    assertThat(first).matches("events-OrderTest-placesOrder-\\d+");
    assertThat(second).isNotEqualTo(first);
    assertThat(names.groupId("g")).startsWith("g-OrderTest-placesOrder-");
    assertThat(names.transactionalId("tx")).startsWith("tx-OrderTest-placesOrder-");
  }

  @Test
  void replacesIllegalCharacters() {
    KafkaTestNames names = KafkaTestNames.forTest("Outer$Inner", "test(x) ü");

    assertThat(names.topic("krako.events/v1"))
        .matches("krako\\.events-v1-Outer-Inner-test-x----\\d+");
  }

  @Test
  void staysWithinTheLengthLimitsAndKeepsTheUniqueSuffix() {
    KafkaTestNames names = KafkaTestNames.forTest("C".repeat(300), "m".repeat(300));

    String topic = names.topic("t");
    String applicationId = names.applicationId("app");

    assertThat(topic).hasSizeLessThanOrEqualTo(200).matches(".*-\\d+");
    assertThat(applicationId).hasSizeLessThanOrEqualTo(100).matches(".*-\\d+");
  }

  @Test
  void classLevelNamesOmitTheMethod() {
    assertThat(KafkaTestNames.forTest("OrderTest", "").topic("events"))
        .matches("events-OrderTest-\\d+");
  }
}
