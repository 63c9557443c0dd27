package dev.krako.topology.capacity;

import dev.krako.capacity.Transition;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Stores an admission transition and forwards what it publishes. */
final class Decisions {

  private Decisions() {}

  /**
   * Saves the new state and forwards its status (for krako.admission.mode); when the mode itself
   * changed, forwards the one {@code capacity.admission.mode.changed} event too.
   */
  static void publish(
      ProcessorContext<String, SpecificRecord> context,
      AdmissionLedger ledger,
      Transition t,
      String instance,
      long atMs) {
    SpecificRecord status = ledger.save(t.after());
    context.forward(new Record<>(CapacityNames.ADMISSION_KEY, status, atMs));
    if (t.modeChanged()) {
      context.forward(
          new Record<>(CapacityNames.ADMISSION_KEY, CapacityEvents.modeChanged(t, instance), atMs));
    }
  }
}
