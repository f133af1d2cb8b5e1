using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Runtime.Managed;
using Prometheus;

namespace NeevCloud.Operator.Controllers.VirtualMachines;

/// <summary>
/// Running and GPU time, measured from what the cloud reports at each look (the API has no prices). status.usage
/// records a running stretch when it begins and adds it up when it ends, so the totals survive a restart of the
/// operator (a stretch open across the restart goes on) and a steady VM costs no status write. The counters add
/// the open stretch on every look and are fed from status, so after a restart they resume from the totals.
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

    /// <summary>Opens a running stretch when the VM is first seen running, adds it up when it is first seen not running.</summary>
    public void Count(VirtualMachine vm, string? phaseBefore, CloudVm current, DateTimeOffset now)
    {
        var usage = vm.Status.Usage ??= new VirtualMachineUsage { Since = ManagedAnnotations.Format(now) };
        var running = current.Status.Value == VmStatus.Running;
        var gpus = Math.Max(current.GpuConfigCount ?? 0, 0);
        var since = ManagedAnnotations.ParseTime(usage.RunningSince);
        if (running && since is null)
        {
            usage.RunningSince = ManagedAnnotations.Format(now);
        }
        else if (!running && since is { } began)
        {
            var seconds = Math.Max((long)(now - began).TotalSeconds, 0);
            (usage.RunningSeconds, usage.GpuSeconds, usage.RunningSince) = (usage.RunningSeconds + seconds, usage.GpuSeconds + (seconds * gpus), null);
        }

        var open = running && ManagedAnnotations.ParseTime(usage.RunningSince) is { } start ? Math.Max((long)(now - start).TotalSeconds, 0) : 0;
        Report(vm, current.VmConfigId, usage.GpuSeconds + (open * gpus), usage.RunningSeconds + open);
    }

    /// <summary>
    /// Drops what a deleted VM contributed from memory (the counters keep it): without this an operator that
    /// creates and deletes VMs for months would remember every one it ever counted.
    /// </summary>
    public void Forget(VirtualMachine vm)
    {
        lock (_lock)
        {
            _counted.Remove(KeyOf(vm));
        }
    }

    /// <summary>How many VMs' contributions are remembered.</summary>
    internal int Remembered
    {
        get
        {
            lock (_lock)
            {
                return _counted.Count;
            }
        }
    }

    private static string KeyOf(VirtualMachine vm) => vm.Metadata.Uid ?? $"{vm.Metadata.NamespaceProperty}/{vm.Metadata.Name}";

    private void Report(VirtualMachine vm, string? vmConfig, long gpuSeconds, long runningSeconds)
    {
        var labels = new[] { vm.Metadata.NamespaceProperty ?? "", vm.Spec.ProjectRef.Name, vmConfig ?? "" };
        var key = KeyOf(vm);
        lock (_lock)
        {
            var (gpu, running) = _counted.GetValueOrDefault(key);
            if (gpuSeconds > gpu)
            {
                _gpuSeconds.WithLabels(labels).Inc(gpuSeconds - gpu);
            }

            if (runningSeconds > running)
            {
                _runningSeconds.WithLabels(labels).Inc(runningSeconds - running);
            }

            _counted[key] = (Math.Max(gpu, gpuSeconds), Math.Max(running, runningSeconds));
        }
    }
}
