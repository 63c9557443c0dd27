package dev.krako.topics;

import dev.krako.avro.AdmissionCommand;
import dev.krako.avro.AdmissionStatus;
import dev.krako.avro.DeadLetter;
import dev.krako.avro.Event;
import dev.krako.avro.GraphRejected;
import dev.krako.avro.LedgerEntry;
import dev.krako.avro.NodeTrust;
import dev.krako.avro.SessionAdmitted;
import dev.krako.avro.SessionResult;
import dev.krako.avro.Substrate;
import dev.krako.avro.WorkUnitDispatch;
import dev.krako.avro.WorkUnitHeartbeat;
import dev.krako.schemas.AvroSerdes;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The typed descriptor of every Krako topic. Keys are strings: the session id on the session,
 * event, dispatch and result topics (so that everything about one graph lives in one partition),
 * the node id on node events and node trust, the tenant id on the ledger. The graph topic carries
 * KORA's raw JSON bytes, parsed at ingress.
 */
public final class KrakoTopics {

  private final TopicNames names;
  private final Topic<String, byte[]> taskGraphs;
  private final Topic<String, GraphRejected> rejected;
  private final Topic<String, SessionAdmitted> admitted;
  private final Topic<String, Event> events;
  private final Topic<String, WorkUnitDispatch> dispatchCpu;
  private final Topic<String, WorkUnitDispatch> dispatchCpuTrusted;
  private final Topic<String, WorkUnitDispatch> dispatchLlm;
  private final Topic<String, SessionResult> results;
  private final Topic<String, DeadLetter> deadLetter;
  private final Topic<String, LedgerEntry> ledger;
  private final Topic<String, NodeTrust> nodesTrust;
  private final Topic<String, AdmissionCommand> admissionCommands;
  private final Topic<String, AdmissionStatus> admissionMode;
  private final Topic<String, WorkUnitHeartbeat> heartbeats;
  private final Topic<String, Event> reports;

  public KrakoTopics(TopicNames names) {
    this.names = names;
    this.taskGraphs = new Topic<>(names.taskGraphs(), Serdes.String(), Serdes.ByteArray());
    this.rejected = avro(names.rejected(), GraphRejected.class);
    this.admitted = avro(names.admitted(), SessionAdmitted.class);
    this.events = avro(names.events(), Event.class);
    this.dispatchCpu = avro(names.dispatchCpu(), WorkUnitDispatch.class);
    this.dispatchCpuTrusted = avro(names.dispatchCpuTrusted(), WorkUnitDispatch.class);
    this.dispatchLlm = avro(names.dispatchLlm(), WorkUnitDispatch.class);
    this.results = avro(names.results(), SessionResult.class);
    this.deadLetter = avro(names.deadLetter(), DeadLetter.class);
    this.ledger = avro(names.ledger(), LedgerEntry.class);
    this.nodesTrust = avro(names.nodesTrust(), NodeTrust.class);
    this.admissionCommands = avro(names.admissionCommands(), AdmissionCommand.class);
    this.admissionMode = avro(names.admissionMode(), AdmissionStatus.class);
    this.heartbeats = avro(names.heartbeats(), WorkUnitHeartbeat.class);
    this.reports = avro(names.reports(), Event.class);
  }

  private static <V extends org.apache.avro.specific.SpecificRecord> Topic<String, V> avro(
      String name, Class<V> type) {
    return new Topic<>(name, Serdes.String(), AvroSerdes.of(type));
  }

  public TopicNames names() {
    return names;
  }

  public Topic<String, byte[]> taskGraphs() {
    return taskGraphs;
  }

  public Topic<String, GraphRejected> rejected() {
    return rejected;
  }

  public Topic<String, SessionAdmitted> admitted() {
    return admitted;
  }

  public Topic<String, Event> events() {
    return events;
  }

  public Topic<String, SessionResult> results() {
    return results;
  }

  public Topic<String, DeadLetter> deadLetter() {
    return deadLetter;
  }

  /** The append-only billing ledger, keyed by tenant id (written by billing only). */
  public Topic<String, LedgerEntry> ledger() {
    return ledger;
  }

  /**
   * Each node's trust, keyed by node id and compacted: the latest record of a node is its trust
   * (written by the trust topology only).
   */
  public Topic<String, NodeTrust> nodesTrust() {
    return nodesTrust;
  }

  /**
   * Operators' admission orders ({@code krako admission set|auto}), one partition, key {@code
   * admission}; read by the capacity topology only (docs/capacity.md).
   */
  public Topic<String, AdmissionCommand> admissionCommands() {
    return admissionCommands;
  }

  /**
   * The admission mode in force, compacted, one partition, key {@code admission}: written by the
   * capacity topology, read by ingress as a global table.
   */
  public Topic<String, AdmissionStatus> admissionMode() {
    return admissionMode;
  }

  /**
   * Workers' heartbeats for the attempts they run, keyed by session id and partitioned like the
   * event log (the orchestrator reads both in one task): read by the orchestrator only, which
   * extends each attempt's lease (docs/adr/016-heartbeats-and-leases.md). Not part of the event
   * log.
   */
  public Topic<String, WorkUnitHeartbeat> heartbeats() {
    return heartbeats;
  }

  /**
   * The workers' reports to the orchestrator: a copy of each claim and outcome event (claimed,
   * completed, failed) a worker writes to {@link #events()}, in the same transaction, keyed by
   * session id and partitioned like the event log. Read by the orchestrator only, instead of the
   * event log: the orchestrator writes the event log too, and a {@code read_committed} reader sees
   * nothing of a partition past the first record of an open transaction, so on the event log every
   * outcome waited for the orchestrator's own next commit (docs/adr/026-worker-reports-topic.md).
   * Not part of the event log.
   */
  public Topic<String, Event> reports() {
    return reports;
  }

  /** The dispatch topic of a substrate: the only place where placement becomes a topic. */
  public Topic<String, WorkUnitDispatch> dispatch(Substrate substrate) {
    return switch (substrate) {
      case cpu -> dispatchCpu;
      case cpu_trusted -> dispatchCpuTrusted;
      case llm_pod -> dispatchLlm;
      case unknown ->
          throw new IllegalArgumentException("No dispatch topic for an unknown substrate.");
    };
  }
}
