namespace NeevCloud.Operator.Cloud;

/// <summary>VMStatus of the VM Service API; <see cref="Unknown"/> is any value the API adds later.</summary>
public enum VmStatus
{
    Unknown,
    Pending,
    Provisioning,
    Starting,
    Running,
    Stopping,
    Stopped,
    Restarting,
    Deleting,
    Deleted,
    Failed,
}
