using k8s.Models;
using NeevCloud.Crds.Attributes;

namespace NeevCloud.Crds.RootDisks;

/// <summary>
/// An existing NeevCloud root disk, adopted by id. Root disks are only born inside a VM create, so
/// this resource never creates one: it tracks a disk that outlived its VM (or was made elsewhere)
/// so that a VirtualMachine can attach it, and deletes it when the resource is deleted.
/// </summary>
[KubernetesEntity(Group = "neevcloud.com", ApiVersion = "v1alpha1", Kind = "RootDisk", PluralName = "rootdisks")]
[KubernetesEntityShortNames("nrd")]
[KubernetesEntityCategories("neevcloud")]
[GenericAdditionalPrinterColumn(".status.state", "State", "string")]
[GenericAdditionalPrinterColumn(PrinterColumnPaths.Ready, "Ready", "string")]
[GenericAdditionalPrinterColumn(".spec.diskId", "Disk ID", "string")]
[GenericAdditionalPrinterColumn(".status.attachedTo", "Attached To", "string")]
[GenericAdditionalPrinterColumn(".status.sizeGb", "Size GB", "integer", Priority = PrinterColumnPriority.WideView)]
[GenericAdditionalPrinterColumn(".status.deletionPolicy", "Deletion", "string", Priority = PrinterColumnPriority.WideView)]
[GenericAdditionalPrinterColumn(PrinterColumnPaths.Age, "Age", "date")]
public sealed class RootDisk : CustomKubernetesEntity<RootDiskSpec, RootDiskStatus>, IManagedResource
{
    DeletionPolicy IManagedResource.DeletionPolicy => Spec.DeletionPolicy ?? DeletionPolicy.Orphan;

    ManagementPolicy IManagedResource.ManagementPolicy => Spec.ManagementPolicy;

    bool IManagedResource.DeletionProtection => Spec.DeletionProtection;

    string? IManagedResource.SpecifiedExternalId => Spec.DiskId;

    string? IManagedResource.StatusExternalId => Spec.DiskId;

    IManagedStatus IManagedResource.ManagedStatus => Status ??= new();
}
