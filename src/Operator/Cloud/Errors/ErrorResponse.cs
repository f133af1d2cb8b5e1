namespace NeevCloud.Operator.Cloud;

/// <summary>
/// ErrorResponse of both services; <see cref="Details"/> is only sent by deleteProject's 409
/// (ProjectDeletionConflictResponse), so one shape reads every error body.
/// </summary>
internal sealed record ErrorResponse(string? Code, string? Message, ProjectResourceCounts? Details);
