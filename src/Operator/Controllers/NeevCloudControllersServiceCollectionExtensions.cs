using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NeevCloud.Crds.Projects;
using NeevCloud.Crds.RootDisks;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Controllers.Projects;
using NeevCloud.Operator.Runtime;

namespace NeevCloud.Operator.Controllers;

public static class NeevCloudControllersServiceCollectionExtensions
{
    /// <summary>The NeevCloud client and the controllers of the operator's resources.</summary>
    public static IServiceCollection AddNeevCloudControllers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddNeevCloudClient(configuration);
        services.Configure<RefreshOptions>(configuration.GetSection("Operator:Refresh"));
        services.AddSingleton<ProjectDependents>();
        services.AddEntityCache<VirtualMachine>();
        services.AddEntityCache<RootDisk>();
        // A dependent that appears or goes re-examines its Project (its status, a blocked deletion).
        services.AddSecondaryWatch<VirtualMachine, Project>(vm => ObjectKey.Of(vm.Metadata.NamespaceProperty, vm.Spec.ProjectRef.Name));
        services.AddSecondaryWatch<RootDisk, Project>(disk => ObjectKey.Of(disk.Metadata.NamespaceProperty, disk.Spec.ProjectRef.Name));
        services.AddController<Project, ProjectController>(new ControllerOptions { Name = ProjectController.Name });
        return services;
    }
}
