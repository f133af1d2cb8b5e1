using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Cloud;

namespace NeevCloud.Operator.Controllers.VirtualMachines;

/// <summary>
/// Whether a cloud VM is what this VirtualMachine's create asked for, in every field the cloud shows back.
/// VM names are not unique in NeevCloud, so a name alone could take a colleague's VM for ours. Pure.
/// </summary>
public static class VmIdentity
{
    /// <param name="vm">The VirtualMachine whose earlier create is looked for.</param>
    /// <param name="candidate">A VM of the same project.</param>
    /// <param name="attachDiskId">The root disk the create attached (rootDisk.attach, or the disk a replacement keeps); null when it created one.</param>
    public static bool Matches(VirtualMachine vm, string? attachDiskId, CloudVm candidate)
    {
        var spec = vm.Spec;
        if (candidate.Name != vm.Metadata.Name || candidate.RegionId != spec.RegionId || candidate.VmConfigId != spec.VmConfigId
            || candidate.PlanId != spec.PlanId || (candidate.GpuConfigCount ?? 0) != (spec.GpuCount ?? 0))
        {
            return false;
        }

        var rootDiskMatches = attachDiskId is null && spec.RootDisk?.Create is { } create
            ? candidate.ImageId == create.ImageId
              && (candidate.RootDisk is null || (candidate.RootDisk.Name == create.Name && candidate.RootDisk.SizeGb == create.SizeGb))
            : candidate.RootDisk?.Id == attachDiskId;
        return rootDiskMatches && SamePorts(spec.ExposedPorts, candidate.ExposedPorts);
    }

    private static bool SamePorts(IList<Crds.VirtualMachines.ExposedPort>? wanted, IReadOnlyList<Cloud.ExposedPort>? shown)
    {
        static string Key(int port, string protocol) => $"{port}/{protocol.ToLowerInvariant()}";
        var a = (wanted ?? []).Select(p => Key(p.Port, p.Protocol.ToString())).Order(StringComparer.Ordinal);
        var b = (shown ?? []).Select(p => Key(p.Port, p.Protocol.Raw)).Order(StringComparer.Ordinal);
        return a.SequenceEqual(b);
    }
}
