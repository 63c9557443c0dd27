package dev.krako.topology.capacity;

import dev.krako.avro.AdmissionCommand;
import dev.krako.capacity.AdmissionController;
import dev.krako.capacity.AdmissionMode;
import dev.krako.capacity.AdmissionState;
import dev.krako.capacity.Transition;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies an operator's order: hold a mode ({@code krako admission set}) or hand the mode back to
 * the backlog rule ({@code krako admission auto}). The order's issue time is the change's time, so
 * replaying the commands gives the same states. An order naming an unknown mode throws, and the
 * dead-letter handler keeps it with its coordinates.
 */
final class OperatorCommandProcessor
    implements Processor<String, AdmissionCommand, String, SpecificRecord> {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorCommandProcessor.class);

  private final CapacityConfig config;
  private final AdmissionController controller;
  private ProcessorContext<String, SpecificRecord> context;
  private AdmissionLedger admission;

  OperatorCommandProcessor(CapacityConfig config) {
    this.config = config;
    this.controller = new AdmissionController(config.thresholds());
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    admission = new AdmissionLedger(context.getStateStore(CapacityNames.ADMISSION_STORE));
  }

  @Override
  public void process(Record<String, AdmissionCommand> record) {
    AdmissionCommand command = record.value();
    AdmissionState state = admission.current();
    String reason = "operator " + command.getOperator() + ": " + command.getReason();
    Instant at = command.getIssuedAt();
    Transition t =
        command.getMode() == null
            ? controller.release(state, reason)
            : controller.hold(state, AdmissionMode.parse(command.getMode()), reason, at);
    LOG.info(
        "Operator {} {} the admission mode {} ({}).",
        command.getOperator(),
        command.getMode() == null ? "released" : "holds",
        t.after().mode().wireName(),
        command.getReason());
    Decisions.publish(context, admission, t, config.instanceId(), at.toEpochMilli());
  }
}
