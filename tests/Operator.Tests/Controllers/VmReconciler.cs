using Microsoft.Extensions.Options;
using NeevCloud.Crds.Projects;
using NeevCloud.Crds.RootDisks;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Controllers.Projects;
using NeevCloud.Operator.Controllers.VirtualMachines;
using NeevCloud.Operator.Controllers.VirtualMachines.Replacement;
using NeevCloud.Operator.Runtime;
using NeevCloud.Operator.Runtime.Managed;
using NeevCloud.Operator.Tests.Cloud;
using Prometheus;
using VmListing = NeevCloud.Operator.Runtime.Polling.PolledListing<
    NeevCloud.Operator.Controllers.ProjectScope, NeevCloud.Operator.Cloud.CloudVm, NeevCloud.Crds.VirtualMachines.VirtualMachine>;

namespace Operator.Tests.Controllers;

/// <summary>
/// The VirtualMachine kind's reconciler as one operator process has it, against the in-process simulator: every
/// call builds a fresh one (empty listing cache, no memory of earlier passes), which is what a restart is.
/// </summary>
internal static class VmReconciler
{
    /// <param name="cloud">The simulator.</param>
    /// <param name="events">Where events go.</param>
    /// <param name="time">The operator's clock.</param>
    /// <param name="usage">The usage meter, when a test reads it (one that outlives a restart, say).</param>
    /// <param name="projects">The Projects the cluster has, when a VM is to be created.</param>
    public static ManagedReconciler<VirtualMachine> For(
        SimulatedCloud cloud, IEventRecorder events, TimeProvider time, VmUsage? usage = null, EntityCache<Project>? projects = null)
    {
        var refresh = Options.Create(new RefreshOptions());
        var projectReferences = new ProjectReferences(projects ?? EmptyCluster.Cache<Project>());
        var listing = new VmListing(
            (scope, ct) => cloud.Client.ListAllVmsAsync(scope.OrganizationId, scope.ProjectId, ct), vm => vm.Id, VirtualMachineExternalClient.SameObservation, time);
        var rootDisks = EmptyCluster.Cache<RootDisk>();
        var kept = new KeptRootDisks(new EntityClient<RootDisk>(EmptyCluster.Unreachable()), rootDisks, events);
        var power = new VmPowerControl(
            Options.Create(new VmCostOptions()), new EntityClient<VirtualMachine>(EmptyCluster.Unreachable()), events, WriteFence.AlwaysOpen(time), time);
        var external = new VirtualMachineExternalClient(
            cloud.Client, listing, projectReferences, rootDisks, EmptyCluster.Cache<VirtualMachine>(), kept, power, usage ?? new VmUsage(Metrics.WithCustomRegistry(Metrics.NewCustomRegistry())),
            new VmReplacement(cloud.Client, listing, kept, events, refresh, time), events, refresh, time);
        return KindReconciler.For(external, refresh, events, time);
    }
}
