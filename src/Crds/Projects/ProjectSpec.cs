using System.Text.Json.Serialization;
using NeevCloud.Crds.Attributes;

namespace NeevCloud.Crds.Projects;

/// <summary>The desired NeevCloud project. Every field is optional; an empty spec creates a project named after metadata.name.</summary>
public sealed class ProjectSpec
{
    /// <summary>
    /// The NeevCloud organization that owns the project. Defaults to the organization the operator
    /// is configured with. Immutable: a project cannot move between organizations.
    /// </summary>
    [JsonPropertyName("organizationId")]
    [Length(minLength: 1)]
    [Immutable("a project cannot move to another organization; create a new Project instead")]
    public string? OrganizationId { get; set; }

    /// <summary>The project name in NeevCloud (1-100 characters). Defaults to metadata.name. Changing it renames the project.</summary>
    [JsonPropertyName("displayName")]
    [Length(1, ResourceLimits.ProjectNameMaxLength)]
    public string? DisplayName { get; set; }

    /// <summary>The project description in NeevCloud. Changing it updates the project.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; set; }

    /// <summary>
    /// What deleting this resource does: Delete deletes the cloud project once it has no dependents; Orphan
    /// leaves it in place. Unset: Orphan for a project adopted by spec.projectId, Delete for one the operator
    /// created (status.deletionPolicy shows which applies).
    /// </summary>
    [JsonPropertyName("deletionPolicy")]
    public DeletionPolicy? DeletionPolicy { get; set; }

    /// <summary>
    /// When true, deleting this resource makes no cloud call: it stays Terminating (Stalled, reason
    /// DeletionProtected) until this is set to false, or deletionPolicy to Orphan. A guard against a prune or a
    /// bulk delete nobody meant; it can be changed at any time, also while the resource is Terminating.
    /// </summary>
    [JsonPropertyName("deletionProtection")]
    [DefaultValue(false)]
    public bool DeletionProtection { get; set; }

    /// <summary>
    /// Manage (default) lets the operator create, correct and delete the cloud resource; ObserveOnly only looks
    /// (GET and LIST), needs the cloud id in the spec, and deleting the resource forgets the cloud resource.
    /// </summary>
    [JsonPropertyName("managementPolicy")]
    [DefaultValue(ManagementPolicy.Manage)]
    public ManagementPolicy ManagementPolicy { get; set; } = ManagementPolicy.Manage;

    /// <summary>
    /// The id of an existing NeevCloud project to adopt instead of creating one. May be added to
    /// a Project that has none, but once set it cannot change or be removed.
    /// </summary>
    [JsonPropertyName("projectId")]
    [Length(minLength: 1)]
    [Immutable("it names the cloud project this resource manages", OnceSet = true)]
    public string? ProjectId { get; set; }
}
