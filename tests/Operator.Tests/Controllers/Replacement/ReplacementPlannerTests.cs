using NeevCloud.Crds;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Controllers.VirtualMachines.Replacement;

namespace Operator.Tests.Controllers.Replacement;

/// <summary>The plan, from the spec and what status records of the VM: one table, every branch.</summary>
public sealed class ReplacementPlannerTests
{
    private const string RootId = "11111111-1111-4111-8111-111111111111";
    private const string DataId = "22222222-2222-4222-8222-222222222222";
    private const string AttachedId = "33333333-3333-4333-8333-333333333333";
    private const string KeyA = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH0Bd5eSbq5VLb8uZ8bG6Q2t9yV0b3w1Xg0fJxG8dY7a a@example";
    private const string KeyB = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ9Xk2f1c3T4lQm8pQ7rS6vW5xY4zA3bB2cC1dD0eE9f b@example";

    public sealed record Case(
        string Name, Action<VirtualMachineSpec, VirtualMachineStatus> Change, string[] Fields, bool Refused, string? Kept = null, string? Lost = null)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Cases => new()
    {
        new Case("a bigger configuration keeps the root disk", (spec, _) => spec.VmConfigId = "cfg-big", ["vmConfigId"], false, Kept: $"({RootId}): detached from the old VM and attached to the new one"),
        new Case("more GPUs", (spec, _) => spec.GpuCount = 8, ["gpuCount"], false),
        new Case("another plan and a new port", (spec, _) => { spec.PlanId = "plan-b"; spec.ExposedPorts = [new() { Port = 443 }]; }, ["planId", "exposedPorts"], false),
        new Case("a deleteRootDisk VM loses its root disk", (spec, status) => { spec.VmConfigId = "cfg-big"; status.Observed!.DeleteRootDisk = true; }, ["vmConfigId"], true, Lost: "deleteRootDisk: true"),
        new Case("allowDataLoss accepts the lost root disk", (spec, status) => { spec.VmConfigId = "cfg-big"; spec.AllowDataLoss = true; status.Observed!.DeleteRootDisk = true; }, ["vmConfigId"], false, Lost: "deleteRootDisk: true"),
        new Case("a data disk created with the VM is lost", (spec, status) => { spec.VmConfigId = "cfg-big"; status.DataDisks = [Created()]; spec.DataDisks = new() { Create = [new() { Name = "scratch", Type = DataDiskType.Block, SizeGb = 100 }] }; }, ["vmConfigId"], true, Lost: $"data disk scratch ({DataId}, 100 GB): created with the VM"),
        new Case("a disk attached by id is re-attached", (spec, status) => { spec.VmConfigId = "cfg-big"; status.DataDisks = [Attached()]; spec.DataDisks = new() { Attach = [new() { DiskId = AttachedId }] }; }, ["vmConfigId"], false, Kept: "attached by id, detached from the old VM and attached to the new one"),
        new Case("a disk no longer attached is left, not lost", (spec, status) => status.DataDisks = [Attached()], ["dataDisks.attach"], false, Kept: "left in NeevCloud"),
        new Case("another region leaves the root disk behind, recorded", (spec, _) => spec.RegionId = "in-del-1", ["regionId"], false, Kept: "recorded as RootDisk trainer-1-root"),
        new Case("another region cannot take an attached root disk", (spec, _) => { spec.RegionId = "in-del-1"; spec.RootDisk = new() { Attach = new() { DiskId = RootId } }; }, ["regionId"], true),
        new Case("new SSH keys", (spec, _) => spec.SshKeys = [KeyA, KeyB], ["sshKeys"], false),
        new Case("keys never recorded are not a change", (spec, status) => { spec.SshKeys = [KeyB]; status.Observed!.SshKeys = null; }, [], false),
        new Case("port 22 the cloud shows for SSH is no change", (_, status) => status.ExposedPorts = [new() { Port = 22, Protocol = "tcp" }], [], false),
        new Case("a root disk not reported yet cannot be kept", (spec, status) => { spec.PlanId = "plan-b"; status.RootDisk = null; }, ["planId"], true),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_plan_names_what_changes_what_survives_and_whether_it_is_refused(Case @case)
    {
        var (spec, status) = (Spec(), Status());
        @case.Change(spec, status);

        var plan = ReplacementPlanner.For("trainer-1", spec, status, generation: 4);

        if (@case.Fields.Length == 0)
        {
            Assert.Null(plan);
            return;
        }

        Assert.NotNull(plan);
        Assert.Equal(4, plan.Generation);
        Assert.Equal(@case.Fields, plan.Changes.Select(c => c.Field));
        Assert.Equal(@case.Refused, plan.Refused is not null);
        Assert.Contains(plan.Consequences, c => c.StartsWith("downtime:", StringComparison.Ordinal));
        Assert.Contains(plan.Consequences, c => c.Contains("203.0.113.7 is released", StringComparison.Ordinal));
        if (@case.Kept is { } kept)
        {
            Assert.Contains(plan.DisksKept ?? [], k => k.Contains(kept, StringComparison.Ordinal));
        }

        if (@case.Lost is { } lost)
        {
            Assert.Contains(plan.DisksLost ?? [], l => l.Contains(lost, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_change_reads_from_what_the_vm_has_to_what_the_spec_asks()
    {
        var spec = Spec();
        spec.VmConfigId = "cfg-big";

        var change = Assert.Single(ReplacementPlanner.For("trainer-1", spec, Status(), 2)!.Changes);

        Assert.Equal(("vmConfigId", "cfg-small", "cfg-big"), (change.Field, change.From, change.To));
    }

    [Fact]
    public void No_vm_yet_means_no_plan()
    {
        var spec = Spec();
        spec.VmConfigId = "cfg-big";

        Assert.Null(ReplacementPlanner.For("trainer-1", spec, new VirtualMachineStatus(), 2));
        Assert.Null(ReplacementPlanner.For("trainer-1", spec, null, 2));
    }

    [Theory]
    [InlineData(null, false, null)]
    [InlineData("4", true, null)]
    [InlineData(" 4 ", true, null)]
    [InlineData("3", false, "3")]
    [InlineData("yes", false, "yes")]
    public void Only_the_plans_own_generation_approves_it(string? annotation, bool approved, string? stale)
    {
        var annotations = annotation is null ? null : new Dictionary<string, string> { [ReplacementPlanner.ApprovalAnnotation] = annotation };

        Assert.Equal(new ReplacementPlanner.Approval(approved, stale), ReplacementPlanner.ApprovalOf(annotations, 4));
    }

    [Fact]
    public void A_fingerprint_is_the_sha256_of_the_key_blob_as_ssh_keygen_prints_it()
    {
        // ssh-keygen -lf of a key is "SHA256:" + unpadded base64 of SHA-256 over the decoded second field.
        var blob = Convert.FromBase64String(KeyA.Split(' ')[1]);
        var expected = "SHA256:" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(blob)).TrimEnd('=');

        Assert.Equal(expected, SshKeyFingerprint.Of(KeyA));
        Assert.Equal(SshKeyFingerprint.Of(KeyA), SshKeyFingerprint.Of(KeyA.Replace(" a@example", " renamed", StringComparison.Ordinal)));
        Assert.NotEqual(SshKeyFingerprint.Of(KeyA), SshKeyFingerprint.Of(KeyB));
    }

    private static VirtualMachineSpec Spec() => new()
    {
        ProjectRef = new LocalObjectReference { Name = "research" },
        RegionId = "in-mum-1",
        VmConfigId = "cfg-small",
        PlanId = "plan-a",
        UpdatePolicy = UpdatePolicy.ReplaceOnApproval,
        SshKeys = [KeyA],
        RootDisk = new VirtualMachineRootDisk { Create = new NewRootDisk { Name = "trainer-1-root", SizeGb = 50, ImageId = "img-ubuntu" } },
    };

    private static VirtualMachineStatus Status() => new()
    {
        VmId = "44444444-4444-4444-8444-444444444444",
        PublicIp = "203.0.113.7",
        RootDisk = new DiskStatus { Id = RootId, Name = "trainer-1-root", SizeGb = 50 },
        Observed = new VirtualMachineObserved
        {
            RegionId = "in-mum-1", VmConfigId = "cfg-small", PlanId = "plan-a", GpuCount = 0, ImageId = "img-ubuntu", DeleteRootDisk = false,
            SshKeys = [SshKeyFingerprint.Of(KeyA)],
        },
    };

    private static DiskStatus Created() => new() { Id = DataId, Name = "scratch", Type = "block", SizeGb = 100, CreatedWithVm = true };

    private static DiskStatus Attached() => new() { Id = AttachedId, Name = "datasets", Type = "filesystem", SizeGb = 500, CreatedWithVm = false };
}
