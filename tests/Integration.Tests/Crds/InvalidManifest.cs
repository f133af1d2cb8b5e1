using System.Text.Json.Nodes;

namespace Integration.Tests.Crds;

/// <summary>A manifest the API server must reject, the field its error must name and a phrase of the message.</summary>
internal sealed record InvalidManifest(string Name, JsonObject Manifest, string Field, string Message);
