package dev.krako.kafka.local.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs the shared Kafka broker: its constructors, test methods and
 * lifecycle methods may then declare {@link dev.krako.kafka.local.LocalKafkaBroker} and {@link
 * KafkaTestNames} parameters. Equivalent to {@code @ExtendWith(KafkaBrokerExtension.class)}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(KafkaBrokerExtension.class)
public @interface WithKafkaBroker {}
