package dev.krako.topology.ingress;

import dev.krako.avro.AdmissionStatus;
import dev.krako.topology.capacity.CapacityNames;
import java.time.Instant;

/** How ingress reads krako.admission.mode: its one key, and the mode before anything was set. */
final class AdmissionKey {

  static final String KEY = CapacityNames.ADMISSION_KEY;

  /** No mode published yet: a fresh deployment admits normally. */
  static final AdmissionStatus NORMAL =
      new AdmissionStatus("normal", "backlog", "no mode published yet", false, Instant.EPOCH, 0L);

  private AdmissionKey() {}
}
