namespace NeevCloud.Simulator.Domain;

/// <summary>The VMStatus values of the API. A VM's status is a plain string so that tests can force unknown ones.</summary>
internal static class VmStatuses
{
    public const string Pending = "pending";
    public const string Provisioning = "provisioning";
    public const string Starting = "starting";
    public const string Running = "running";
    public const string Stopping = "stopping";
    public const string Stopped = "stopped";
    public const string Restarting = "restarting";
    public const string Deleting = "deleting";
    public const string Deleted = "deleted";
    public const string Failed = "failed";
}
