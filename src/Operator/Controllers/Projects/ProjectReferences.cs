using NeevCloud.Crds.Projects;
using NeevCloud.Operator.Runtime;

namespace NeevCloud.Operator.Controllers.Projects;

/// <summary>Resolves projectRef (a Project in the same namespace) for VirtualMachines and RootDisks.</summary>
public sealed class ProjectReferences(EntityCache<Project> projects)
{
    public ProjectReference Resolve(string? ns, string name)
    {
        var project = projects.Get(ObjectKey.Of(ns, name));
        if (project is null)
        {
            return new(null, null, null, Readiness.InProgress(
                "WaitingForProject", $"Project {ns}/{name} does not exist; create it (or fix spec.projectRef) and this resource continues"));
        }

        var status = project.Status;
        // The metadata record of the id is the one that survives a lost status.
        var projectId = Runtime.Managed.ManagedAnnotations.ExternalIdOf(project.Metadata) ?? status?.ProjectId;
        if (project.Metadata.DeletionTimestamp is not null)
        {
            return new(project, status?.OrganizationId, projectId, Readiness.InProgress(
                "ProjectDeleting", $"Project {ns}/{name} is being deleted; nothing new is created in it"));
        }

        var ready = Conditions.Find(status?.Conditions, ConditionTypes.Ready);
        if (projectId is null || status?.OrganizationId is null || ready?.Status != "True")
        {
            var why = ready is null ? "the operator has not reported on it yet" : $"{ready.Reason}: {ready.Message}";
            return new(project, status?.OrganizationId, projectId, Readiness.InProgress(
                "WaitingForProject", $"Project {ns}/{name} is not Ready yet ({why})"));
        }

        return new(project, status.OrganizationId, projectId, null);
    }
}
