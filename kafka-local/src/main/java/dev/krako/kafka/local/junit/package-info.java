/**
 * JUnit 5 support for broker tests: {@link dev.krako.kafka.local.junit.WithKafkaBroker} shares one
 * {@link dev.krako.kafka.local.LocalKafkaBroker} per test JVM, and {@link
 * dev.krako.kafka.local.junit.KafkaTestNames} keeps the topics and groups of different tests apart
 * on it. Needs {@code junit-jupiter-api} on the classpath (an optional dependency of this module).
 */
package dev.krako.kafka.local.junit;
