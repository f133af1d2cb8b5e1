using System.Text.Json.Serialization;
using NeevCloud.Crds.Attributes;

namespace NeevCloud.Crds;

/// <summary>A reference to another resource in the same namespace.</summary>
public sealed class LocalObjectReference
{
    /// <summary>metadata.name of the referenced resource, in the same namespace as this resource.</summary>
    [JsonPropertyName("name")]
    [Required]
    [Length(1, 253)]
    [Pattern(ResourcePatterns.Dns1123Subdomain)]
    public string Name { get; set; } = "";
}
