namespace NeevCloud.Simulator.Domain;

/// <summary>Root disks are listed by the root-disk endpoints; data disks only appear inside their VM.</summary>
internal enum VolumeKind
{
    Root,
    Data,
}
