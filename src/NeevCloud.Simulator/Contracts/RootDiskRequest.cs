namespace NeevCloud.Simulator.Contracts;

/// <summary>The <c>root_disk</c> of CreateVMRequest: exactly one of the two.</summary>
internal sealed record RootDiskRequest(AttachDiskRequest? AttachDiskRequest, CreateRootDiskRequest? CreateDiskRequest);
