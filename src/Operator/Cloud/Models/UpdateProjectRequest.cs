namespace NeevCloud.Operator.Cloud;

/// <summary>
/// ProjectUpdateRequest: the body of updateProject. A null field is omitted and keeps its value in the cloud;
/// an empty <see cref="Description"/> clears it. At least one field must be set.
/// </summary>
public sealed record UpdateProjectRequest(string? Name = null, string? Description = null);
