using Integration.Tests.Crds;
using Integration.Tests.Infrastructure;
using NeevCloud.Simulator;
using static Integration.Tests.EndToEnd.VmManifests;

namespace Integration.Tests.EndToEnd;

/// <summary>
/// An uninstall never deletes the cloud: the VirtualMachine CRD deleted with VMs present, on an API server of
/// its own (deleting a CRD deletes every object of the kind, other tests' too, and waits for all their finalizers).
/// </summary>
public sealed class UninstallTests(KubernetesFixture cluster)
{
    private const string Ns = "team";
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deleting_the_vm_crd_leaves_every_cloud_vm_running_and_the_operator_picks_up_once_it_is_back()
    {
        if (!cluster.IsLocalControlPlane)
        {
            Assert.Skip("skipped: an API server of its own needs the local control plane (hack/control-plane.sh)");
        }

        await using var plane = await LocalControlPlaneBackend.StartAsync(LocalControlPlaneBackend.InstanceFor("uninstall"), _ct);
        var kubectl = new Kubectl(plane.KubeconfigPath, _ct);
        await NeevCrds.ApplyAsync(kubectl.RunAsync);
        await using var cloud = await CloudSimulator.StartAsync(_ct, new SimulatorOptions { StepDuration = TimeSpan.FromMilliseconds(300) });
        await using var running = await OperatorUnderTest.StartAsync(plane.KubeconfigPath, cloud, _ct, ["--leader-elect=false"]);

        await ApplyAsync(kubectl, Project("gpu") + "\n---\n" + VmWithNewDisk("web-1", "gpu") + "\n---\n" + VmWithNewDisk("web-2", "gpu"));
        await kubectl.RunAsync("wait", "-n", Ns, "--for=condition=Ready", "nvm/web-1", "nvm/web-2", "--timeout=90s");
        var ids = new[] { await VmIdAsync(kubectl, "web-1"), await VmIdAsync(kubectl, "web-2") };

        // kubectl waits until the API server has deleted every VirtualMachine: that needs the operator to let go.
        await kubectl.RunAsync("delete", "crd", "virtualmachines.neevcloud.com", "--timeout=90s");

        var state = await cloud.StateAsync(_ct);
        Assert.Equal(ids.Order(StringComparer.Ordinal), state.Vms.Select(vm => vm.Id).Order(StringComparer.Ordinal));
        Assert.All(state.Vms, vm => Assert.Equal("running", vm.Status));
        Assert.Equal(0, await cloud.CallsAsync("deleteVM", _ct));
        var warnings = await kubectl.RunAsync(
            "get", "events.events.k8s.io", "-n", Ns, "-o", "jsonpath={.items[?(@.reason==\"OrphanedByUninstall\")].regarding.name}");
        Assert.Equal(["web-1", "web-2"], warnings.StdOut.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));

        // The operator kept running without the CRD; once it is back it takes a VM back by id and creates a new one.
        await NeevCrds.ApplyAsync(kubectl.RunAsync);
        await ApplyAsync(kubectl, VmAdopting("web-1", "gpu", ids[0]) + "\n---\n" + VmWithNewDisk("web-3", "gpu"));
        await kubectl.RunAsync("wait", "-n", Ns, "--for=condition=Ready", "nvm/web-1", "nvm/web-3", "--timeout=90s");
        Assert.Equal(ids[0], await VmIdAsync(kubectl, "web-1"));
        Assert.Equal(3, await cloud.CallsAsync("createVM", _ct));
        await kubectl.RunAsync("wait", "-n", Ns, "--for=condition=Ready", "nproj/gpu", "--timeout=30s");
    }

    private static async Task ApplyAsync(Kubectl kubectl, string manifest)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("neev-uninstall-").FullName, "manifest.yaml");
        try
        {
            await File.WriteAllTextAsync(file, manifest);
            await kubectl.RunAsync("apply", "-n", Ns, "-f", file);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    private static async Task<string> VmIdAsync(Kubectl kubectl, string vm) =>
        (await kubectl.RunAsync("get", "nvm", vm, "-n", Ns, "-o", "jsonpath={.status.vmId}")).StdOut.Trim();
}
