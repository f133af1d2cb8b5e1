using NeevCloud.Simulator.Contracts;

namespace NeevCloud.Simulator.Domain;

/// <summary>An error answer: status, machine code and message (and, for deleteProject's 409, the counts).</summary>
internal sealed record Failure(int Status, string Code, string Message, ProjectResourceCounts? Details = null)
{
    public static Failure BadRequest(string message) => new(400, ErrorCodes.InvalidRequest, message);

    public static Failure NotFound(string message) => new(404, ErrorCodes.NotFound, message);

    public static Failure Conflict(string code, string message) => new(409, code, message);
}
