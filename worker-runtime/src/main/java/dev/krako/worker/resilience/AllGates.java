package dev.krako.worker.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Admits a claim when each of its gates does; see {@link ClaimGate#allOf}. */
final class AllGates implements ClaimGate {

  private final List<ClaimGate> gates;

  AllGates(List<? extends ClaimGate> gates) {
    this.gates = List.copyOf(gates);
  }

  @Override
  public boolean isOpen() {
    return gates.stream().allMatch(ClaimGate::isOpen);
  }

  @Override
  public boolean staysInGroup() {
    return gates.stream().allMatch(ClaimGate::staysInGroup);
  }

  @Override
  public Optional<Admission> tryAdmit() {
    List<Admission> held = new ArrayList<>();
    for (ClaimGate gate : gates) {
      Optional<Admission> admission = gate.tryAdmit();
      if (admission.isEmpty()) {
        held.forEach(Admission::release); // all or nothing: give back what the others admitted
        return Optional.empty();
      }
      held.add(admission.get());
    }
    return Optional.of(() -> held.forEach(Admission::release));
  }
}
