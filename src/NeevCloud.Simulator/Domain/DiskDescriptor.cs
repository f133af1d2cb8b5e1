namespace NeevCloud.Simulator.Domain;

/// <summary>What a VM reports of one of its disks; kept with the VM so a deleted VM still describes its disks.</summary>
internal sealed record DiskDescriptor(Guid Id, string Name, string Type, int SizeGb);
