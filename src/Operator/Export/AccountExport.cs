using System.Text;
using System.Text.RegularExpressions;
using k8s.Models;
using NeevCloud.Crds;
using NeevCloud.Crds.Projects;
using NeevCloud.Crds.RootDisks;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Cloud;

namespace NeevCloud.Operator.Export;

/// <summary>
/// An existing NeevCloud account as resources to commit to Git: every project (or one), its VMs (with the
/// creation fields the cloud reports) and its root disks no VM uses — all ObserveOnly, so applying them changes
/// nothing in the cloud, and the deletion policy unset, so deleting them later leaves the cloud alone (adopted
/// resources are orphaned). Read-only: it makes GET and LIST calls only.
/// </summary>
public sealed partial class AccountExport(INeevCloudClient cloud)
{
    /// <param name="organizationId">The organization to export.</param>
    /// <param name="projectId">Only this project, or every project of the organization.</param>
    /// <param name="ns">The namespace to put in the manifests, or none (kubectl apply -n decides).</param>
    /// <param name="cancellationToken">Gives up on the calls.</param>
    public async Task<IReadOnlyList<object>> ResourcesAsync(string organizationId, string? projectId, string? ns, CancellationToken cancellationToken)
    {
        var projects = new List<CloudProject>();
        if (projectId is not null)
        {
            projects.Add(await cloud.GetProjectAsync(organizationId, projectId, cancellationToken));
        }
        else
        {
            await foreach (var project in cloud.ListAllProjectsAsync(organizationId, cancellationToken: cancellationToken))
            {
                projects.Add(project);
            }
        }

        var names = new Names();
        var resources = new List<object>();
        foreach (var project in projects.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var projectName = names.For("Project", project.Name, project.Id, ResourceNameMaxLength);
            resources.Add(new Project
            {
                ApiVersion = "neevcloud.com/v1alpha1",
                Kind = "Project",
                Metadata = Meta(projectName, ns),
                Status = null!,
                // No displayName: the console name stays as it is.
                Spec = new ProjectSpec
                {
                    OrganizationId = organizationId,
                    ProjectId = project.Id,
                    ManagementPolicy = ManagementPolicy.ObserveOnly,
                },
            });

            var attached = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var vm in cloud.ListAllVmsAsync(organizationId, project.Id, cancellationToken))
            {
                if (vm.Status.Value is VmStatus.Deleting or VmStatus.Deleted)
                {
                    continue;
                }

                if (vm.RootDisk?.Id is { } diskId)
                {
                    attached.Add(diskId);
                }

                resources.Add(VirtualMachineOf(vm, names.For("VirtualMachine", vm.Name, vm.Id, VmNameMaxLength), projectName, ns));
            }

            await foreach (var disk in cloud.ListAllRootDisksAsync(organizationId, project.Id, cancellationToken))
            {
                if (disk.IsAttached || attached.Contains(disk.Id) || disk.Status.Value == Cloud.RootDiskStatus.Deleting)
                {
                    continue;
                }

                resources.Add(new RootDisk
                {
                    ApiVersion = "neevcloud.com/v1alpha1",
                    Kind = "RootDisk",
                    Metadata = Meta(names.For("RootDisk", disk.Name, disk.Id, ResourceNameMaxLength), ns),
                    Status = null!,
                    Spec = new RootDiskSpec
                    {
                        ProjectRef = new LocalObjectReference { Name = projectName },
                        DiskId = disk.Id,
                        ManagementPolicy = ManagementPolicy.ObserveOnly,
                    },
                });
            }
        }

        return resources;
    }

    /// <summary>The resources as one multi-document YAML stream, with a header saying what it is.</summary>
    public static string ToYaml(IEnumerable<object> resources, string organizationId)
    {
        var text = new StringBuilder();
        text.AppendLine($"# NeevCloud organization {organizationId}, exported by neev-operator export.");
        text.AppendLine("# managementPolicy ObserveOnly: applying this changes nothing in NeevCloud. Set Manage on a resource to let");
        text.AppendLine("# the operator correct it; deleting an adopted resource leaves the cloud resource (deletionPolicy Orphan by default).");
        foreach (var resource in resources)
        {
            text.AppendLine("---");
            text.Append(k8s.KubernetesYaml.Serialize(resource));
            if (text[^1] != '\n')
            {
                text.AppendLine();
            }
        }

        return text.ToString();
    }

    // Each resource is built with Status = null!: status is the operator's to write, so none goes into Git.
    private const int ResourceNameMaxLength = 63;

    // A VM's metadata.name is its name in NeevCloud (the CRD's rule); the cloud's own names fit it.
    private const int VmNameMaxLength = 20;

    private static VirtualMachine VirtualMachineOf(CloudVm vm, string name, string projectName, string? ns) => new()
    {
        ApiVersion = "neevcloud.com/v1alpha1",
        Kind = "VirtualMachine",
        Metadata = Meta(name, ns),
        Status = null!,
        Spec = new VirtualMachineSpec
        {
            ProjectRef = new LocalObjectReference { Name = projectName },
            VmId = vm.Id,
            ManagementPolicy = ManagementPolicy.ObserveOnly,
            RegionId = vm.RegionId,
            VmConfigId = vm.VmConfigId,
            PlanId = vm.PlanId,
            GpuCount = vm.GpuConfigCount is > 0 ? vm.GpuConfigCount : null,
            RootDisk = vm.RootDisk is { } disk && vm.ImageId is { Length: > 0 }
                ? new VirtualMachineRootDisk { Create = new NewRootDisk { Name = disk.Name, SizeGb = disk.SizeGb, ImageId = vm.ImageId } }
                : null,
            DeleteRootDisk = vm.DeleteRootDisk && vm.RootDisk is not null,
            PowerState = vm.Status.Value is VmStatus.Stopped or VmStatus.Stopping ? PowerState.Stopped : PowerState.Running,
        },
    };

    private static V1ObjectMeta Meta(string name, string? ns) => new() { Name = name, NamespaceProperty = ns };

    /// <summary>Kubernetes names from cloud names: DNS-1123, unique per kind (a clash gets the id's first characters).</summary>
    private sealed partial class Names
    {
        private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

        public string For(string kind, string cloudName, string id, int maxLength)
        {
            var name = Dns1123(cloudName, maxLength);
            if (name.Length == 0 || !_taken.Add($"{kind}/{name}"))
            {
                var suffix = id.Replace("-", "", StringComparison.Ordinal)[..6].ToLowerInvariant();
                name = $"{Dns1123(cloudName, maxLength - 7)}-{suffix}".Trim('-');
                _taken.Add($"{kind}/{name}");
            }

            return name;
        }

        private static string Dns1123(string value, int maxLength)
        {
            var name = NotAllowed().Replace(value.ToLowerInvariant(), "-").Trim('-');
            name = name.Length > maxLength ? name[..maxLength].TrimEnd('-') : name;
            return name;
        }

        [GeneratedRegex("[^a-z0-9]+")]
        private static partial Regex NotAllowed();
    }
}
