namespace NeevCloud.Simulator.Domain;

/// <summary>The machine-readable <c>code</c> values the simulator answers with.</summary>
internal static class ErrorCodes
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidState = "invalid_state";
    public const string ResourceLimitExceeded = "resource_limit_exceeded";
    public const string Unauthorized = "unauthorized";
    public const string NotFound = "not_found";
    public const string ProjectNameTaken = "project_name_taken";
    public const string ProjectNotEmpty = "project_not_empty";
    public const string DiskAttached = "disk_attached";
    public const string InternalError = "internal_error";
    public const string BadGateway = "bad_gateway";
    public const string InjectedFault = "simulated_fault";
}
