using k8s.Models;
using NeevCloud.Crds.Attributes;

namespace NeevCloud.Crds.VirtualMachines;

/// <summary>
/// A NeevCloud virtual machine. metadata.name is the VM's name in the cloud, so it must be a
/// DNS-1123 label of at most 20 characters. The VM API has no update call: the creation fields are immutable,
/// unless spec.updatePolicy is ReplaceOnApproval, which replaces the VM on approval.
/// </summary>
[KubernetesEntity(Group = "neevcloud.com", ApiVersion = "v1alpha1", Kind = "VirtualMachine", PluralName = "virtualmachines")]
[KubernetesEntityShortNames("nvm")]
[KubernetesEntityCategories("neevcloud")]
[GenericAdditionalPrinterColumn(".status.phase", "Phase", "string")]
[GenericAdditionalPrinterColumn(PrinterColumnPaths.Ready, "Ready", "string")]
[GenericAdditionalPrinterColumn(".status.publicIp", "IP", "string")]
[GenericAdditionalPrinterColumn(".status.vmId", "VM ID", "string")]
[GenericAdditionalPrinterColumn(".spec.powerState", "Power", "string", Priority = PrinterColumnPriority.WideView)]
[GenericAdditionalPrinterColumn(".status.deletionPolicy", "Deletion", "string", Priority = PrinterColumnPriority.WideView)]
[GenericAdditionalPrinterColumn(PrinterColumnPaths.Age, "Age", "date")]
[MetadataNameValidationRule(
    "self.size() <= 20",
    "metadata.name is the VM name in NeevCloud and must be at most 20 characters")]
[MetadataNameValidationRule(
    "self.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')",
    "metadata.name is the VM name in NeevCloud and must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit")]
public sealed class VirtualMachine : CustomKubernetesEntity<VirtualMachineSpec, VirtualMachineStatus>, IManagedResource
{
    DeletionPolicy IManagedResource.DeletionPolicy => Spec.DeletionPolicy ?? (Spec.VmId is null ? DeletionPolicy.Delete : DeletionPolicy.Orphan);

    ManagementPolicy IManagedResource.ManagementPolicy => Spec.ManagementPolicy;

    bool IManagedResource.DeletionProtection => Spec.DeletionProtection;

    string? IManagedResource.SpecifiedExternalId => Spec.VmId;

    string? IManagedResource.StatusExternalId => Status?.VmId;

    IManagedStatus IManagedResource.ManagedStatus => Status ??= new();
}
