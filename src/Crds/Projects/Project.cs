using k8s.Models;
using NeevCloud.Crds.Attributes;

namespace NeevCloud.Crds.Projects;

/// <summary>
/// A NeevCloud project: the Tenant API's unit that owns VMs and disks. The operator creates it (or
/// adopts spec.projectId), keeps its name and description in sync and deletes it once nothing in
/// the cluster or the cloud depends on it.
/// </summary>
[KubernetesEntity(Group = "neevcloud.com", ApiVersion = "v1alpha1", Kind = "Project", PluralName = "projects")]
[KubernetesEntityShortNames("nproj")]
[KubernetesEntityCategories("neevcloud")]
[GenericAdditionalPrinterColumn(".status.state", "State", "string")]
[GenericAdditionalPrinterColumn(PrinterColumnPaths.Ready, "Ready", "string")]
[GenericAdditionalPrinterColumn(".status.projectId", "Project ID", "string")]
[GenericAdditionalPrinterColumn(".status.deletionPolicy", "Deletion", "string", Priority = PrinterColumnPriority.WideView)]
[GenericAdditionalPrinterColumn(PrinterColumnPaths.Age, "Age", "date")]
[ValidationRule(
    "(has(self.spec) && has(self.spec.displayName)) || self.metadata.name.size() <= 100",
    fieldPath: ".spec.displayName",
    message: "metadata.name is longer than 100 characters, the limit of a project name: set spec.displayName",
    reason: "FieldValueRequired")]
// Adopting by id is for a Project that manages nothing yet: one that already manages a cloud project would
// otherwise be told to manage another while its own is left behind.
[ValidationRule(
    "!has(self.spec) || !has(self.spec.projectId) || (has(oldSelf.spec) && has(oldSelf.spec.projectId)) "
    + "|| !has(oldSelf.status) || !has(oldSelf.status.projectId) || oldSelf.status.projectId == self.spec.projectId",
    fieldPath: ".spec.projectId",
    message: "this Project already manages a cloud project (status.projectId); spec.projectId may only name that one",
    reason: "FieldValueInvalid")]
[ValidationRule(
    "!has(self.spec) || self.spec.managementPolicy != 'ObserveOnly' || has(self.spec.projectId)",
    fieldPath: ".spec.managementPolicy",
    message: "managementPolicy ObserveOnly needs spec.projectId: the operator only looks at a project it is told about")]
public sealed class Project : CustomKubernetesEntity<ProjectSpec, ProjectStatus>, IManagedResource
{
    DeletionPolicy IManagedResource.DeletionPolicy => Spec.DeletionPolicy ?? (Spec.ProjectId is null ? DeletionPolicy.Delete : DeletionPolicy.Orphan);

    ManagementPolicy IManagedResource.ManagementPolicy => Spec.ManagementPolicy;

    bool IManagedResource.DeletionProtection => Spec.DeletionProtection;

    string? IManagedResource.SpecifiedExternalId => Spec.ProjectId;

    string? IManagedResource.StatusExternalId => Status?.ProjectId;

    IManagedStatus IManagedResource.ManagedStatus => Status ??= new();
}
