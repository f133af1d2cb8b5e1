{{/*
The chart name, overridable with nameOverride.
*/}}
{{- define "neev-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The prefix of every resource name: fullnameOverride, else release-chart (just the release when
it already contains the chart name). 63 characters, the limit of a DNS label.
*/}}
{{- define "neev-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "neev-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels on every resource.
*/}}
{{- define "neev-operator.labels" -}}
helm.sh/chart: {{ include "neev-operator.chart" . }}
{{ include "neev-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
The stable subset that selects the operator's pods; it must never change between upgrades,
since a Deployment's selector is immutable.
*/}}
{{- define "neev-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "neev-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "neev-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "neev-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false: name the existing ServiceAccount the operator runs as" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
A count or a percentage: numbers stay numbers, "50%" is quoted.
*/}}
{{- define "neev-operator.intOrString" -}}
{{- if kindIs "string" . }}{{ quote . }}{{ else }}{{ int64 . }}{{ end }}
{{- end }}

{{- define "neev-operator.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
The Secret holding the token: the user's, or the one the chart creates from credentials.token.
Rendering fails, saying what to set, when there is neither or both.
*/}}
{{- define "neev-operator.credentialsSecretName" -}}
{{- $c := .Values.credentials }}
{{- if and $c.existingSecret $c.token }}
{{- fail "credentials.existingSecret and credentials.token are both set: set only one (credentials.existingSecret is recommended)" }}
{{- end }}
{{- if $c.existingSecret }}
{{- $c.existingSecret }}
{{- else if $c.token }}
{{- printf "%s-credentials" (include "neev-operator.fullname" .) }}
{{- else }}
{{- fail "NeevCloud credentials are required: set credentials.existingSecret to the name of a Secret holding the API token (recommended), or credentials.token" }}
{{- /* Reached only under `helm lint`, where fail reports and goes on: the name the chart would create, so lint
       judges the rest of the chart instead of an empty name. */}}
{{- printf "%s-credentials" (include "neev-operator.fullname" .) }}
{{- end }}
{{- end }}

{{/*
The rules the operator needs on NeevCloud resources and events, wherever it watches them.
*/}}
{{- define "neev-operator.watchRules" -}}
# Reads come from watch caches (no get); patch sets the finalizer. MeasuredRbacTests checks
# against an audit log that these are exactly the requests the operator makes.
- apiGroups: ["neevcloud.com"]
  resources: ["projects", "virtualmachines"]
  verbs: ["list", "watch", "patch"]
# A VM with spec.onExpiry Delete is deleted by the operator when it expires.
- apiGroups: ["neevcloud.com"]
  resources: ["virtualmachines"]
  verbs: ["delete"]
# The operator creates a RootDisk <vm>-root for a root disk that outlives its VM.
- apiGroups: ["neevcloud.com"]
  resources: ["rootdisks"]
  verbs: ["list", "watch", "patch", "create"]
- apiGroups: ["neevcloud.com"]
  resources: ["projects/status", "virtualmachines/status", "rootdisks/status"]
  verbs: ["patch"]
- apiGroups: ["events.k8s.io"]
  resources: ["events"]
  verbs: ["create"]
{{- end }}
