namespace NeevCloud.Simulator.Contracts;

/// <summary>The <c>data_disks</c> of CreateVMRequest.</summary>
internal sealed record DataDisksRequest(IReadOnlyList<AttachDiskRequest?>? AttachedDisks, IReadOnlyList<CreateDataDiskRequest?>? CreateDisks);
