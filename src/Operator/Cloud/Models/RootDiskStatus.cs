namespace NeevCloud.Operator.Cloud;

/// <summary>Lifecycle status of a root disk volume; <see cref="Unknown"/> is any value the API adds later.</summary>
public enum RootDiskStatus
{
    Unknown,
    Pending,
    Provisioning,
    Ready,
    Failed,
    Deleting,
}
