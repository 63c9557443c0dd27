/**
 * A real single-node Apache Kafka KRaft broker in a child JVM, for {@code krako dev} and for the
 * broker tests of every module: {@link dev.krako.kafka.local.LocalKafkaBroker} started with {@link
 * dev.krako.kafka.local.BrokerSettings}. Tests use it through {@link
 * dev.krako.kafka.local.junit.WithKafkaBroker}.
 */
package dev.krako.kafka.local;
