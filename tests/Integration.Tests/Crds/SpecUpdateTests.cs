using System.Text.Json.Nodes;
using Integration.Tests.Infrastructure;
using static Integration.Tests.Crds.Manifests;

namespace Integration.Tests.Crds;

/// <summary>
/// A change the cloud cannot apply is refused at <c>kubectl apply</c> instead of being accepted and
/// silently ignored; the changes the operator can carry out are accepted.
/// </summary>
public sealed class SpecUpdateTests(KubernetesFixture cluster) : CrdTest(cluster, "crd-update")
{
    private sealed record Update(Func<JsonObject> Before, Func<JsonObject, JsonObject> Change, string Field, string Message);

    private static readonly Dictionary<string, Update> Refused = new(StringComparer.Ordinal)
    {
        ["vm regionId changed"] = new(() => VirtualMachine(), vm => vm.With("spec.regionId", "in-delhi-1"), "spec.regionId", "spec.regionId is immutable"),
        ["vm projectRef changed"] = new(() => VirtualMachine(), vm => vm.With("spec.projectRef.name", "team-b"), "spec.projectRef", "spec.projectRef is immutable"),
        ["vm planId changed"] = new(() => VirtualMachine(), vm => vm.With("spec.planId", "plan-monthly"), "spec.planId", "spec.planId is immutable"),
        ["vm root disk resized"] = new(() => VirtualMachine(), vm => vm.With("spec.rootDisk.create.sizeGb", 100), "spec.rootDisk", "spec.rootDisk is immutable"),
        ["vm deleteRootDisk switched on"] = new(() => VirtualMachine(), vm => vm.With("spec.deleteRootDisk", true), "spec.deleteRootDisk", "spec.deleteRootDisk is immutable"),
        ["vm gpuCount added"] = new(() => VirtualMachine(), vm => vm.With("spec.gpuCount", 2), "spec.gpuCount", "spec.gpuCount is immutable"),
        ["vm gpuCount removed"] = new(() => VirtualMachine().With("spec.gpuCount", 1), vm => vm.Without("spec.gpuCount"), "spec.gpuCount", "spec.gpuCount is immutable"),
        ["vm gpuCount changed"] = new(() => VirtualMachine().With("spec.gpuCount", 1), vm => vm.With("spec.gpuCount", 2), "spec.gpuCount", "spec.gpuCount is immutable"),
        ["vm ssh key added to a vm without keys"] = new(() => VirtualMachine(), vm => vm.With("spec.sshKeys", Array(SshKey())), "spec.sshKeys", "updatePolicy: ReplaceOnApproval"),
        ["vm ssh key replaced"] = new(() => VirtualMachine().With("spec.sshKeys", Array(SshKey(1))), vm => vm.With("spec.sshKeys", Array(SshKey(2))), "spec.sshKeys", "spec.sshKeys is immutable"),
        ["vm port opened"] = new(() => VirtualMachine().With("spec.exposedPorts", Array(Port(80))), vm => vm.With("spec.exposedPorts", Array(Port(80), Port(443))), "spec.exposedPorts", "spec.exposedPorts is immutable"),
        ["vm data disk added"] = new(() => VirtualMachine(), vm => vm.With("spec.dataDisks.create", Array(NewDataDisk("data-1"))), "spec.dataDisks", "spec.dataDisks is immutable"),
        ["vm under ReplaceOnApproval resizes its root disk"] = new(
            () => Replaceable(), vm => vm.With("spec.rootDisk.create.sizeGb", 100), "spec.rootDisk", "spec.rootDisk is immutable"),
        ["vm under ReplaceOnApproval switches deleteRootDisk on"] = new(
            () => Replaceable(), vm => vm.With("spec.deleteRootDisk", true), "spec.deleteRootDisk", "spec.deleteRootDisk is immutable"),
        ["project moved to another organization"] = new(() => Project().With("spec.organizationId", "org-1"), p => p.With("spec.organizationId", "org-2"), "spec.organizationId", "spec.organizationId is immutable"),
        ["project projectId changed"] = new(() => Project().With("spec.projectId", "prj-1"), p => p.With("spec.projectId", "prj-2"), "spec.projectId", "spec.projectId is immutable"),
        ["project projectId removed"] = new(() => Project().With("spec.projectId", "prj-1"), p => p.Without("spec.projectId"), "spec.projectId", "cannot be removed once set"),
        ["root disk diskId changed"] = new(() => RootDisk(), d => d.With("spec.diskId", Uuid(7)), "spec.diskId", "spec.diskId is immutable"),
        ["root disk projectRef changed"] = new(() => RootDisk(), d => d.With("spec.projectRef.name", "team-b"), "spec.projectRef", "spec.projectRef is immutable"),
    };

