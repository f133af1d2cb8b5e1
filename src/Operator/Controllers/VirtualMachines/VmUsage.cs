using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Runtime.Managed;
using Prometheus;

namespace NeevCloud.Operator.Controllers.VirtualMachines;

/// <summary>
/// Running and GPU time, measured from what the cloud reports at each look (the API has no prices): a stretch between
/// two looks counts when the VM was running at both. Kept in status, so the totals survive a restart of the
/// operator (a stretch the operator was down for counts when the VM ran before and after); the counters are fed from
/// status, so after a restart they resume from the totals instead of from zero.
/// </summary>
public sealed class VmUsage
{
    private const string Running = "running";

    private static readonly string[] Labels = ["namespace", "project", "vm_config"];

    private readonly Counter _gpuSeconds;
    private readonly Counter _runningSeconds;
    private readonly Lock _lock = new();

    // What each VM has contributed to the counters so far (by uid): a pass adds only what its status grew by.
    private readonly Dictionary<string, (long Gpu, long Running)> _counted = new(StringComparer.Ordinal);

    public VmUsage(IMetricFactory metrics)
    {
        _gpuSeconds = metrics.CreateCounter(
            "neevcloud_vm_gpu_seconds_total", "GPU seconds of NeevCloud VMs (running seconds times GPUs), as observed by the operator.", Labels);
        _runningSeconds = metrics.CreateCounter(
            "neevcloud_vm_running_seconds_total", "Seconds NeevCloud VMs were running, as observed by the operator.", Labels);
    }

    /// <summary>Adds the time since the last look to status.usage when the VM was running then and is now.</summary>
    public void Count(VirtualMachine vm, string? phaseBefore, CloudVm current, DateTimeOffset now)
    {
        var usage = vm.Status.Usage ??= new VirtualMachineUsage { Since = ManagedAnnotations.Format(now) };
        var countedUntil = ManagedAnnotations.ParseTime(usage.CountedUntil);
        if (countedUntil is { } from && now > from)
        {
            var seconds = (long)(now - from).TotalSeconds;
            if (phaseBefore == Running && current.Status.Value == VmStatus.Running)
            {
                usage.RunningSeconds += seconds;
                usage.GpuSeconds += seconds * Math.Max(current.GpuConfigCount ?? 0, 0);
            }

            // Whole seconds only, so that no fraction is lost between looks.
            usage.CountedUntil = ManagedAnnotations.Format(from.AddSeconds(seconds));
        }
        else if (countedUntil is null)
        {
            usage.CountedUntil = ManagedAnnotations.Format(now);
        }

        Report(vm, current.VmConfigId);
    }

    private void Report(VirtualMachine vm, string? vmConfig)
    {
        var usage = vm.Status.Usage!;
        var labels = new[] { vm.Metadata.NamespaceProperty ?? "", vm.Spec.ProjectRef.Name, vmConfig ?? "" };
        var key = vm.Metadata.Uid ?? $"{vm.Metadata.NamespaceProperty}/{vm.Metadata.Name}";
        lock (_lock)
        {
            var (gpu, running) = _counted.GetValueOrDefault(key);
            if (usage.GpuSeconds > gpu)
            {
                _gpuSeconds.WithLabels(labels).Inc(usage.GpuSeconds - gpu);
            }

            if (usage.RunningSeconds > running)
            {
                _runningSeconds.WithLabels(labels).Inc(usage.RunningSeconds - running);
            }

            _counted[key] = (Math.Max(gpu, usage.GpuSeconds), Math.Max(running, usage.RunningSeconds));
        }
    }
}
