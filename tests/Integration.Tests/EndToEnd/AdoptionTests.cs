using Integration.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NeevCloud.Crds.Projects;
using NeevCloud.Crds.RootDisks;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Runtime;
using NeevCloud.Simulator;
using NeevCloud.Simulator.Admin;
using static Integration.Tests.EndToEnd.VmManifests;

namespace Integration.Tests.EndToEnd;

/// <summary>
/// A platform team's first day: an account that already holds a project, GPU VMs and a kept disk is exported,
/// applied and watched without a single change in the cloud; one VM is then taken over; deleting everything
/// leaves the cloud as it was.
/// </summary>
public sealed class AdoptionTests(KubernetesFixture cluster) : OperatorScenario(cluster, "adopt")
{
    private static readonly string[] Mutating =
        ["createProject", "updateProject", "deleteProject", "createVM", "startVM", "stopVM", "restartVM", "deleteVM", "deleteRootDiskVolume"];

    protected override SimulatorOptions SimulatorOptions => new() { StepDuration = TimeSpan.FromMilliseconds(300) };

    [Fact]
    public async Task An_exported_account_is_adopted_without_a_cloud_change_taken_over_one_vm_at_a_time_and_left_as_it_was()
    {
        await using var services = CloudClient();
        var cloud = services.GetRequiredService<INeevCloudClient>();
        var org = Cloud.OrganizationId;
        var project = await cloud.CreateProjectAsync(org, new CreateProjectRequest("Research GPU", "made in the console"), Ct);
        var vms = new List<CloudVm>();
        foreach (var name in new[] { "train-1", "train-2", "notebook", "scratch" })
        {
            vms.Add(await cloud.CreateVmAsync(org, project.Id, new CreateVmRequest(name, Region, VmConfig, Plan, RootDiskSource.Create($"{name}-root", 40, Image))
            {
                DeleteRootDisk = name != "scratch",
            }, Ct));
        }

        await Eventually.AssertAsync(async () => Assert.All(
            await Task.WhenAll(vms.Select(vm => cloud.GetVmAsync(org, project.Id, vm.Id, Ct))), vm => Assert.Equal(VmStatus.Running, vm.Status.Value)), Timeout, Ct);
        await cloud.StopVmAsync(org, project.Id, vms[2].Id, Ct);
        // "scratch" goes, its root disk stays: the kept disk of the account.
        await cloud.DeleteVmAsync(org, project.Id, vms[3].Id, Ct);
        await Eventually.AssertAsync(async () =>
        {
            Assert.Equal(VmStatus.Stopped, (await cloud.GetVmAsync(org, project.Id, vms[2].Id, Ct)).Status.Value);
            Assert.Equal(3, Live(await Cloud.StateAsync(Ct)).Count());
            Assert.Contains(await cloud.ListAllRootDisksAsync(org, project.Id, Ct).ToListAsync(Ct), disk => disk.Name == "scratch-root" && !disk.IsAttached);
        }, Timeout, Ct);
        var before = await Cloud.StateAsync(Ct);

        // As a user runs it: kubectl finds the plugin on PATH, and it runs the operator's export.
        var exported = await KubectlNeevAsync(["export", "--organization", org, "--project", project.Id, .. Settings()]);
        var mutatingBefore = await MutatingCallsAsync();

        await ApplyAsync(exported);
        await StartOperatorAsync();
        var adopted = await WaitForReadyAsync<Project>("research-gpu");
        await WaitForReadyAsync<VirtualMachine>("train-1");
        await WaitForReadyAsync<VirtualMachine>("train-2");
        var stopped = await WaitForReadyAsync<VirtualMachine>("notebook");
        await WaitForReadyAsync<RootDisk>("scratch-root");

        Assert.Equal(mutatingBefore, await MutatingCallsAsync());
        Assert.Equal("Research GPU", (await cloud.GetProjectAsync(org, project.Id, Ct)).Name);
        Assert.Equal("stopped", stopped.Status.Phase);
        Assert.Equal(NeevCloud.Crds.DeletionPolicy.Orphan, adopted.Status.DeletionPolicy);

        // Taking one VM over: the spec's power state now counts, and nothing is created.
        var creates = await Cloud.CallsAsync("createVM", Ct);
        await PatchAsync("nvm", "train-1", """{"spec":{"managementPolicy":"Manage","powerState":"Stopped"}}""");
        await WaitForAsync<VirtualMachine>("train-1", vm => Assert.Equal("stopped", vm.Status.Phase));
        Assert.Equal(creates, await Cloud.CallsAsync("createVM", Ct));

        foreach (var (kind, name) in new[] { ("nvm", "train-1"), ("nvm", "train-2"), ("nvm", "notebook"), ("rootdisk", "scratch-root"), ("nproj", "research-gpu") })
        {
            await DeleteAsync(kind, name);
        }

        await WaitUntilGoneAsync<Project>("research-gpu");
        var after = await Cloud.StateAsync(Ct);
        Assert.Equal(before.Projects.Select(p => p.Id), after.Projects.Select(p => p.Id));
        Assert.Equal(Live(before).Select(vm => vm.Id).Order(), Live(after).Select(vm => vm.Id).Order());
        Assert.Equal(before.Volumes.Select(v => v.Id).Order(), after.Volumes.Select(v => v.Id).Order());
    }

