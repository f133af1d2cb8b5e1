namespace NeevCloud.Operator.Cloud;

/// <summary>ProjectResponse of the Tenant API.</summary>
public sealed record CloudProject(string Id, string Name, string? Description, OpenEnum<ProjectStatus> Status);
