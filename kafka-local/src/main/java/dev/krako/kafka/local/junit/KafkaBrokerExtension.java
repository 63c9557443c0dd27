package dev.krako.kafka.local.junit;

import dev.krako.kafka.local.BrokerSettings;
import dev.krako.kafka.local.LocalKafkaBroker;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests one Kafka broker per test JVM, and names that keep tests apart on it.
 *
 * <p>The broker starts lazily, on the first parameter that needs it, with {@link
 * BrokerSettings#defaults()}. It lives in the root {@link ExtensionContext} store, which JUnit
 * closes (and with it the broker) once every test class of the run has finished. A test must not
 * stop, kill or close this shared broker: a test of broker failures starts its own.
 *
 * <p>Resolves parameters of type {@link LocalKafkaBroker} and {@link KafkaTestNames}.
 */
public final class KafkaBrokerExtension implements ParameterResolver {

  private static final Namespace NAMESPACE = Namespace.create(KafkaBrokerExtension.class);

  /** The shared broker of this JVM, started on first use. For other extensions to build on. */
  public static LocalKafkaBroker sharedBroker(ExtensionContext context) {
    // JUnit closes AutoCloseable store values when the root context closes, at the end of the run.
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            LocalKafkaBroker.class,
            key -> LocalKafkaBroker.start(BrokerSettings.defaults()),
            LocalKafkaBroker.class);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == LocalKafkaBroker.class || type == KafkaTestNames.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.getParameter().getType() == LocalKafkaBroker.class) {
      return sharedBroker(context);
    }
    return KafkaTestNames.forTest(
        context.getRequiredTestClass().getSimpleName(),
        context.getTestMethod().map(method -> method.getName()).orElse(""));
  }
}
