using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NeevCloud.Crds.Projects;
using NeevCloud.Crds.RootDisks;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Controllers.Projects;
using NeevCloud.Operator.Controllers.RootDisks;
using NeevCloud.Operator.Controllers.VirtualMachines;
using NeevCloud.Operator.Runtime;

namespace NeevCloud.Operator.Controllers;

public static class NeevCloudControllersServiceCollectionExtensions
{
    /// <summary>The NeevCloud client and the controllers of the operator's resources.</summary>
    public static IServiceCollection AddNeevCloudControllers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddNeevCloudClient(configuration);
        services.Configure<RefreshOptions>(configuration.GetSection("Operator:Refresh"));
        // VMs are the many: more workers and passes than the runtime's defaults (4, 50/s). Cloud calls stay
        // bounded by NeevCloud:RateLimit and the shared per-project LIST; a pass writes only a changed status.
        var vmControllerOptions = new ControllerOptions { Name = VirtualMachineController.Name, Workers = 8, PassesPerSecond = 200, PassBurst = 200 };
        configuration.GetSection("Operator:VirtualMachines").Bind(vmControllerOptions);

        services.AddSingleton<ProjectDependents>();
        services.AddSingleton<ProjectReferences>();
        services.AddSingleton<CloudVmSnapshots>();
        services.AddHostedService<CloudVmPoller>();
        services.AddSingleton<KeptRootDisks>();
        services.AddEntityCache<Project>();
        services.AddEntityCache<VirtualMachine>();
        services.AddEntityCache<RootDisk>();

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
            vm.Spec.RootDisk.Attach?.RootDiskRef is { } reference ? [ObjectKey.Of(vm.Metadata.NamespaceProperty, reference.Name)] : []);

        // The shared per-project LIST queues the VMs whose cloud state it saw change.
        services.AddSingleton<ISecondaryWatch<VirtualMachine>>(sp => sp.GetRequiredService<CloudVmSnapshots>());

        services.AddController<Project, ProjectController>(new ControllerOptions { Name = ProjectController.Name });
        services.AddController<VirtualMachine, VirtualMachineController>(vmControllerOptions);
        services.AddController<RootDisk, RootDiskController>(new ControllerOptions { Name = RootDiskController.Name });
        return services;
    }

    private static bool SpecOrPresenceChanged<T>(T? old, T? current)
        where T : class, k8s.IKubernetesObject<k8s.Models.V1ObjectMeta> =>
        old is null || current is null
        || old.Metadata.Generation != current.Metadata.Generation
        || (old.Metadata.DeletionTimestamp is null) != (current.Metadata.DeletionTimestamp is null);

    private static bool ReadinessChanged(Project? old, Project? current) =>
        old is null || current is null
        || old.Status?.ProjectId != current.Status?.ProjectId
        || Conditions.Find(old.Status?.Conditions, ConditionTypes.Ready)?.Status != Conditions.Find(current.Status?.Conditions, ConditionTypes.Ready)?.Status
        || (old.Metadata.DeletionTimestamp is null) != (current.Metadata.DeletionTimestamp is null);
}
