{{/*
Stops the render, with a message that names the value to change, when the values would give an
inconsistent deployment (helm/README.md, "Scaling"). Every template includes it first: helm
renders templates in its own order, and a template reading a malformed value would otherwise fail
with a nil-pointer error before this check had a chance to say what is wrong. It renders nothing.
*/}}
{{- define "krako.validate" -}}
{{- $partitions := int .Values.topics.partitions -}}
{{- if not .Values.kafka.bootstrapServers -}}
{{- fail "kafka.bootstrapServers is required: the Kafka bootstrap address every process connects to." -}}
{{- end -}}
{{- if lt $partitions 1 -}}
{{- fail (printf "topics.partitions must be at least 1, not %d." $partitions) -}}
{{- end -}}
{{- if lt (int .Values.topics.replicationFactor) 1 -}}
{{- fail (printf "topics.replicationFactor must be at least 1, not %d." (int .Values.topics.replicationFactor)) -}}
{{- end -}}
{{- if and .Values.kafka.clientConfig.existingSecret .Values.kafka.clientConfig.properties -}}
{{- fail "kafka.clientConfig: give either existingSecret or properties, not both." -}}
{{- end -}}

{{- $allowed := list "ingress" "orchestration" "billing" "trust" "capacity" "query" -}}
{{- $owners := dict -}}
{{- range $app, $own := .Values.topology.apps -}}
{{- $spec := mergeOverwrite (deepCopy $.Values.topology.defaults) $own -}}
{{- if not $spec.components -}}
{{- fail (printf "topology.apps.%s.components is empty: name the components this application runs." $app) -}}
{{- end -}}
{{- range $spec.components -}}
{{- if not (has . $allowed) -}}
{{- fail (printf "topology.apps.%s.components: unknown component %q; a topology application runs some of %s." $app . (join ", " $allowed)) -}}
{{- end -}}
{{- if and (ne . "query") (hasKey $owners .) -}}
{{- fail (printf "The %s component runs in both topology.apps.%s and topology.apps.%s: each topology runs in exactly one application." . (get $owners .) $app) -}}
{{- end -}}
{{- $_ := set $owners . $app -}}
{{- end -}}
{{- if and (has "query" $spec.components) (not (and (has "orchestration" $spec.components) (has "billing" $spec.components) (has "trust" $spec.components))) -}}
{{- fail (printf "topology.apps.%s runs query without orchestration, billing and trust: the query API reads their stores in its own process." $app) -}}
{{- end -}}
{{- if gt (int $spec.replicas) $partitions -}}
{{- fail (printf "topology.apps.%s.replicas (%d) exceeds topics.partitions (%d): the extra instances would get no partition. Raise topics.partitions first (helm/README.md, \"Raising partitions\")." $app (int $spec.replicas) $partitions) -}}
{{- end -}}
{{- end -}}
{{- range list "ingress" "orchestration" "billing" "trust" "capacity" -}}
{{- if not (hasKey $owners .) -}}
{{- fail (printf "No topology application runs the %s component: add it to the components of one of topology.apps." .) -}}
{{- end -}}
{{- end -}}

{{- $pools := list "cpu" "cpu-trusted" "llm" -}}
{{- range $pool, $spec := .Values.workers -}}
{{- if not (has $pool $pools) -}}
{{- fail (printf "workers.%s: unknown worker pool; the pools are %s." $pool (join ", " $pools)) -}}
{{- end -}}
{{- if $spec.enabled -}}
{{- $loops := int $spec.loops -}}
{{- if lt $loops 1 -}}
{{- fail (printf "workers.%s.loops must be at least 1, not %d." $pool $loops) -}}
{{- end -}}
{{- if gt (mul (int $spec.replicas) $loops) $partitions -}}
{{- fail (printf "workers.%s: replicas x loops (%d x %d) exceeds topics.partitions (%d): a claim loop beyond the partitions of its dispatch topic gets none. Lower them or raise topics.partitions." $pool (int $spec.replicas) $loops $partitions) -}}
{{- end -}}
{{- if $spec.autoscaling.enabled -}}
{{- if gt (int $spec.autoscaling.minReplicas) (int $spec.autoscaling.maxReplicas) -}}
{{- fail (printf "workers.%s.autoscaling: minReplicas (%d) exceeds maxReplicas (%d)." $pool (int $spec.autoscaling.minReplicas) (int $spec.autoscaling.maxReplicas)) -}}
{{- end -}}
{{- if gt (mul (int $spec.autoscaling.maxReplicas) $loops) $partitions -}}
{{- fail (printf "workers.%s.autoscaling: maxReplicas x loops (%d x %d) exceeds topics.partitions (%d): the autoscaler would add pods that get no partition." $pool (int $spec.autoscaling.maxReplicas) $loops $partitions) -}}
{{- end -}}
{{- end -}}
{{- if and (eq $pool "llm") (not $spec.baseUrl) -}}
{{- fail "workers.llm.baseUrl is required while the LLM pool is enabled: the OpenAI-compatible endpoint of the LLM pods." -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
