using System.Net;
using k8s.Autorest;
using Microsoft.Extensions.Options;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Runtime;
using NeevCloud.Operator.Runtime.Managed;

namespace NeevCloud.Operator.Controllers.VirtualMachines;

/// <summary>
/// The cost controls of a VM on the operator's clock: which power state its schedule and expiry ask for now, what
/// status and Ready say about them, when the next pass is due, and the deletion an expiry with onExpiry Delete asks
/// for. Nothing here calls the cloud.
/// </summary>
public sealed class VmPowerControl(
    IOptions<VmCostOptions> options,
    EntityClient<VirtualMachine> virtualMachines,
    IEventRecorder events,
    WriteFence fence,
    TimeProvider time)
{
    /// <summary>The plan for now; null with <paramref name="invalid"/> set when the schedule cannot be evaluated.</summary>
    public PowerPlan? PlanFor(VirtualMachine vm, out Readiness? invalid)
    {
        invalid = null;
        if (vm.Spec.PowerSchedule is { } schedule && !PowerPlan.IsKnownTimeZone(schedule.TimeZone))
        {
            invalid = Readiness.IsStalled(
                "InvalidSpec", $"spec.powerSchedule.timeZone '{schedule.TimeZone}' is not an IANA time zone (e.g. Europe/Berlin, Asia/Kolkata); fix it");
            return null;
        }

        var plan = PowerPlan.For(vm.Spec, time.GetUtcNow(), options.Value.WarnBefore);
        vm.Status.NextPowerChange = plan.Next is { } at ? new PowerChange { At = ManagedAnnotations.Format(at), To = plan.NextTo } : null;
        return plan;
    }

    /// <summary>Ready's message with what the expiry is about to do, and the next pass no later than the next change.</summary>
    public (Readiness Readiness, TimeSpan? RequeueAfter) Annotate(VirtualMachine vm, PowerPlan plan, Readiness readiness, TimeSpan? requeueAfter)
    {
        var now = time.GetUtcNow();
        if (plan.Expiry == ExpiryStage.Warning)
        {
            readiness = readiness with { Message = $"{readiness.Message}; {ExpiryNotice(vm, plan)}" };
        }

        var due = plan.Expiry == ExpiryStage.None && plan.ExpiresAt is { } at ? Earlier(plan.Next, at - options.Value.WarnBefore) : plan.Next;
        if (due is { } next && next > now)
        {
            var wait = next - now + TimeSpan.FromSeconds(1);
            requeueAfter = requeueAfter is { } r && r < wait ? r : wait;
        }

        return (readiness, requeueAfter);
    }

    /// <summary>The Warning event of an expiry coming up, once per expiresAt (told by the Ready message it leaves).</summary>
    public async Task WarnAsync(VirtualMachine vm, PowerPlan plan, string? readyMessageBefore, CancellationToken cancellationToken)
    {
        if (plan.Expiry != ExpiryStage.Warning)
        {
            return;
        }

        var notice = ExpiryNotice(vm, plan);
        if (readyMessageBefore?.Contains(notice, StringComparison.Ordinal) != true)
        {
            await events.RecordAsync(vm, "Warning", "Expiring", "Expire", notice + "; move spec.expiresAt later to keep it", cancellationToken);
        }
    }

    /// <summary>
    /// Deletes the resource of an expired VM with onExpiry Delete (its finalizer then honours deletionProtection and
    /// deletionPolicy). Null when nothing is to be deleted.
    /// </summary>
    public async Task<Readiness?> ExpireAsync(VirtualMachine vm, PowerPlan plan, CancellationToken cancellationToken)
    {
        if (plan.Expiry != ExpiryStage.Expired || vm.Spec.OnExpiry != ExpiryAction.Delete || vm.Spec.DeletionProtection
            || vm.Metadata.DeletionTimestamp is not null)
        {
            return null;
        }

        fence.ThrowIfClosed("delete");
        var message = $"the VM expired at {ManagedAnnotations.Format(plan.ExpiresAt!.Value)} (spec.expiresAt, spec.onExpiry Delete): deleting this VirtualMachine";
        try
        {
            await virtualMachines.DeleteAsync(vm, cancellationToken);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
        {
            // Changed since it was read (perhaps a later expiresAt) or gone already: the next pass decides again.
            return Readiness.InProgress("Expired", message);
        }

        await events.RecordAsync(vm, "Warning", "Expired", "Expire", message, cancellationToken);
        return Readiness.InProgress("Expired", message);
    }

    private static string ExpiryNotice(VirtualMachine vm, PowerPlan plan) =>
        $"expires at {ManagedAnnotations.Format(plan.ExpiresAt!.Value)}, then it is "
        + (vm.Spec.OnExpiry == ExpiryAction.Delete && !vm.Spec.DeletionProtection ? "deleted (spec.onExpiry Delete)"
            : vm.Spec.OnExpiry == ExpiryAction.Delete ? "stopped (spec.onExpiry Delete, but spec.deletionProtection keeps it)" : "stopped (spec.onExpiry Stop)");

    private static DateTimeOffset? Earlier(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;
}
