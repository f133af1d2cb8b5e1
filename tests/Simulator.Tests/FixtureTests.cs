using NeevCloud.Simulator.Tests.Infrastructure;

namespace NeevCloud.Simulator.Tests;

/// <summary>Configured fixtures: a project and a root disk with fixed ids exist from start-up and after a reset.</summary>
public sealed class FixtureTests
{
    private const string ProjectId = "5b0c7c1e-0d3f-4a61-9b7e-2f1d0c9a8b71";
    private static readonly Guid DiskId = Guid.Parse("9d6f2b4a-3c1e-4f7a-8b2d-6e5c4a3b2f10");

    [Fact]
    public async Task A_fixture_disk_is_ready_unattached_and_boots_a_vm_and_comes_back_after_a_reset()
    {
        await using var sim = await TestSimulator.StartAsync(WithFixture);
        var diskId = DiskId.ToString();

        var project = await sim.Api.GetAsync(ApiClient.Project(ProjectId));
        var disk = await sim.Api.GetAsync(ApiClient.RootDisk(ProjectId, diskId));
        Assert.Equal((200, "legacy"), (project.Code, project.Field("name")));
        Assert.Equal(("ready", false, "legacy-root", 50), (disk.State, disk.Json["is_attached"]!.GetValue<bool>(), disk.Field("name"), disk.Json["size_gb"]!.GetValue<int>()));

        var vm = await sim.Api.PostAsync(ApiClient.Vms(ProjectId), VmBodies.Attaching("reborn", diskId).ToJsonString());
        Assert.Equal(201, vm.Code);

        await sim.Admin.ResetAsync(Test.Ct);
        var state = await sim.Admin.GetStateAsync(Test.Ct);
        Assert.Equal(ProjectId, Assert.Single(state.Projects).Id);
        Assert.Equal((diskId, "ready", null), (Assert.Single(state.Volumes).Id, state.Volumes[0].Status, state.Volumes[0].AttachedVmId));
        Assert.Empty(state.Vms);
    }

    [Fact]
    public async Task A_fixture_naming_something_outside_the_catalog_stops_the_start_with_the_setting_named()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => TestSimulator.StartAsync(options =>
        {
            WithFixture(options);
            options.Fixtures[0].OrganizationId = "org-nowhere";
            options.Fixtures[0].RootDisks[0].SizeGb = 5;
        }));

        Assert.Contains("Simulator:Fixtures:0:OrganizationId 'org-nowhere'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Simulator:Fixtures:0:RootDisks:0:SizeGb must be 20-2048", ex.Message, StringComparison.Ordinal);
    }

    private static void WithFixture(SimulatorOptions options) => options.Fixtures =
    [
        new SimulatorFixtureProject
        {
            Id = ProjectId,
            OrganizationId = ApiClient.Org,
            Name = "legacy",
            RootDisks =
            [
                new SimulatorFixtureRootDisk
                {
                    Id = DiskId,
                    Name = "legacy-root",
                    SizeGb = 50,
                    ImageId = SimulatorDefaults.Images[0],
                    Region = SimulatorDefaults.Regions[0],
                    PlanId = SimulatorDefaults.Plans[0],
                },
            ],
        },
    ];
}
