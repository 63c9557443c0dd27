package dev.krako.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The Kafka client settings of a deployment ({@code --kafka-config}): a Java properties file such
 * as {@code security.protocol=SASL_SSL}, {@code sasl.mechanism}, {@code sasl.jaas.config}, {@code
 * ssl.*}, given to every Kafka client of the process (Streams applications, worker consumers and
 * producers, the admin client). Values may be secrets: nothing here logs or prints them, only the
 * keys.
 */
public final class KafkaConfigFile {

  private KafkaConfigFile() {}

  /**
   * The settings in {@code file}, in key order; no settings when {@code file} is null.
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when it sets {@code bootstrap.servers}, which has its own
   *     option so that one place says where the cluster is
   */
  public static Map<String, Object> read(Path file) throws IOException {
    if (file == null) {
      return Map.of();
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    Map<String, Object> settings = new TreeMap<>();
    properties.stringPropertyNames().forEach(k -> settings.put(k, properties.getProperty(k)));
    if (settings.containsKey("bootstrap.servers")) {
      throw new IllegalArgumentException(
          file + " sets bootstrap.servers: give it with --bootstrap-servers instead.");
    }
    return settings;
  }
}
