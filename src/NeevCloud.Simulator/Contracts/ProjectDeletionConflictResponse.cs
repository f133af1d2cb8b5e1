namespace NeevCloud.Simulator.Contracts;

/// <summary>The 409 body of deleteProject: what still lives in the project.</summary>
internal sealed record ProjectDeletionConflictResponse(string Code, string Message, ProjectResourceCounts Details);
