package dev.krako.topology.codec;

import dev.krako.avro.Budgets;
import dev.krako.avro.FailurePolicy;
import dev.krako.avro.GraphSourceFormat;
import dev.krako.avro.Privacy;
import dev.krako.avro.WorkUnitSpec;
import dev.krako.avro.WorkUnitType;
import dev.krako.graph.Activation;
import dev.krako.graph.Criticality;
import dev.krako.graph.SkipCondition;
import dev.krako.graph.SourceFormat;
import dev.krako.graph.TaskGraph;
import dev.krako.graph.UnitType;
import dev.krako.graph.VerificationMode;
import dev.krako.graph.WorkUnit;
import java.math.BigDecimal;
import java.util.Locale;

/** Maps a TaskGraph between the domain and its Avro form. */
public final class GraphCodec {

  private GraphCodec() {}

  public static dev.krako.avro.TaskGraph toAvro(TaskGraph graph) {
    return dev.krako.avro.TaskGraph.newBuilder()
        .setSchemaVersion(graph.schemaVersion())
        .setGraphId(graph.graphId())
        .setRequestId(graph.requestId())
        .setTenantId(graph.tenantId())
        .setCreatedAt(graph.createdAt())
        .setSourceFormat(
            graph.sourceFormat() == SourceFormat.KORA_IR_0_1
                ? GraphSourceFormat.kora_ir_0_1
                : GraphSourceFormat.taskgraph_1x)
        .setBudgets(budgets(graph.budgets()))
        .setFailurePolicy(
            FailurePolicy.valueOf(graph.failurePolicy().name().toLowerCase(Locale.ROOT)))
        .setFinalOutputs(graph.finalOutputs())
        .setWorkUnits(graph.workUnits().stream().map(GraphCodec::unit).toList())
        .build();
  }

  public static TaskGraph toDomain(dev.krako.avro.TaskGraph graph) {
    Budgets b = graph.getBudgets();
    return new TaskGraph(
        graph.getSchemaVersion(),
        graph.getGraphId(),
        graph.getRequestId(),
        graph.getTenantId(),
        graph.getCreatedAt(),
        new dev.krako.graph.Budgets(
            b.getMaxLlmCalls(),
            b.getMaxCpuUnits(),
            b.getMaxTokens(),
            b.getMaxLatencyMs(),
            b.getMaxCostUsd() == null ? null : new BigDecimal(b.getMaxCostUsd())),
        dev.krako.graph.FailurePolicy.valueOf(
            graph.getFailurePolicy().name().toUpperCase(Locale.ROOT)),
        graph.getWorkUnits().stream().map(GraphCodec::unit).toList(),
        graph.getFinalOutputs(),
        graph.getSourceFormat() == GraphSourceFormat.kora_ir_0_1
            ? SourceFormat.KORA_IR_0_1
            : SourceFormat.TASKGRAPH_1X);
  }

  public static WorkUnitType type(UnitType type) {
    return WorkUnitType.valueOf(type.wireName());
  }

  private static Budgets budgets(dev.krako.graph.Budgets b) {
    return Budgets.newBuilder()
        .setMaxLlmCalls(b.maxLlmCalls())
        .setMaxCpuUnits(b.maxCpuUnits())
        .setMaxTokens(b.maxTokens())
        .setMaxLatencyMs(b.maxLatencyMs())
        .setMaxCostUsd(b.maxCostUsd() == null ? null : b.maxCostUsd().toPlainString())
        .build();
  }

  private static WorkUnitSpec unit(WorkUnit u) {
    return WorkUnitSpec.newBuilder()
        .setId(u.id())
        .setType(type(u.type()))
        .setDependencies(u.dependencies())
        .setInputJson(u.inputJson())
        .setRunJson(u.runJson())
        .setPrivacy(Privacy.valueOf(u.privacy().name().toLowerCase(Locale.ROOT)))
        .setTrustedNodeRequired(u.trustedNodeRequired())
        .setBudgetTokens(u.budgetTokens())
        .setMaxAttempts(u.maxAttempts())
        .setBackoffMs(u.backoffMs())
        .setRunTimeoutMs(u.runTimeoutMs())
        .setIdempotent(u.idempotent())
        .setOutputSchemaJson(u.outputSchemaJson())
        .setDispatchTimeoutMs(u.dispatchTimeoutMs())
        .setCriticality(dev.krako.avro.Criticality.valueOf(lower(u.criticality())))
        .setVerificationMode(dev.krako.avro.VerificationMode.valueOf(lower(u.verificationMode())))
        .setActivation(u.activation() == null ? null : activation(u.activation()))
        .setSkipIf(
            u.skipIf() == null
                ? null
                : new dev.krako.avro.SkipCondition(u.skipIf().path(), u.skipIf().equalsJson()))
        .build();
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static dev.krako.avro.Activation activation(Activation a) {
    return new dev.krako.avro.Activation(
        dev.krako.avro.ActivationCondition.valueOf(a.when().wireName()), a.of(), a.threshold());
  }

  private static Activation activation(dev.krako.avro.Activation a) {
    if (a == null) {
      return null;
    }
    Activation.Condition when =
        Activation.Condition.valueOf(a.getWhen().name().toUpperCase(Locale.ROOT));
    return new Activation(when, a.getOf(), a.getThreshold());
  }

  private static WorkUnit unit(WorkUnitSpec u) {
    return new WorkUnit(
        u.getId(),
        UnitType.fromWireName(u.getType().name())
            .orElseThrow(
                () -> new IllegalStateException("Unit " + u.getId() + " has an unknown type.")),
        u.getDependencies(),
        u.getInputJson(),
        u.getRunJson(),
        dev.krako.graph.Privacy.valueOf(u.getPrivacy().name().toUpperCase(Locale.ROOT)),
        u.getTrustedNodeRequired(),
        u.getBudgetTokens(),
        u.getMaxAttempts(),
        u.getBackoffMs(),
        u.getRunTimeoutMs(),
        u.getIdempotent(),
        u.getOutputSchemaJson(),
        u.getDispatchTimeoutMs(),
        Criticality.valueOf(u.getCriticality().name().toUpperCase(Locale.ROOT)),
        VerificationMode.valueOf(u.getVerificationMode().name().toUpperCase(Locale.ROOT)),
        activation(u.getActivation()),
        u.getSkipIf() == null
            ? null
            : new SkipCondition(u.getSkipIf().getPath(), u.getSkipIf().getEqualsJson()));
  }
}
