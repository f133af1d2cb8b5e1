using Microsoft.Extensions.DependencyInjection;
using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Runtime;

namespace NeevCloud.Operator.Tests.Cloud;

/// <summary>Once the fence is closed (Lease lost, shutdown), no call that changes the cloud leaves the process; reads still do.</summary>
public sealed class WriteFenceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_closed_fence_stops_every_mutating_call_before_it_is_sent_and_lets_reads_through()
    {
        var fence = WriteFence.ClosedUntilGranted(TimeProvider.System);
        fence.Grant(validUntil: null);
        await using var cloud = await SimulatedCloud.StartAsync(configure: services => services.AddSingleton(fence));
        var project = await cloud.CreateProjectAsync("p");
        var vm = await cloud.Client.CreateVmAsync(cloud.Org, project.Id, cloud.NewVmRequest("web-1"), Ct);

        fence.Revoke("shutting down");
        Func<Task>[] writes =
        [
            () => cloud.CreateProjectAsync("q"),
            () => cloud.Client.UpdateProjectAsync(cloud.Org, project.Id, new UpdateProjectRequest("renamed"), Ct),
            () => cloud.Client.CreateVmAsync(cloud.Org, project.Id, cloud.NewVmRequest("web-2"), Ct),
            () => cloud.Client.StopVmAsync(cloud.Org, project.Id, vm.Id, Ct),
            () => cloud.Client.DeleteVmAsync(cloud.Org, project.Id, vm.Id, Ct),
            () => cloud.Client.DeleteProjectAsync(cloud.Org, project.Id, Ct),
        ];
        foreach (var write in writes)
        {
            var refused = await Assert.ThrowsAsync<WriteFencedException>(write);
            Assert.Contains("shutting down", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal(project.Id, (await cloud.Client.GetProjectAsync(cloud.Org, project.Id, Ct)).Id);
        Assert.Equal(1, await cloud.CountCallsAsync("createProject"));
        Assert.Equal(1, await cloud.CountCallsAsync("createVM"));
        Assert.Equal(0, await cloud.CountCallsAsync("stopVM") + await cloud.CountCallsAsync("deleteVM") + await cloud.CountCallsAsync("updateProject"));
    }

    [Fact]
    public async Task A_lease_not_renewed_in_time_closes_the_fence_by_itself()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var fence = WriteFence.ClosedUntilGranted(time);
        Assert.False(fence.IsOpen);

        fence.Grant(time.GetUtcNow() + TimeSpan.FromSeconds(10));
        Assert.True(fence.IsOpen);

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.False(fence.IsOpen);
        var refused = Assert.Throws<WriteFencedException>(() => fence.ThrowIfClosed("createVM"));
        Assert.Contains("renewed", refused.Reason, StringComparison.Ordinal);
        await Task.CompletedTask;
    }
}
