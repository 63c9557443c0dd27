{{/* The release's name prefix of every resource, at most 63 characters. */}}
{{- define "krako.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels of every resource. */}}
{{- define "krako.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selector labels of one workload; call with (dict "root" $ "workload" NAME). */}}
{{- define "krako.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .workload }}
{{- end -}}

{{- define "krako.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{/* The name of the Secret that holds the Kafka client properties, empty when there is none. */}}
{{- define "krako.kafkaConfigSecret" -}}
{{- if .Values.kafka.clientConfig.existingSecret -}}
{{ .Values.kafka.clientConfig.existingSecret }}
{{- else if .Values.kafka.clientConfig.properties -}}
{{ include "krako.fullname" . }}-kafka-client
{{- end -}}
{{- end -}}

{{/* The Kafka settings every process gets: bootstrap servers, client properties, topic prefix. */}}
{{- define "krako.kafkaEnv" -}}
- name: KRAKO_BOOTSTRAP_SERVERS
  value: {{ .Values.kafka.bootstrapServers | quote }}
- name: KRAKO_TOPIC_PREFIX
  value: {{ .Values.kafka.topicPrefix | quote }}
{{- if include "krako.kafkaConfigSecret" . }}
- name: KRAKO_KAFKA_CONFIG
  value: /etc/krako/kafka/client.properties
{{- end }}
- name: JAVA_TOOL_OPTIONS
  value: {{ .Values.javaToolOptions | quote }}
{{- end -}}

{{/* The volume mounts of the Kafka client settings, and /tmp. */}}
{{- define "krako.kafkaVolumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if include "krako.kafkaConfigSecret" . }}
- name: kafka-client
  mountPath: /etc/krako/kafka/client.properties
  subPath: client.properties
  readOnly: true
{{- end }}
{{- if .Values.kafka.tlsSecret }}
- name: kafka-tls
  mountPath: /etc/krako/kafka/tls
  readOnly: true
{{- end }}
{{- end -}}

{{- define "krako.kafkaVolumes" -}}
- name: tmp
  emptyDir: {}
{{- with include "krako.kafkaConfigSecret" . }}
- name: kafka-client
  secret:
    secretName: {{ . }}
    items:
      - key: {{ $.Values.kafka.clientConfig.key }}
        path: client.properties
{{- end }}
{{- if .Values.kafka.tlsSecret }}
- name: kafka-tls
  secret:
    secretName: {{ .Values.kafka.tlsSecret }}
{{- end }}
{{- end -}}

{{/*
Annotations of every long-running pod: Prometheus scraping, and a checksum of the chart's own
Kafka client Secret so that pods restart when its settings change.
*/}}
{{- define "krako.podAnnotations" -}}
{{- if .Values.metrics.scrape }}
prometheus.io/scrape: "true"
prometheus.io/port: {{ .Values.httpPort | quote }}
prometheus.io/path: /metrics
{{- end }}
{{- if and .Values.kafka.clientConfig.properties (not .Values.kafka.clientConfig.existingSecret) }}
checksum/kafka-client: {{ toJson .Values.kafka.clientConfig.properties | sha256sum }}
{{- end }}
{{- end -}}

{{/* The HTTP port, liveness and readiness probes of a `krako serve` container. */}}
{{- define "krako.httpAndProbes" -}}
ports:
  - name: http
    containerPort: {{ .Values.httpPort }}
    protocol: TCP
livenessProbe:
  httpGet:
    path: /v1/health
    port: http
  {{- toYaml .Values.probes.liveness | nindent 2 }}
readinessProbe:
  httpGet:
    path: /v1/ready
    port: http
  {{- toYaml .Values.probes.readiness | nindent 2 }}
{{- end -}}

{{/* Pod-level settings shared by every Krako pod. */}}
{{- define "krako.podCommon" -}}
automountServiceAccountToken: false
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
