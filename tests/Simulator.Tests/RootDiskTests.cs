using System.Text.Json.Nodes;
using NeevCloud.Simulator.Tests.Infrastructure;

namespace NeevCloud.Simulator.Tests;

/// <summary>Root disks are born with their VM, outlive it unless delete_root_disk, and are deleted asynchronously.</summary>
public sealed class RootDiskTests
{
    [Fact]
    public async Task A_created_root_disk_provisions_with_its_vm_and_is_listed_attached()
    {
        await using var sim = await TestSimulator.StartAsync();
        var project = await sim.Api.CreateProjectAsync("p");
        var vm = await sim.Api.CreateVmAsync(project, "db-1", deleteRootDisk: false);
        var diskId = vm.Json["root_disk"]!["id"]!.GetValue<string>();
        Assert.Equal("""{"name":"db-1-root","type":"block","size_gb":20}""", Without(vm.Json["root_disk"]!, "id"));

        var states = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            states.Add((await sim.Api.GetAsync(ApiClient.RootDisk(project, diskId))).State);
            sim.Advance();
        }

        var disk = await sim.Api.GetAsync(ApiClient.RootDisk(project, diskId));
        Assert.Equal(["pending", "provisioning", "ready"], states);
        Assert.Equal((true, vm.Id), (disk.Json["is_attached"]!.GetValue<bool>(), disk.Field("vm_id")));
        Assert.Equal((ApiClient.Org, project), (disk.Field("org_id"), disk.Field("project_id")));
        Assert.Equal((SimulatorDefaults.Regions[0], SimulatorDefaults.Images[0], SimulatorDefaults.Plans[0], "block"),
            (disk.Field("region"), disk.Field("image_id"), disk.Field("plan_id"), disk.Field("volume_mode")));
        var listed = await sim.Api.GetAsync(ApiClient.RootDisks(project));
        Assert.Equal(disk.RawBody, Assert.Single(listed.Json["data"]!.AsArray())!.ToJsonString());
    }

    [Fact]
    public async Task A_kept_root_disk_is_detached_when_its_vm_is_deleted_and_can_boot_a_new_vm()
    {
        await using var sim = await TestSimulator.StartAsync();
        var (project, vm) = await VmLifecycleTests.RunningVmAsync(sim, deleteRootDisk: false);
        var diskId = (await sim.Api.GetAsync(ApiClient.Vm(project, vm))).Json["root_disk"]!["id"]!.GetValue<string>();

        var attachedDelete = await sim.Api.DeleteAsync(ApiClient.RootDisk(project, diskId));
        var attachedAttach = await sim.Api.PostAsync(ApiClient.Vms(project), VmBodies.Attaching("web-2", diskId).ToJsonString());
        Assert.Equal((409, "disk_attached"), (attachedDelete.Code, attachedDelete.ErrorCode));
        Assert.Equal((409, "disk_attached"), (attachedAttach.Code, attachedAttach.ErrorCode));

        await sim.Api.DeleteAsync(ApiClient.Vm(project, vm));
        Assert.True((await sim.Api.GetAsync(ApiClient.RootDisk(project, diskId))).Json["is_attached"]!.GetValue<bool>());
        sim.Advance();
        var detached = await sim.Api.GetAsync(ApiClient.RootDisk(project, diskId));
        Assert.Equal((false, null, "ready"), (detached.Json["is_attached"]!.GetValue<bool>(), detached.Body!["vm_id"], detached.State));

        var reborn = await sim.Api.PostAsync(ApiClient.Vms(project), VmBodies.Attaching("web-2", diskId).ToJsonString());
        Assert.Equal(201, reborn.Code);
        Assert.Equal(diskId, reborn.Json["root_disk"]!["id"]!.GetValue<string>());
        Assert.Equal(SimulatorDefaults.Images[0], reborn.Field("image_id"));
        Assert.False(reborn.Json["delete_root_disk"]!.GetValue<bool>());
        Assert.Equal(reborn.Id, (await sim.Api.GetAsync(ApiClient.RootDisk(project, diskId))).Field("vm_id"));
    }

    [Fact]
    public async Task A_root_disk_created_with_delete_root_disk_goes_with_its_vm()
    {
        await using var sim = await TestSimulator.StartAsync();
        var (project, vm) = await VmLifecycleTests.RunningVmAsync(sim, deleteRootDisk: true);
        var diskId = (await sim.Api.GetAsync(ApiClient.Vm(project, vm))).Json["root_disk"]!["id"]!.GetValue<string>();

        await sim.Api.DeleteAsync(ApiClient.Vm(project, vm));
        sim.Advance();
        Assert.Equal("deleting", (await sim.Api.GetAsync(ApiClient.RootDisk(project, diskId))).State);
        sim.Advance();

        Assert.Equal(404, (await sim.Api.GetAsync(ApiClient.RootDisk(project, diskId))).Code);
        Assert.Empty((await sim.Api.GetAsync(ApiClient.RootDisks(project))).Json["data"]!.AsArray());
    }

    [Fact]
    public async Task Deleting_an_unattached_root_disk_is_accepted_then_it_is_gone()
    {
        await using var sim = await TestSimulator.StartAsync();
        var diskId = await KeptDiskAsync(sim);
        var project = (await sim.Admin.GetStateAsync(Test.Ct)).Projects.Single().Id;

        var accepted = await sim.Api.DeleteAsync(ApiClient.RootDisk(project, diskId));
        Assert.Equal((202, string.Empty), (accepted.Code, accepted.RawBody));
        Assert.Equal("deleting", (await sim.Api.GetAsync(ApiClient.RootDisk(project, diskId))).State);
        Assert.Equal(202, (await sim.Api.DeleteAsync(ApiClient.RootDisk(project, diskId))).Code);
        var attachDeleting = await sim.Api.PostAsync(ApiClient.Vms(project), VmBodies.Attaching("web-3", diskId).ToJsonString());
        Assert.Equal(400, attachDeleting.Code);

        sim.Advance();
        Assert.Equal(404, (await sim.Api.GetAsync(ApiClient.RootDisk(project, diskId))).Code);
        Assert.Equal(404, (await sim.Api.DeleteAsync(ApiClient.RootDisk(project, diskId))).Code);
        Assert.Equal(404, (await sim.Api.PostAsync(ApiClient.Vms(project), VmBodies.Attaching("web-3", diskId).ToJsonString())).Code);
    }

    [Fact]
    public async Task Root_disk_ids_follow_each_operations_documented_statuses()
    {
        await using var sim = await TestSimulator.StartAsync();
        var project = await sim.Api.CreateProjectAsync("p");

        Assert.Equal(404, (await sim.Api.GetAsync(ApiClient.RootDisk(project, "disk-1"))).Code);
        Assert.Equal(400, (await sim.Api.DeleteAsync(ApiClient.RootDisk(project, "disk-1"))).Code);
        Assert.Equal(404, (await sim.Api.GetAsync(ApiClient.RootDisk(project, Operations.AnyUuid))).Code);
        Assert.Equal(404, (await sim.Api.DeleteAsync(ApiClient.RootDisk(project, Operations.AnyUuid))).Code);
        Assert.Equal(404, (await sim.Api.GetAsync(ApiClient.RootDisk("nope", Operations.AnyUuid))).Code);
    }

    [Fact]
    public async Task Listing_the_root_disks_of_an_unknown_project_is_an_empty_page_and_bad_paging_falls_back()
    {
        await using var sim = await TestSimulator.StartAsync();
        var project = await sim.Api.CreateProjectAsync("p");
        for (var i = 0; i < 3; i++)
        {
            await sim.Api.CreateVmAsync(project, $"web-{i}");
        }

        var unknown = await sim.Api.GetAsync(ApiClient.RootDisks("nope"));
        var clamped = await sim.Api.GetAsync(ApiClient.RootDisks(project) + "?page=0&limit=500");
        var garbage = await sim.Api.GetAsync(ApiClient.RootDisks(project) + "?page=x&limit=y");
        var second = await sim.Api.GetAsync(ApiClient.RootDisks(project) + "?page=2&limit=2");

        Assert.Equal("""{"data":[],"pagination":{"total_items":0,"total_pages":0,"current_page":1,"items_per_page":20}}""", unknown.RawBody);
        Assert.Equal("""{"total_items":3,"total_pages":1,"current_page":1,"items_per_page":100}""", clamped.Json["pagination"]!.ToJsonString());
        Assert.Equal("""{"total_items":3,"total_pages":1,"current_page":1,"items_per_page":20}""", garbage.Json["pagination"]!.ToJsonString());
        Assert.Single(second.Json["data"]!.AsArray());
    }

    [Fact]
    public async Task Attaching_a_disk_from_another_project_is_404()
    {
        await using var sim = await TestSimulator.StartAsync();
        var diskId = await KeptDiskAsync(sim);
        var other = await sim.Api.CreateProjectAsync("other");

        var response = await sim.Api.PostAsync(ApiClient.Vms(other), VmBodies.Attaching("web-2", diskId).ToJsonString());

        Assert.Equal(404, response.Code);
    }

    [Fact]
    public async Task Attaching_a_disk_in_another_region_is_400()
    {
        await using var sim = await TestSimulator.StartAsync();
        var diskId = await KeptDiskAsync(sim);
        var project = (await sim.Admin.GetStateAsync(Test.Ct)).Projects.Single().Id;
        var body = VmBodies.Attaching("web-2", diskId);
        body["region_id"] = SimulatorDefaults.Regions[1];

        var response = await sim.Api.PostAsync(ApiClient.Vms(project), body.ToJsonString());

        Assert.Equal(400, response.Code);
        Assert.Contains("region", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Created_data_disks_belong_to_their_vm_and_a_kept_root_disk_can_be_attached_as_data()
    {
        await using var sim = await TestSimulator.StartAsync();
        var keptDisk = await KeptDiskAsync(sim);
        var project = (await sim.Admin.GetStateAsync(Test.Ct)).Projects.Single().Id;
        var vm = await sim.Api.CreateVmAsync(project, "data-1", change: b => b["data_disks"] = new JsonObject
        {
            ["create_disks"] = new JsonArray(new JsonObject { ["name"] = "scratch", ["type"] = "filesystem", ["size_gb"] = 100 }),
            ["attached_disks"] = new JsonArray(new JsonObject { ["disk_id"] = keptDisk }),
        });

        var dataDisks = vm.Json["data_disks"]!.AsArray();
        Assert.Equal(2, dataDisks.Count);
        Assert.Equal(keptDisk, dataDisks[0]!["id"]!.GetValue<string>());
        Assert.Equal("""{"name":"scratch","type":"filesystem","size_gb":100}""", Without(dataDisks[1]!, "id"));
        Assert.Equal(vm.Id, (await sim.Api.GetAsync(ApiClient.RootDisk(project, keptDisk))).Field("vm_id"));

        await sim.Api.DeleteAsync(ApiClient.Vm(project, vm.Id));
        sim.Advance(2);
        var state = await sim.Admin.GetStateAsync(Test.Ct);
        Assert.DoesNotContain(state.Volumes, v => v.Kind == "data");
        Assert.Null(state.Volumes.Single(v => v.Id == keptDisk).AttachedVmId);
    }

    [Fact]
    public async Task A_vm_without_data_disks_reports_them_as_null()
    {
        await using var sim = await TestSimulator.StartAsync();
        var project = await sim.Api.CreateProjectAsync("p");

        var vm = await sim.Api.CreateVmAsync(project, "web-1");

        Assert.True(vm.Json.AsObject().ContainsKey("data_disks"));
        Assert.Null(vm.Json["data_disks"]);
        Assert.Equal("[]", vm.Json["exposed_ports"]!.ToJsonString());
    }

    [Fact]
    public async Task A_project_cannot_be_deleted_while_disks_remain_and_can_once_they_are_gone()
    {
        await using var sim = await TestSimulator.StartAsync();
        var (project, vm) = await VmLifecycleTests.RunningVmAsync(sim, deleteRootDisk: true);

        var busy = await sim.Api.DeleteAsync(ApiClient.Project(project));
        Assert.Equal(409, busy.Code);
        Assert.Equal(1, busy.Json["details"]!["storage_volumes"]!.GetValue<int>());

        await sim.Api.DeleteAsync(ApiClient.Vm(project, vm));
        sim.Advance();
        Assert.Equal(409, (await sim.Api.DeleteAsync(ApiClient.Project(project))).Code);
        sim.Advance();

        Assert.Equal(200, (await sim.Api.DeleteAsync(ApiClient.Project(project))).Code);
        Assert.Empty((await sim.Admin.GetStateAsync(Test.Ct)).Vms);
    }

    /// <summary>A ready, unattached root disk left by a deleted VM; returns its id.</summary>
    private static async Task<string> KeptDiskAsync(TestSimulator sim)
    {
        var (project, vm) = await VmLifecycleTests.RunningVmAsync(sim, deleteRootDisk: false);
        var diskId = (await sim.Api.GetAsync(ApiClient.Vm(project, vm))).Json["root_disk"]!["id"]!.GetValue<string>();
        await sim.Api.DeleteAsync(ApiClient.Vm(project, vm));
        sim.Advance();
        return diskId;
    }

    private static string Without(JsonNode node, string property)
    {
        var copy = node.DeepClone().AsObject();
        copy.Remove(property);
        return copy.ToJsonString();
    }
}
