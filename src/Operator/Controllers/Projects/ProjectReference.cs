using NeevCloud.Crds.Projects;
using NeevCloud.Operator.Runtime;

namespace NeevCloud.Operator.Controllers.Projects;

/// <summary>
/// A resource's projectRef as resolved from the cache: the cloud ids when the Project is Ready,
/// otherwise why the resource has to wait (<see cref="Waiting"/>).
/// </summary>
public sealed record ProjectReference(Project? Resource, string? OrganizationId, string? ProjectId, Readiness? Waiting)
{
    /// <summary>The Project resource is being deleted or does not exist any more.</summary>
    public bool IsGoing => Resource is null || Resource.Metadata.DeletionTimestamp is not null;
}
