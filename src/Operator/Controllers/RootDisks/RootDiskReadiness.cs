using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Runtime;

namespace NeevCloud.Operator.Controllers.RootDisks;

/// <summary>How a cloud root disk's status reads as kstatus conditions. Pure.</summary>
public static class RootDiskReadiness
{
    public static Readiness ForCloudStatus(OpenEnum<RootDiskStatus> status, bool attached, string? vmId, string? cloudMessage) => status.Value switch
    {
        RootDiskStatus.Pending or RootDiskStatus.Provisioning =>
            Readiness.InProgress(status.Value.ToString(), $"disk is {status.Value.ToString().ToLowerInvariant()}; waiting for it to be ready"),

        RootDiskStatus.Ready => attached
            ? Readiness.IsReady("Attached", $"disk is ready and attached to cloud VM {vmId}")
            : Readiness.IsReady("Available", "disk is ready and attached to no VM; a VirtualMachine can attach it"),

        RootDiskStatus.Deleting => Readiness.InProgress("Deleting", "disk is being deleted in the cloud"),

        RootDiskStatus.Failed => Readiness.IsStalled(
            "Failed",
            string.IsNullOrWhiteSpace(cloudMessage)
                ? "the cloud reports the disk as failed without giving a reason; inspect it in the NeevCloud console"
                : $"{cloudMessage.Trim()} (the cloud reports the disk as failed; inspect it in the NeevCloud console)"),

        _ => Readiness.IsUnknown(
            "UnknownStatus", $"the cloud reports disk status '{status.Raw}', which this operator does not know; it keeps watching the disk"),
    };
}
