namespace NeevCloud.Operator.Cloud;

/// <summary>ProjectRequest: the body of createProject. Name is 1–100 characters and unique in the organization.</summary>
public sealed record CreateProjectRequest(string Name, string? Description = null);
