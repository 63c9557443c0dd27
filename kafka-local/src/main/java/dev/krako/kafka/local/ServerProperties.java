package dev.krako.kafka.local;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the {@code server.properties} of a single-node KRaft broker (broker and controller in one
 * process) sized for a 2-core development machine. Each line carries the reason for its value, so
 * that the file explains itself to whoever opens it.
 */
final class ServerProperties {

  private record Setting(String value, String reason) {}

  private ServerProperties() {}

  /**
   * The file's content; {@code settings.extraServerProperties()} replace the defaults. With a
   * {@code sasl} listener, the client port is that listener instead of a PLAINTEXT one.
   */
  static String render(
      BrokerSettings settings, BrokerPorts ports, DataDir dir, Optional<SaslPlainListener> sasl) {
    Map<String, Setting> lines = new LinkedHashMap<>();
    kraft(lines, ports, sasl.isPresent() ? SaslPlainListener.NAME : "PLAINTEXT");
    sasl.ifPresent(listener -> saslPlain(lines, listener));
    singleNode(lines);
    smallMachine(lines);
    lines.put("log.dirs", new Setting(dir.kafkaLogs().toString(), "Inside the data directory."));
    lines.put(
        "num.partitions",
        new Setting(Integer.toString(settings.defaultPartitions()), "From BrokerSettings."));
    lines.put(
        "auto.create.topics.enable",
        new Setting("false", "Topics are created on purpose, as in production."));
    settings
        .extraServerProperties()
        .forEach((key, value) -> lines.put(key, new Setting(value, "From BrokerSettings.")));
    StringBuilder out = new StringBuilder("# Written by krako-kafka-local at every start.\n");
    lines.forEach(
        (key, setting) ->
            out.append("# ")
                .append(setting.reason())
                .append('\n')
                .append(key)
                .append('=')
                .append(escape(setting.value()))
                .append('\n'));
    return out.toString();
  }

  private static void kraft(Map<String, Setting> lines, BrokerPorts ports, String clientListener) {
    String controller = BrokerPorts.HOST + ":" + ports.controller();
    String why = "One KRaft node is both the broker and its own controller quorum.";
    lines.put("process.roles", new Setting("broker,controller", why));
    lines.put("node.id", new Setting("1", why));
    lines.put("controller.quorum.bootstrap.servers", new Setting(controller, why));
    lines.put("controller.listener.names", new Setting("CONTROLLER", why));
    lines.put(
        "listeners",
        new Setting(
            clientListener + "://" + ports.bootstrapServers() + ",CONTROLLER://" + controller,
            "Loopback only: nothing outside this machine may reach a development broker."));
  }

  private static void saslPlain(Map<String, Setting> lines, SaslPlainListener listener) {
    String name = SaslPlainListener.NAME;
    lines.put(
        "listener.security.protocol.map",
        new Setting(
            "CONTROLLER:PLAINTEXT," + name + ":" + name,
            "Clients must log in; the controller port stays PLAINTEXT (docs/security.md)."));
    lines.put(
        "inter.broker.listener.name",
        new Setting(name, "No plain client listener exists for inter-broker traffic to use."));
    lines.put(
        "sasl.mechanism.inter.broker.protocol",
        new Setting(SaslPlainListener.MECHANISM, "The broker logs in to itself as krako-broker."));
    lines.put(
        "sasl.enabled.mechanisms",
        new Setting(SaslPlainListener.MECHANISM, "PLAIN only, not the default GSSAPI."));
    lines.put(
        "listener.name." + name.toLowerCase(Locale.ROOT) + ".plain.sasl.jaas.config",
        new Setting(
            listener.serverJaasConfig(),
            "The accepted users and passwords; keep this file private."));
  }

  private static void singleNode(Map<String, Setting> lines) {
    String why = "A single node can hold one replica only.";
    lines.put("offsets.topic.replication.factor", new Setting("1", why));
    lines.put("transaction.state.log.replication.factor", new Setting("1", why));
    lines.put("transaction.state.log.min.isr", new Setting("1", why));
    lines.put("share.coordinator.state.topic.replication.factor", new Setting("1", why));
    lines.put("share.coordinator.state.topic.min.isr", new Setting("1", why));
    lines.put("default.replication.factor", new Setting("1", why));
    lines.put("min.insync.replicas", new Setting("1", why));
    lines.put(
        "group.initial.rebalance.delay.ms",
        new Setting("0", "Tests should not wait 3 s for a first rebalance."));
  }

  private static void smallMachine(Map<String, Setting> lines) {
    lines.put("num.network.threads", new Setting("2", "One network thread per core (2 cores)."));
    lines.put("num.io.threads", new Setting("2", "One request thread per core, not 8."));
    lines.put("background.threads", new Setting("2", "Housekeeping needs few threads, not 10."));
    lines.put(
        "group.coordinator.threads", new Setting("2", "One coordinator thread per core, not 4."));
    lines.put(
        "num.recovery.threads.per.data.dir",
        new Setting("1", "Recovery after a kill reads little data; one thread is enough."));
    lines.put(
        "offsets.topic.num.partitions",
        new Setting("6", "50 partitions make the first consumer group slow to start."));
    lines.put(
        "transaction.state.log.num.partitions",
        new Setting("6", "50 partitions make the first transaction slow to start."));
    lines.put(
        "share.coordinator.state.topic.num.partitions",
        new Setting("6", "50 partitions make the first share group slow to start."));
    lines.put(
        "broker.session.timeout.ms",
        new Setting(
            "4000", "A killed broker re-registers only once its old session expires (9 s)."));
    lines.put(
        "broker.heartbeat.interval.ms",
        new Setting("1000", "Several heartbeats per session, as with the defaults."));
    lines.put(
        "log.cleaner.dedupe.buffer.size",
        new Setting("16777216", "The default 128 MiB is a quarter of a small heap."));
  }

  /** Escapes what {@link java.util.Properties#load} would otherwise read as an escape. */
  private static String escape(String value) {
    return value.replace("\\", "\\\\");
  }
}
