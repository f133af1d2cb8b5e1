using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Runtime;

namespace NeevCloud.Operator.Controllers.VirtualMachines;

/// <summary>
/// How a cloud VM's status reads as kstatus conditions. Pure: no I/O and no clock, so the
/// whole table is testable and Argo CD, Flux and <c>kubectl wait</c> see the same verdict the tests pin.
/// </summary>
public static class VmReadiness
{
    /// <summary>A state the VM passes through on its own way to another (starting, stopping, being deleted).</summary>
    public static bool IsPassing(VmStatus status) =>
        status is VmStatus.Pending or VmStatus.Provisioning or VmStatus.Starting or VmStatus.Stopping or VmStatus.Restarting or VmStatus.Deleting;

    /// <summary>The verdict on a cloud status; <paramref name="why"/> says what asks for <paramref name="desired"/> (default: spec.powerState), e.g. the power schedule or the expiry.</summary>
    public static Readiness ForCloudStatus(OpenEnum<VmStatus> status, PowerState desired, string? cloudMessage, string? why = null) => status.Value switch
    {
        // Transitional states settle by themselves; the reason is the enum name, not the raw string, so a
        // cloud that sends "PENDING" still yields the CamelCase reason kstatus tools expect.
        VmStatus.Pending or VmStatus.Provisioning or VmStatus.Starting or VmStatus.Stopping or VmStatus.Restarting =>
            Readiness.InProgress(status.Value.ToString(), $"VM is {status.Value.ToString().ToLowerInvariant()}; waiting for it to settle"),

        // Running is only healthy when it is what the spec asked for; otherwise the operator still has work to do.
        VmStatus.Running => desired == PowerState.Running
            ? Readiness.IsReady("Running", why is null or "spec.powerState is Running" ? "VM is running" : $"VM is running: {why}")
            : Readiness.InProgress("Running", $"VM is running but {why ?? "spec.powerState is Stopped"}; the operator will stop it"),

        VmStatus.Stopped => desired == PowerState.Stopped
            ? Readiness.IsReady("Stopped", why is null or "spec.powerState is Stopped" ? "VM is stopped as spec.powerState asks" : $"VM is stopped: {why}")
            : Readiness.InProgress("Stopped", $"VM is stopped but {why ?? "spec.powerState is Running"}; the operator will start it"),

        VmStatus.Deleting => Readiness.InProgress("Deleting", "VM is being deleted in the cloud"),

        // Someone deleted the VM outside the operator. Recreating it would silently lose its disks and IP,
        // so stop and let a human decide.
        VmStatus.Deleted => Readiness.IsStalled(
            "DeletedOutOfBand",
            "the cloud VM was deleted outside the operator and is not recreated silently; "
            + "delete this VirtualMachine resource and apply it again to create a new VM"),

        // The cloud's own words explain a failure best, so they lead the message; the advice follows.
        VmStatus.Failed => Readiness.IsStalled("Failed", FailedMessage(cloudMessage)),

        // A status this build does not know: never report it as healthy, keep watching, and show the raw value.
        _ => Readiness.IsUnknown(
            "UnknownStatus", $"the cloud reports VM status '{status.Raw}', which this operator does not know; it keeps watching the VM"),
    };

    private static string FailedMessage(string? cloudMessage) => string.IsNullOrWhiteSpace(cloudMessage)
        ? "the cloud reports the VM as failed without giving a reason; inspect it in the NeevCloud console, "
          + "then delete this VirtualMachine resource and apply it again to replace it"
        : $"{cloudMessage.Trim()} (the cloud reports the VM as failed; inspect it in the NeevCloud console, "
          + "then delete this VirtualMachine resource and apply it again to replace it)";
}
