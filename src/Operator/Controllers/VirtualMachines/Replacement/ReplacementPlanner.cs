using System.Globalization;
using NeevCloud.Crds.VirtualMachines;

namespace NeevCloud.Operator.Controllers.VirtualMachines.Replacement;

/// <summary>
/// What replacing a VM to match its spec would do: the fields that change (from what the VM was created with, as
/// status records it, to the spec), which disks survive, what is lost and what else it costs. One pure function,
/// so the controller's status.plan and the offline <c>neev-operator plan</c> cannot disagree.
/// </summary>
public static class ReplacementPlanner
{
    /// <summary>The annotation that approves the plan of one generation.</summary>
    public const string ApprovalAnnotation = "neevcloud.com/approve-replacement";

    /// <summary>
    /// The plan for a VM whose spec asks for <paramref name="spec"/> at <paramref name="generation"/>; null when no
    /// replaceable field differs from the VM, or there is no VM yet to replace.
    /// </summary>
    /// <param name="name">metadata.name, the VM's name (a kept root disk is recorded after it).</param>
    /// <param name="spec">The desired spec.</param>
    /// <param name="status">What the operator observed of the current VM.</param>
    /// <param name="generation">The metadata.generation of <paramref name="spec"/>.</param>
    public static ReplacementPlan? For(string name, VirtualMachineSpec spec, VirtualMachineStatus? status, long generation)
    {
        if (status?.VmId is null || status.Observed is not { } observed)
        {
            return null;
        }

        var changes = Changes(spec, status, observed);
        if (changes.Count == 0)
        {
            return null;
        }

        var regionChanges = !string.Equals(observed.RegionId, spec.RegionId, StringComparison.Ordinal);
        var kept = new List<string>();
        var lost = new List<string>();
        var refusals = new List<string>();
        var consequences = new List<string>
        {
            $"downtime: VM {status.VmId} is stopped and deleted, then a new VM is created; the VM is unreachable from the stop until the new one runs",
            status.PublicIp is { } ip ? $"new public IP: {ip} is released and the new VM gets another" : "new public IP: the new VM gets its own",
            "new cloud VM id: status.vmId changes; status.replacement keeps the old one",
        };

        RootDisk(name, spec, status, observed, regionChanges, kept, lost, refusals, consequences);
        DataDisks(spec, status, observed, regionChanges, kept, lost, refusals, consequences);
        if (lost.Count > 0 && !spec.AllowDataLoss)
        {
            refusals.Insert(0, $"it would delete data ({string.Join("; ", lost)}); set spec.allowDataLoss: true to accept that, or change the spec back");
        }

        return new ReplacementPlan
        {
            Generation = generation,
            Changes = changes,
            DisksKept = kept.Count > 0 ? kept : null,
            DisksLost = lost.Count > 0 ? lost : null,
            Consequences = consequences,
            Refused = refusals.Count > 0 ? string.Join("; ", refusals) : null,
        };
    }

