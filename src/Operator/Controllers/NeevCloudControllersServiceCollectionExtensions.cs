using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NeevCloud.Crds.Projects;
using NeevCloud.Crds.RootDisks;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Controllers.Projects;
using NeevCloud.Operator.Controllers.RootDisks;
using NeevCloud.Operator.Controllers.VirtualMachines;
using NeevCloud.Operator.Controllers.VirtualMachines.Replacement;
using NeevCloud.Operator.Runtime;
using NeevCloud.Operator.Runtime.Managed;

namespace NeevCloud.Operator.Controllers;

public static class NeevCloudControllersServiceCollectionExtensions
{
    /// <summary>The NeevCloud client and the three kinds, each an external client of the shared lifecycle.</summary>
    public static IServiceCollection AddNeevCloudControllers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddNeevCloudClient(configuration);
        services.AddSingleton<IFailureClassifier, CloudFailureTable>();

        // VMs are the many: more workers and passes than the runtime's defaults (4, 50/s). Cloud calls stay
        // bounded by NeevCloud:RateLimit and the shared per-project LIST; a pass writes only a changed status.
        var vmControllerOptions = new ControllerOptions { Name = VirtualMachineExternalClient.Name, Workers = 8, PassesPerSecond = 200, PassBurst = 200 };
        configuration.GetSection("Operator:VirtualMachines").Bind(vmControllerOptions);

        services.AddSingleton<ProjectDependents>();
        services.AddSingleton<ProjectReferences>();
        services.AddSingleton<KeptRootDisks>();
        services.Configure<VmCostOptions>(configuration.GetSection(VmCostOptions.SectionName));
        services.AddSingleton<VmPowerControl>();
        services.AddSingleton<VmReplacement>();
        services.AddSingleton(sp =>
        {
            // Whatever way a VM leaves (deleted, orphaned, its namespace gone), its cache entry goes with it.
            var usage = new VmUsage(Prometheus.Metrics.DefaultFactory);
            sp.GetRequiredService<EntityCache<VirtualMachine>>().Changed += change =>
            {
                if (change.Type == k8s.WatchEventType.Deleted)
                {
                    usage.Forget(change.Current);
                }
            };
            return usage;
        });

        // One LIST per project, shared by its VMs (and one by its disks); a change it sees queues the object it belongs to.
        services.AddPolledListing(sp => new VmListing(
            (scope, ct) => sp.GetRequiredService<INeevCloudClient>().ListAllVmsAsync(scope.OrganizationId, scope.ProjectId, ct),
            vm => vm.Id,
            VirtualMachineExternalClient.SameObservation,
            sp.GetRequiredService<TimeProvider>(),
            VirtualMachineExternalClient.Settled));
        services.AddPolledListing(sp => new RootDiskListing(
            (scope, ct) => sp.GetRequiredService<INeevCloudClient>().ListAllRootDisksAsync(scope.OrganizationId, scope.ProjectId, ct),
            disk => disk.Id,
            // Every field a RootDisk reports (status, attachment, message) is a scalar of the record.
            (a, b) => a == b,
            sp.GetRequiredService<TimeProvider>(),
            RootDiskExternalClient.Settled));

        // A dependent that appears or goes re-examines its Project (its status, a blocked deletion).
        services.AddSecondaryWatch<VirtualMachine, Project>((_, vm) => [ObjectKey.Of(vm.Metadata.NamespaceProperty, vm.Spec.ProjectRef.Name)], SpecOrPresenceChanged);
        services.AddSecondaryWatch<RootDisk, Project>((_, disk) => [ObjectKey.Of(disk.Metadata.NamespaceProperty, disk.Spec.ProjectRef.Name)], SpecOrPresenceChanged);

        // VMs and disks waiting for their Project go on as soon as it is Ready (or goes).
        services.AddSecondaryWatch<Project, VirtualMachine>(
            (sp, project) => sp.GetRequiredService<ProjectDependents>().VirtualMachinesOf(project).Select(ObjectKey.Of), ReadinessChanged);
        services.AddSecondaryWatch<Project, RootDisk>(
            (sp, project) => sp.GetRequiredService<ProjectDependents>().RootDisksOf(project).Select(ObjectKey.Of), ReadinessChanged);

        // A RootDisk learns at once that a VM started or stopped using it (attachedTo, a blocked deletion).
        services.AddSecondaryWatch<VirtualMachine, RootDisk>((_, vm) =>
            vm.Spec.RootDisk?.Attach?.RootDiskRef is { } reference ? [ObjectKey.Of(vm.Metadata.NamespaceProperty, reference.Name)] : []);

        services.AddManagedResource<Project, ProjectExternalClient>(new ControllerOptions { Name = ProjectExternalClient.Name });
        services.AddManagedResource<VirtualMachine, VirtualMachineExternalClient>(vmControllerOptions);
        services.AddManagedResource<RootDisk, RootDiskExternalClient>(new ControllerOptions { Name = RootDiskExternalClient.Name });
        return services;
    }

    /// <summary>A dependent's change its Project must look at: it appeared, went, was changed or is being deleted — not its status.</summary>
    internal static bool SpecOrPresenceChanged<T>(T? old, T? current)
        where T : class, k8s.IKubernetesObject<k8s.Models.V1ObjectMeta> =>
        old is null || current is null
        || old.Metadata.Generation != current.Metadata.Generation
        || (old.Metadata.DeletionTimestamp is null) != (current.Metadata.DeletionTimestamp is null);

    /// <summary>A Project's change its dependents wait for: its id, its Ready, its deletion.</summary>
    internal static bool ReadinessChanged(Project? old, Project? current) =>
        old is null || current is null
        || old.Status?.ProjectId != current.Status?.ProjectId
        || ManagedAnnotations.ExternalIdOf(old.Metadata) != ManagedAnnotations.ExternalIdOf(current.Metadata)
        || Conditions.Find(old.Status?.Conditions, ConditionTypes.Ready)?.Status != Conditions.Find(current.Status?.Conditions, ConditionTypes.Ready)?.Status
        || (old.Metadata.DeletionTimestamp is null) != (current.Metadata.DeletionTimestamp is null);
}
