namespace NeevCloud.Operator.Cloud;

/// <summary>Attach an existing disk (root or data) by its UUID.</summary>
public sealed record AttachDiskRequest(string DiskId);
