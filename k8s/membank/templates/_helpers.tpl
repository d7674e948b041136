{{/* Common labels of every object. */}}
{{- define "membank.labels" -}}
app.kubernetes.io/part-of: membank
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/instance: {{ .Release.Name }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
membank.io/environment: {{ .Values.global.environment }}
{{- end }}

{{/* The colours that run: the active one, and the idle one while deployIdle. */}}
{{- define "membank.colours" -}}
{{- $active := .Values.blueGreen.active -}}
{{- if not (has $active (list "blue" "green")) -}}
{{- fail (printf "blueGreen.active must be blue or green, not %q" $active) -}}
{{- end -}}
{{- if .Values.blueGreen.deployIdle -}}
blue,green
{{- else -}}
{{ $active }}
{{- end -}}
{{- end }}

{{- define "membank.idleColour" -}}
{{- if eq .Values.blueGreen.active "blue" }}green{{ else }}blue{{ end -}}
{{- end }}

{{/* image ROOT NAME COLOUR — a service image by digest (when given) or by tag. */}}
{{- define "membank.image" -}}
{{- $root := index . 0 -}}{{- $name := index . 1 -}}{{- $colour := index . 2 -}}
{{- $img := $root.Values.global.image -}}
{{- $suffix := ternary "-native" "" (eq $img.variant "native") -}}
{{- $repo := printf "%s/%s/%s%s" $img.registry $img.repository $name $suffix -}}
{{- $digest := index ($img.digests | default dict) $name | default "" -}}
{{- $tag := index $root.Values.blueGreen.tags $colour | default $img.tag -}}
{{- if and $digest (eq $colour $root.Values.blueGreen.active) -}}
{{ $repo }}@{{ $digest }}
{{- else -}}
{{ $repo }}:{{ $tag }}
{{- end -}}
{{- end }}

{{/* Hardened container securityContext (non-root, read-only, no capabilities). */}}
{{- define "membank.containerSecurity" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
privileged: false
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "membank.podSecurity" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* Name of the Secret a service reads its credentials from. */}}
{{- define "membank.secretName" -}}
{{ . }}-credentials
{{- end }}

{{/* Kafka bootstrap: the Strimzi cluster's TLS listener, or global.kafkaBootstrap (MSK). */}}
{{- define "membank.kafkaBootstrap" -}}
{{- if .Values.global.kafkaBootstrap -}}
{{ .Values.global.kafkaBootstrap }}
{{- else if .Values.kafka.enabled -}}
{{ .Values.kafka.clusterName }}-kafka-bootstrap.{{ .Release.Namespace }}.svc:9093
{{- else -}}
{{- fail "kafka.enabled is false: set global.kafkaBootstrap (the managed cluster's bootstrap)" -}}
{{- end -}}
{{- end }}

{{/* pgHost ROOT DATABASE — CloudNativePG's read-write Service of that database's cluster, or the managed host. */}}
{{- define "membank.pgHost" -}}
{{- $root := index . 0 -}}{{- $db := index . 1 -}}
{{- if $root.Values.postgres.enabled -}}
{{ replace "_" "-" $db }}-rw
{{- else if $root.Values.postgres.host -}}
{{ $root.Values.postgres.host }}
{{- else -}}
{{- fail "postgres.enabled is false: set postgres.host (the Aurora writer endpoint)" -}}
{{- end -}}
{{- end }}

{{/* storeEgress ROOT STORE [DATABASE] — the egress rule to one store, in-cluster or managed. */}}
{{- define "membank.storeEgress" -}}
{{- $root := index . 0 -}}{{- $store := index . 1 -}}
{{- $db := "" -}}{{- if gt (len .) 2 }}{{ $db = index . 2 | default "" }}{{ end -}}
{{- $v := $root.Values -}}
{{- $inCluster := dict "postgres" $v.postgres.enabled "kafka" (and $v.kafka.enabled (not $v.global.kafkaBootstrap)) "redis" $v.redis.inCluster "neo4j" $v.neo4j.inCluster "qdrant" $v.qdrant.inCluster -}}
{{- $ports := dict "postgres" (list 5432) "kafka" (list 9093) "redis" (list 6379) "neo4j" (list 7687) "qdrant" (list 6333 6334) -}}
{{- if eq $store "kafka" }}{{ if not (index $inCluster "kafka") }}{{ $_ := set $ports "kafka" (list 9094 9098) }}{{ end }}{{ end -}}
- to:
{{- if index $inCluster $store }}
    - podSelector:
        matchLabels:
{{- if eq $store "postgres" }}
          cnpg.io/cluster: {{ replace "_" "-" $db }}
{{- else if eq $store "kafka" }}
          strimzi.io/cluster: {{ $v.kafka.clusterName }}
          strimzi.io/kind: Kafka
{{- else }}
          app.kubernetes.io/name: {{ $store }}
{{- end }}
{{- else }}
{{- if not $v.networkPolicy.managedStoresCidrs }}
{{- fail (printf "%s is managed (not in-cluster): set networkPolicy.managedStoresCidrs" $store) }}
{{- end }}
{{- range $v.networkPolicy.managedStoresCidrs }}
    - ipBlock: { cidr: {{ . }} }
{{- end }}
{{- end }}
  ports:
{{- range index $ports $store }}
    - { port: {{ . }}, protocol: TCP }
{{- end }}
{{- end }}

{{/* "true" when the services authenticate to Kafka with MSK IAM (global.kafkaAuth=iam). */}}
{{- define "membank.kafkaIam" -}}
{{- $auth := .Values.global.kafkaAuth | default "none" -}}
{{- if not (has $auth (list "none" "iam")) -}}
{{- fail (printf "global.kafkaAuth must be none or iam, not %q" $auth) -}}
{{- end -}}
{{- if and (eq $auth "iam") (not .Values.global.kafkaBootstrap) -}}
{{- fail "global.kafkaAuth=iam is for a managed Kafka (MSK): set global.kafkaBootstrap (port 9098)" -}}
{{- end -}}
{{- eq $auth "iam" -}}
{{- end }}
