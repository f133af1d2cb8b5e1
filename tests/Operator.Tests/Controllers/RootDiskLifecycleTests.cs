using k8s.Models;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NeevCloud.Crds;
using NeevCloud.Crds.Projects;
using NeevCloud.Crds.RootDisks;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Controllers;
using NeevCloud.Operator.Controllers.Projects;
using NeevCloud.Operator.Controllers.RootDisks;
using NeevCloud.Operator.Runtime;
using NeevCloud.Operator.Runtime.Managed;
using NeevCloud.Operator.Tests.Cloud;
using Operator.Tests.Runtime.Managed;
using RootDiskListing = NeevCloud.Operator.Runtime.Polling.PolledListing<
    NeevCloud.Operator.Controllers.ProjectScope, NeevCloud.Operator.Cloud.CloudRootDisk, NeevCloud.Crds.RootDisks.RootDisk>;

namespace Operator.Tests.Controllers;

/// <summary>
/// The RootDisk kind through the shared lifecycle against the in-process simulator: a disk that is not there,
/// a disk whose project went, a disk that is deleted. The disks here are known to be in a project (status), so
/// the cluster's caches can stay empty.
/// </summary>
public sealed class RootDiskLifecycleTests
{
    private const string MissingProject = "00000000-0000-4000-8000-0000000000aa";
    private const string MissingDisk = "00000000-0000-4000-8000-0000000000bb";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Defect 3, for disks: the shared LIST answered 404 and the finalizer threw on every pass.
    [Fact]
    public async Task A_disk_whose_project_is_gone_is_released_on_deletion()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _time);
        var disk = KnownDisk(cloud.Org, MissingProject, MissingDisk);
        disk.Metadata.DeletionTimestamp = _time.GetUtcNow().UtcDateTime;

        var result = await NewReconciler(cloud).FinalizeAsync(disk, Ct);

        Assert.True(result.Completed, Conditions.Find(disk.Status.Conditions, ConditionTypes.Ready)?.Message);
        Assert.Equal(0, await cloud.CountCallsAsync("deleteRootDiskVolume"));
    }

    [Fact]
    public async Task A_disk_id_that_does_not_exist_is_stalled_naming_it()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _time);
        var project = await cloud.CreateProjectAsync("team");
        var disk = KnownDisk(cloud.Org, project.Id, MissingDisk);

        await NewReconciler(cloud).ReconcileAsync(disk, Ct);

        var stalled = Conditions.Find(disk.Status.Conditions, ConditionTypes.Stalled)!;
        Assert.Equal(("True", "DiskNotFound"), (stalled.Status, stalled.Reason));
        Assert.Contains(MissingDisk, stalled.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kept_disk_is_deleted_in_the_cloud_and_then_released()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _time);
        var project = await cloud.CreateProjectAsync("team");
        var vm = await cloud.Client.CreateVmAsync(cloud.Org, project.Id, cloud.NewVmRequest("trainer-1", deleteRootDisk: false), Ct);
        _time.Advance(TimeSpan.FromMinutes(10));
        var diskId = (await cloud.Client.GetVmAsync(cloud.Org, project.Id, vm.Id, Ct)).RootDisk!.Id;
        await cloud.Client.DeleteVmAsync(cloud.Org, project.Id, vm.Id, Ct);
        _time.Advance(TimeSpan.FromMinutes(10));
        var reconciler = NewReconciler(cloud);
        var disk = KnownDisk(cloud.Org, project.Id, diskId);
        disk.Spec.DeletionPolicy = NeevCloud.Crds.DeletionPolicy.Delete;
        await reconciler.ReconcileAsync(disk, Ct);
        Assert.Equal("True", Conditions.Find(disk.Status.Conditions, ConditionTypes.Ready)?.Status);

        disk.Metadata.DeletionTimestamp = _time.GetUtcNow().UtcDateTime;
        var deleting = await reconciler.FinalizeAsync(disk, Ct);
        Assert.False(deleting.Completed);
        _time.Advance(TimeSpan.FromMinutes(10));
        var done = await reconciler.FinalizeAsync(disk, Ct);

        Assert.True(done.Completed);
        Assert.Equal(1, await cloud.CountCallsAsync("deleteRootDiskVolume"));
    }

    private static RootDisk KnownDisk(string org, string projectId, string diskId) => new()
    {
        Metadata = new V1ObjectMeta { Name = "kept", NamespaceProperty = "ml", Uid = "uid-disk", Generation = 1, ResourceVersion = "1" },
        Spec = new RootDiskSpec { ProjectRef = new LocalObjectReference { Name = "team" }, DiskId = diskId },
        Status = new RootDiskStatus { OrganizationId = org, ProjectId = projectId },
    };

    private ManagedReconciler<RootDisk> NewReconciler(SimulatedCloud cloud)
    {
        var refresh = Options.Create(new RefreshOptions());
        var listing = new RootDiskListing(
            (scope, ct) => cloud.Client.ListAllRootDisksAsync(scope.OrganizationId, scope.ProjectId, ct), disk => disk.Id, (a, b) => a == b, _time);
        var external = new RootDiskExternalClient(
            cloud.Client, listing, new ProjectReferences(EmptyCluster.Cache<Project>()), EmptyCluster.Cache<VirtualMachine>(), refresh, _time);
        var events = new RecordingEvents();
        return KindReconciler.For(external, refresh, events, _time);
    }
}
