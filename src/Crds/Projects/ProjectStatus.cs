using System.Text.Json.Serialization;

namespace NeevCloud.Crds.Projects;

/// <summary>The observed state of the NeevCloud project, written by the operator.</summary>
public sealed class ProjectStatus : ConditionedStatus
{
    /// <summary>The id of the cloud project this resource manages, recorded right after it was created or adopted.</summary>
    [JsonPropertyName("projectId")]
    public string? ProjectId { get; set; }

    /// <summary>The organization the project was created in (spec.organizationId or the operator's default).</summary>
    [JsonPropertyName("organizationId")]
    public string? OrganizationId { get; set; }

    /// <summary>The project's lifecycle state as NeevCloud reports it: active, suspended, archived or inactive.</summary>
    [JsonPropertyName("state")]
    public string? State { get; set; }

    /// <summary>The project's name as NeevCloud reports it.</summary>
    [JsonPropertyName("displayName")]
    public string? DisplayName { get; set; }

    /// <summary>The project's description as NeevCloud reports it.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; set; }

    /// <summary>
    /// Where the cloud project differs from the spec (field: desired vs observed), as last seen; the operator
    /// corrects it and records an event.
    /// </summary>
    [JsonPropertyName("drift")]
    public string? Drift { get; set; }

    /// <summary>The resources in the cluster that reference this project, as Kind/name (references are always within the namespace); they block its deletion.</summary>
    [JsonPropertyName("dependents")]
    public IList<string>? Dependents { get; set; }

    /// <summary>The cloud resources that blocked the last deletion attempt, as counted by NeevCloud.</summary>
    [JsonPropertyName("blockingCounts")]
    public ProjectBlockingCounts? BlockingCounts { get; set; }
}
