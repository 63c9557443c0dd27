package dev.krako.session;

import static dev.krako.session.UnitSpec.cpu;
import static dev.krako.session.UnitSpec.llm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.krako.graph.GraphJson;
import dev.krako.graph.GraphParser;
import dev.krako.graph.IngressLimits;
import dev.krako.graph.ParseOutcome;
import dev.krako.graph.UnitJson;
import dev.krako.graph.UnitType;
import dev.krako.graph.Violation;
import dev.krako.graph.ViolationCode;
import dev.krako.graph.WorkUnit;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** llm → LLM pod only; local_only or trusted_node_required → trusted CPU only; else CPU. */
final class PlacementPolicyTest {

  @Test
  void anLlmUnitIsPlacedOnAnLlmPod() {
    assertThat(PlacementPolicy.place(llm("a").build())).isEqualTo(Substrate.LLM_POD);
  }

  @ParameterizedTest
  @EnumSource(
      value = UnitType.class,
      names = {"DETERMINISTIC", "RETRIEVAL", "SMALL_MODEL"})
  void aCpuUnitIsPlacedOnTheCpuPool(UnitType type) {
    assertThat(PlacementPolicy.place(cpu("a").ofType(type).build())).isEqualTo(Substrate.CPU);
  }

  @ParameterizedTest
  @EnumSource(
      value = UnitType.class,
      names = {"DETERMINISTIC", "RETRIEVAL", "SMALL_MODEL"})
  void aLocalOnlyOrTrustedCpuUnitIsPlacedOnTrustedCpu(UnitType type) {
    UnitSpec unit = cpu("a").ofType(type);

    assertThat(PlacementPolicy.place(unit.localOnly().build())).isEqualTo(Substrate.CPU_TRUSTED);
    assertThat(PlacementPolicy.place(unit.trustedNodeRequired().build()))
        .isEqualTo(Substrate.CPU_TRUSTED);
    assertThat(PlacementPolicy.place(unit.localOnly().trustedNodeRequired().build()))
        .isEqualTo(Substrate.CPU_TRUSTED);
  }

  @Test
  void anLlmUnitThatMustStayOnTrustedCpuCannotBePlaced() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PlacementPolicy.place(llm("a").localOnly().build()));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PlacementPolicy.place(llm("a").trustedNodeRequired().build()));
  }

  /**
   * Ingress and placement agree: every unit the parser accepts has a substrate, and every unit that
   * has none is rejected as a PRIVACY_CONFLICT, for each combination of type and constraints.
   */
  @Test
  void everyUnitIngressAcceptsCanBePlacedAndEveryOtherIsAPrivacyConflict() {
    GraphParser parser = new GraphParser(IngressLimits.defaults());
    List<Object> privacies = Arrays.asList(null, "allow_remote", "local_only");
    List<Object> flags = Arrays.asList(null, false, true);
    for (UnitType type : UnitType.values()) {
      for (Object privacy : privacies) {
        for (Object legacyLocal : flags) {
          for (Object trusted : flags) {
            UnitJson unit =
                UnitJson.unit("a", type.wireName())
                    .with("constraints.privacy", privacy)
                    .with("constraints.local_only", legacyLocal)
                    .with("constraints.trusted_node_required", trusted);
            boolean placeable =
                type != UnitType.LLM
                    || !("local_only".equals(privacy)
                        || Boolean.TRUE.equals(legacyLocal)
                        || Boolean.TRUE.equals(trusted));
            String combination = type + " " + privacy + " " + legacyLocal + " " + trusted;

            ParseOutcome outcome = parser.parse(GraphJson.graph(unit).bytes());

            if (placeable) {
              assertThat(outcome).as(combination).isInstanceOf(ParseOutcome.Accepted.class);
              WorkUnit accepted = ((ParseOutcome.Accepted) outcome).graph().workUnits().get(0);
              assertThat(PlacementPolicy.place(accepted)).as(combination).isNotNull();
            } else {
              assertThat(outcome).as(combination).isInstanceOf(ParseOutcome.Rejected.class);
              assertThat(((ParseOutcome.Rejected) outcome).violations())
                  .as(combination)
                  .extracting(Violation::code)
                  .containsOnly(ViolationCode.PRIVACY_CONFLICT);
            }
          }
        }
      }
    }
  }
}
