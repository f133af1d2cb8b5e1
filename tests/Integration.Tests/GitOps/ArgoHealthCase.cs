using System.Text.Json.Nodes;

namespace Integration.Tests.GitOps;

/// <summary>A resource as Argo CD sees it, and the health Argo CD must show for it.</summary>
internal sealed record ArgoHealthCase(JsonNode Resource, string Status, string Message);
