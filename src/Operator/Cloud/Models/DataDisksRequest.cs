namespace NeevCloud.Operator.Cloud;

/// <summary>Data disks of a new VM: at most four attached and four created.</summary>
public sealed record DataDisksRequest(
    IReadOnlyList<AttachDiskRequest>? AttachedDisks = null,
    IReadOnlyList<CreateDataDiskRequest>? CreateDisks = null);