    /// <summary>What the approval annotation says about a plan: approved, absent, or approving another generation.</summary>
    public static Approval ApprovalOf(IDictionary<string, string>? annotations, long generation)
    {
        if (annotations?.TryGetValue(ApprovalAnnotation, out var value) != true || string.IsNullOrWhiteSpace(value))
        {
            return new Approval(false, null);
        }

        var approves = long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var approved) && approved == generation;
        return new Approval(approves, approves ? null : value);
    }

    private static List<FieldChange> Changes(VirtualMachineSpec spec, VirtualMachineStatus status, VirtualMachineObserved observed)
    {
        var changes = new List<FieldChange>();
        void Compare(string field, string from, string to)
        {
            if (!string.Equals(from, to, StringComparison.Ordinal))
            {
                changes.Add(new FieldChange { Field = field, From = from, To = to });
            }
        }

        Compare("regionId", observed.RegionId ?? "", spec.RegionId);
        Compare("vmConfigId", observed.VmConfigId ?? "", spec.VmConfigId);
        Compare("planId", observed.PlanId ?? "", spec.PlanId);
        Compare("gpuCount", Number(observed.GpuCount ?? 0), Number(spec.GpuCount ?? 0));
        Compare("exposedPorts", List(PortsOf(status)), List(PortsOf(spec)));
        if (observed.SshKeys is { } created)
        {
            // Unknown (never recorded) is not a change: NeevCloud cannot tell what the VM has.
            Compare("sshKeys", List(created.Order(StringComparer.Ordinal)), List(SshKeyFingerprint.Of(spec.SshKeys).Order(StringComparer.Ordinal)));
        }

        var disks = status.DataDisks ?? [];
        Compare("dataDisks.attach", List(disks.Where(d => d.CreatedWithVm == false).Select(d => d.Id ?? "").Order(StringComparer.Ordinal)),
            List((spec.DataDisks?.Attach ?? []).Select(d => d.DiskId).Order(StringComparer.Ordinal)));
        Compare("dataDisks.create", List(disks.Where(d => d.CreatedWithVm != false).Select(d => NewDisk(d.Name, d.Type, d.SizeGb)).Order(StringComparer.Ordinal)),
            List((spec.DataDisks?.Create ?? []).Select(d => NewDisk(d.Name, d.Type == DataDiskType.Block ? "block" : "filesystem", d.SizeGb)).Order(StringComparer.Ordinal)));
        return changes;
    }

    /// <summary>
    /// What becomes of the root disk a VM created from an image: the disk the new VM attaches (kept and same region),
    /// the disk left behind detached (kept, but the region changes), or neither (deleteRootDisk: true deletes it).
    /// A root disk attached by spec.rootDisk.attach is the spec's to name, so both are null for it.
    /// </summary>
    public static (string? Attach, string? LeftBehind) RootDiskFate(VirtualMachineSpec spec, VirtualMachineStatus status)
    {
        if (spec.RootDisk?.Attach is not null || status.Observed?.DeleteRootDisk == true || status.RootDisk?.Id is not { } id)
        {
            return (null, null);
        }

        return string.Equals(status.Observed?.RegionId, spec.RegionId, StringComparison.Ordinal) ? (id, null) : (null, id);
    }

    private static void RootDisk(
        string name, VirtualMachineSpec spec, VirtualMachineStatus status, VirtualMachineObserved observed, bool regionChanges,
        List<string> kept, List<string> lost, List<string> refusals, List<string> consequences)
    {
        var root = status.RootDisk;
        var described = root is null ? "the root disk" : $"root disk {root.Name} ({root.Id})";
        if (spec.RootDisk?.Attach is not null)
        {
            if (regionChanges)
            {
                refusals.Add($"{described} is attached from spec.rootDisk.attach and lives in region {observed.RegionId}: a VM in region {spec.RegionId} cannot boot from it");
            }
            else
            {
                kept.Add($"{described}: attached by spec.rootDisk.attach, detached from the old VM and attached to the new one");
            }

            return;
        }

        var image = spec.RootDisk?.Create?.ImageId ?? observed.ImageId ?? "its image";
        var (attach, leftBehind) = RootDiskFate(spec, status);
        if (attach is not null)
        {
            kept.Add($"{described}: detached from the old VM and attached to the new one (same disk id)");
        }
        else if (leftBehind is not null)
        {
            kept.Add($"{described}: stays in region {observed.RegionId}, detached, recorded as RootDisk {name}-root (a disk cannot move to region {spec.RegionId})");
            consequences.Add($"new root disk: the new VM in region {spec.RegionId} boots from a new disk cloned from image {image}, without the old disk's data");
        }
        else if (observed.DeleteRootDisk == true)
        {
            lost.Add($"{described}: the VM was created with deleteRootDisk: true, so deleting it deletes the disk");
            consequences.Add($"new root disk: the new VM boots from a new disk cloned from image {image}");
        }
        else
        {
            refusals.Add("NeevCloud has not reported the VM's root disk yet, so it cannot be kept; the plan is made again once it has");
        }
    }

    private static void DataDisks(
        VirtualMachineSpec spec, VirtualMachineStatus status, VirtualMachineObserved observed, bool regionChanges,
        List<string> kept, List<string> lost, List<string> refusals, List<string> consequences)
    {
        var attach = (spec.DataDisks?.Attach ?? []).Select(d => d.DiskId).ToHashSet(StringComparer.Ordinal);
        foreach (var disk in status.DataDisks ?? [])
        {
            var described = $"data disk {disk.Name} ({disk.Id}, {Number(disk.SizeGb ?? 0)} GB)";
            if (disk.CreatedWithVm != false)
            {
                lost.Add($"{described}: created with the VM, so deleted with it");
            }
            else if (!attach.Contains(disk.Id ?? ""))
            {
                kept.Add($"{described}: attached by id, detached and left in NeevCloud (no longer in spec.dataDisks.attach)");
            }
            else if (regionChanges)
            {
                refusals.Add($"{described} is attached by id and lives in region {observed.RegionId}: a VM in region {spec.RegionId} cannot attach it");
            }
            else
            {
                kept.Add($"{described}: attached by id, detached from the old VM and attached to the new one");
            }
        }

        if (spec.DataDisks?.Create is { Count: > 0 } created)
        {
            consequences.Add($"new empty data disks: {string.Join(", ", created.Select(d => $"{d.Name} ({Number(d.SizeGb)} GB)"))}");
        }
    }

    private static IEnumerable<string> PortsOf(VirtualMachineStatus status) =>
        // Port 22 opens with the SSH keys; the spec cannot list it, so it is not part of the comparison.
        (status.ExposedPorts ?? []).Where(p => p.Port != 22).Select(p => Port(p.Port, p.Protocol ?? "tcp")).Order(StringComparer.Ordinal);

    private static IEnumerable<string> PortsOf(VirtualMachineSpec spec) =>
        (spec.ExposedPorts ?? []).Select(p => Port(p.Port, p.Protocol == PortProtocol.Udp ? "udp" : "tcp")).Order(StringComparer.Ordinal);

    private static string Port(int port, string protocol) => $"{Number(port)}/{protocol.ToLowerInvariant()}";

    private static string NewDisk(string? name, string? type, int? sizeGb) => $"{name} {type} {Number(sizeGb ?? 0)}GB";

    private static string List(IEnumerable<string> items) => items.ToList() is { Count: > 0 } list ? string.Join(", ", list) : "none";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether the approval annotation approves the plan's generation, and its value when it approves another.</summary>
    public readonly record struct Approval(bool Approved, string? Stale);
}
