namespace NeevCloud.Operator.Controllers;

/// <summary>Where VMs and root disks live in NeevCloud: one project of one organization (the scope of their LISTs).</summary>
public readonly record struct ProjectScope(string OrganizationId, string ProjectId)
{
    public override string ToString() => $"{OrganizationId}/{ProjectId}";
}
