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

    /// <summary>
    /// When the operator decided to create the project, written before the create call. With no
    /// projectId recorded, it tells a restarted operator to look the project up by name before
    /// creating it again.
    /// </summary>
    [JsonPropertyName("createRequestedAt")]
    public DateTime? CreateRequestedAt { get; set; }

    /// <summary>The resources in the cluster that reference this project, as Kind/name (references are always within the namespace); they block its deletion.</summary>
    [JsonPropertyName("dependents")]
    public IList<string>? Dependents { get; set; }

    /// <summary>The cloud resources that blocked the last deletion attempt, as counted by NeevCloud.</summary>
    [JsonPropertyName("blockingCounts")]
    public ProjectBlockingCounts? BlockingCounts { get; set; }
}
