using Microsoft.Extensions.Time.Testing;
using NeevCloud.Operator.Cloud;

namespace NeevCloud.Operator.Tests.Cloud;

/// <summary>Happy paths of the ten VM Service operations; the simulator's clock is driven by a fake.</summary>
public sealed class VmOperationTests
{
    private static readonly TimeSpan _settle = TimeSpan.FromMinutes(2);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_get_list_stop_start_restart_and_delete_a_vm()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _time);
        var client = cloud.Client;
        var project = await cloud.CreateProjectAsync("vms");

        var created = await client.CreateVmAsync(cloud.Org, project.Id, cloud.NewVmRequest("web-1"), Ct);
        Assert.True(Guid.TryParse(created.Id, out _));
        Assert.Equal("web-1", created.Name);
        Assert.Equal(cloud.Catalog.Regions[0], created.RegionId);
        Assert.True(created.Status.IsKnown);

        var running = await SettleAsync(cloud, project.Id, created.Id);
        Assert.Equal(VmStatus.Running, running.Status.Value);
        Assert.Equal(20, running.RootDisk?.SizeGb);

        var listed = await client.ListVmsAsync(cloud.Org, project.Id, cancellationToken: Ct);
        Assert.Equal(created.Id, Assert.Single(listed.Data).Id);

        var stopping = await client.StopVmAsync(cloud.Org, project.Id, created.Id, Ct);
        Assert.Contains(stopping.Status.Value, new[] { VmStatus.Stopping, VmStatus.Stopped });
        Assert.Equal(VmStatus.Stopped, (await SettleAsync(cloud, project.Id, created.Id)).Status.Value);

        var starting = await client.StartVmAsync(cloud.Org, project.Id, created.Id, Ct);
        Assert.Contains(starting.Status.Value, new[] { VmStatus.Starting, VmStatus.Running });
        Assert.Equal(VmStatus.Running, (await SettleAsync(cloud, project.Id, created.Id)).Status.Value);

        var restarting = await client.RestartVmAsync(cloud.Org, project.Id, created.Id, Ct);
        Assert.Contains(restarting.Status.Value, new[] { VmStatus.Restarting, VmStatus.Running });
        Assert.Equal(VmStatus.Running, (await SettleAsync(cloud, project.Id, created.Id)).Status.Value);

        await client.DeleteVmAsync(cloud.Org, project.Id, created.Id, Ct);
        var afterDelete = await client.GetVmAsync(cloud.Org, project.Id, created.Id, Ct);
        Assert.Contains(afterDelete.Status.Value, new[] { VmStatus.Deleting, VmStatus.Deleted });
    }

    [Fact]
    public async Task A_kept_root_disk_is_listed_read_and_deleted_once_its_vm_is_gone()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _time);
        var client = cloud.Client;
        var project = await cloud.CreateProjectAsync("disks");
        var vm = await client.CreateVmAsync(cloud.Org, project.Id, cloud.NewVmRequest("db-1", deleteRootDisk: false), Ct);
        await SettleAsync(cloud, project.Id, vm.Id);

        var disk = Assert.Single(await client.ListAllRootDisksAsync(cloud.Org, project.Id, Ct).ToListAsync(Ct));
        Assert.Equal((true, vm.Id, 20), (disk.IsAttached, disk.VmId, disk.SizeGb));
        Assert.Equal(RootDiskStatus.Ready, disk.Status.Value);
        Assert.Equal(disk, await client.GetRootDiskAsync(cloud.Org, project.Id, disk.Id, Ct));
        Assert.Single((await client.ListRootDisksAsync(cloud.Org, project.Id, cancellationToken: Ct)).Data);

        await client.DeleteVmAsync(cloud.Org, project.Id, vm.Id, Ct);
        _time.Advance(_settle);
        var detached = await client.GetRootDiskAsync(cloud.Org, project.Id, disk.Id, Ct);
        Assert.False(detached.IsAttached);

        await client.DeleteRootDiskAsync(cloud.Org, project.Id, disk.Id, Ct);
        _time.Advance(_settle);
        var gone = await Assert.ThrowsAsync<NeevCloudApiException>(() => client.GetRootDiskAsync(cloud.Org, project.Id, disk.Id, Ct));
        Assert.Equal(CloudErrorKind.NotFound, gone.Kind);
    }

    [Fact]
    public async Task List_all_vms_returns_every_vm_of_the_project()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _time);
        var project = await cloud.CreateProjectAsync("fleet");
        var names = Enumerable.Range(1, 3).Select(i => $"node-{i}").ToList();
        foreach (var name in names)
        {
            await cloud.Client.CreateVmAsync(cloud.Org, project.Id, cloud.NewVmRequest(name), Ct);
        }

        var listed = await cloud.Client.ListAllVmsAsync(cloud.Org, project.Id, Ct).Select(vm => vm.Name).ToListAsync(Ct);

        Assert.Equal(names, listed.Order());
    }

    private async Task<CloudVm> SettleAsync(SimulatedCloud cloud, string projectId, string vmId)
    {
        _time.Advance(_settle);
        return await cloud.Client.GetVmAsync(cloud.Org, projectId, vmId, Ct);
    }
}