    private static readonly Dictionary<string, (Func<JsonObject> Before, Func<JsonObject, JsonObject> Change)> Accepted = new(StringComparer.Ordinal)
    {
        ["vm stopped, restarted and orphaned"] = (() => VirtualMachine().With("spec.sshKeys", Array(SshKey())),
            vm => vm.With("spec.powerState", "Stopped").With("spec.restartRequestedAt", "2026-11-23T10:00:00Z").With("spec.deletionPolicy", "Orphan")),
        ["vm under ReplaceOnApproval changes config, plan, region and GPUs"] = (() => Replaceable(),
            vm => vm.With("spec.vmConfigId", "cfg-h100-8x").With("spec.planId", "plan-monthly").With("spec.regionId", "in-delhi-1").With("spec.gpuCount", 8)),
        ["vm under ReplaceOnApproval gets keys, ports and disks"] = (() => Replaceable(),
            vm => vm.With("spec.sshKeys", Array(SshKey())).With("spec.exposedPorts", Array(Port(443))).With("spec.dataDisks.create", Array(NewDataDisk("data-1")))),
        ["vm switched to ReplaceOnApproval and changed in one apply"] = (() => VirtualMachine(),
            vm => vm.With("spec.updatePolicy", "ReplaceOnApproval").With("spec.vmConfigId", "cfg-h100-8x").With("spec.allowDataLoss", true)),
        ["project renamed and described"] = (() => Project(), p => p.With("spec.displayName", "Team A").With("spec.description", "GPU research")),
        ["project adopts a cloud project later"] = (() => Project(), p => p.With("spec.projectId", "prj-1")),
        ["root disk orphaned"] = (() => RootDisk(), d => d.With("spec.deletionPolicy", "Orphan")),
    };

    private static JsonObject Replaceable() => VirtualMachine().With("spec.updatePolicy", "ReplaceOnApproval");

    public static TheoryData<string> RefusedCases => [.. Refused.Keys];

    public static TheoryData<string> AcceptedCases => [.. Accepted.Keys];

    [Theory]
    [MemberData(nameof(RefusedCases))]
    public async Task Kubectl_apply_refuses_a_change_the_cloud_cannot_make(string name)
    {
        var update = Refused[name];
        await CreateAsync(update.Before());

        var result = await ApplyAsync(update.Change(update.Before()));

        NeevCrds.AssertRejected(result, update.Field, update.Message);
    }

    [Theory]
    [MemberData(nameof(AcceptedCases))]
    public async Task Kubectl_apply_accepts_a_change_the_operator_can_make(string name)
    {
        var (before, change) = Accepted[name];
        await CreateAsync(before());

        var result = await ApplyAsync(change(before()));

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    // Defect 10: a spec.projectId added to a Project that already manages a cloud project was accepted and ignored.
    [Fact]
    public async Task A_project_that_manages_a_cloud_project_accepts_a_projectId_only_if_it_names_that_one()
    {
        await CreateAsync(Project());
        var ct = TestContext.Current.CancellationToken;
        var status = await Cluster.KubectlAsync(
            ["patch", "-n", Namespace, "project", "team-a", "--subresource=status", "--type=merge", "-p", "{\"status\":{\"projectId\":\"prj-1\"}}"], null, ct);
        Assert.True(status.ExitCode == 0, status.ToString());

        NeevCrds.AssertRejected(await ApplyAsync(Project().With("spec.projectId", "prj-2")), "spec.projectId", "may only name that one");
        var same = await ApplyAsync(Project().With("spec.projectId", "prj-1"));
        Assert.True(same.ExitCode == 0, same.ToString());
    }

    private async Task CreateAsync(JsonObject manifest)
    {
        var created = await ApplyAsync(manifest);
        Assert.True(created.ExitCode == 0, $"the original manifest was not accepted: {created}");
    }
}
