namespace NeevCloud.Operator.Cloud;

/// <summary>The VM's root disk: exactly one of attaching an existing disk or creating one from an image.</summary>
public sealed record RootDiskSource(AttachDiskRequest? AttachDiskRequest, CreateRootDiskRequest? CreateDiskRequest)
{
    public static RootDiskSource Attach(string diskId) => new(new AttachDiskRequest(diskId), null);

    public static RootDiskSource Create(string name, int sizeGb, string imageId) =>
        new(null, new CreateRootDiskRequest(name, sizeGb, imageId));
}