    [Fact]
    public async Task A_second_resource_adopting_the_same_project_is_refused()
    {
        var existing = await Cloud.CreateProjectAsync("shared", Ct);
        var id = existing["id"]!.GetValue<string>();
        await StartOperatorAsync();
        await ApplyAsync($$"""
            apiVersion: neevcloud.com/v1alpha1
            kind: Project
            metadata: {name: first}
            spec: {projectId: "{{id}}"}
            """);
        await WaitForReadyAsync<Project>("first");

        await ApplyAsync($$"""
            apiVersion: neevcloud.com/v1alpha1
            kind: Project
            metadata: {name: second}
            spec: {projectId: "{{id}}", displayName: renamed, deletionPolicy: Delete}
            """);
        var refused = await WaitForConditionAsync<Project>("second", ConditionTypes.Stalled, "True", "AlreadyManaged");

        Assert.Contains("/first", Conditions.Find(refused.Status.Conditions, ConditionTypes.Stalled)!.Message, StringComparison.Ordinal);
        await DeleteAsync("nproj", "second");
        await WaitUntilGoneAsync<Project>("second");
        Assert.True(await Cloud.ProjectExistsAsync(id, Ct));
        Assert.Single(await Cloud.ProjectsNamedAsync("shared", Ct));
    }

    private static IEnumerable<SimulatorVmState> Live(SimulatorState state) =>
        state.Vms.Where(vm => vm.Status is not ("deleted" or "deleting"));

    private string[] Settings() =>
    [
        $"--NeevCloud:TenantUrl={Cloud.Host.TenantUrl}",
        $"--NeevCloud:VmUrl={Cloud.Host.VmUrl}",
        $"--NeevCloud:Token={Cloud.Host.Token}",
    ];

    private ServiceProvider CloudClient()
    {
        var configuration = new ConfigurationBuilder().AddCommandLine([.. Settings(), $"--NeevCloud:OrganizationId={Cloud.OrganizationId}"]).Build();
        return new ServiceCollection().AddLogging().AddNeevCloudClient(configuration).BuildServiceProvider();
    }

    private async Task<string> KubectlNeevAsync(string[] args)
    {
        var kubectl = await RepositoryTools.PathOrSkipAsync("kubectl");
        var plugins = Directory.CreateTempSubdirectory("neev-kubectl-plugins-");
        try
        {
            File.CreateSymbolicLink(Path.Combine(plugins.FullName, "kubectl-neev"), RepositoryPaths.Combine("hack", "kubectl-neev"));
            var result = await ProcessRunner.RunAsync(
                kubectl,
                ["neev", .. args],
                environment: new Dictionary<string, string> { ["PATH"] = $"{plugins.FullName}{Path.PathSeparator}{Environment.GetEnvironmentVariable("PATH")}" },
                cancellationToken: Ct);
            Assert.True(result.ExitCode == 0, result.ToString());
            return result.StdOut;
        }
        finally
        {
            plugins.Delete(recursive: true);
        }
    }

    private async Task<Dictionary<string, int>> MutatingCallsAsync()
    {
        var calls = await Cloud.Host.Admin.GetCallsAsync(Ct);
        return Mutating.ToDictionary(op => op, op => calls.CountOf(op));
    }
}
