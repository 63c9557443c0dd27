package dev.krako.topology.capacity;

import dev.krako.avro.AdmissionStatus;
import dev.krako.capacity.AdmissionMode;
import dev.krako.capacity.AdmissionState;
import dev.krako.capacity.Cause;
import org.apache.kafka.streams.state.KeyValueStore;

/** The admission mode in force, as the capacity topology last decided it. */
final class AdmissionLedger {

  private final KeyValueStore<String, AdmissionStatus> store;

  AdmissionLedger(KeyValueStore<String, AdmissionStatus> store) {
    this.store = store;
  }

  AdmissionState current() {
    AdmissionStatus status = store.get(CapacityNames.ADMISSION_KEY);
    return status == null ? AdmissionState.initial() : fromAvro(status);
  }

  /** Stores the state; returns the record to publish on krako.admission.mode. */
  AdmissionStatus save(AdmissionState state) {
    AdmissionStatus status = toAvro(state);
    store.put(CapacityNames.ADMISSION_KEY, status);
    return status;
  }

  static AdmissionStatus toAvro(AdmissionState state) {
    return new AdmissionStatus(
        state.mode().wireName(),
        state.cause().wireName(),
        state.reason(),
        state.operatorHeld(),
        state.since(),
        state.changes());
  }

  static AdmissionState fromAvro(AdmissionStatus status) {
    return new AdmissionState(
        AdmissionMode.parse(status.getMode()),
        Cause.parse(status.getCause()),
        status.getReason(),
        status.getOperatorHeld(),
        status.getSince(),
        status.getChanges());
  }
}
