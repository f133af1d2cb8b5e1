using System.Text.Json.Nodes;
using Integration.Tests.Infrastructure;
using static Integration.Tests.Crds.Manifests;

namespace Integration.Tests.Crds;

/// <summary>The schemas accept everything the API allows, up to its limits, and fill in the documented defaults.</summary>
public sealed class ValidManifestTests(KubernetesFixture cluster) : CrdTest(cluster, "crd-valid")
{
    private static readonly Dictionary<string, JsonObject> Valid = new(StringComparer.Ordinal)
    {
        ["minimal project"] = Project(),
        ["project adopting a cloud project"] = Project("adopted").With("spec.projectId", "prj-123").With("spec.organizationId", "org-1")
            .With("spec.displayName", new string('p', 100)).With("spec.description", "GPU team").With("spec.deletionPolicy", "Orphan"),
        ["vm creating its root disk"] = VirtualMachine(),
        ["vm with a 20 character name at every limit"] = VirtualMachine("web-server-number-01")
            .With("spec.gpuCount", 8)
            .With("spec.rootDisk.create.sizeGb", 2048)
            .With("spec.deleteRootDisk", true)
            .With("spec.dataDisks.attach", Array(4, i => ExistingDataDisk(Uuid(i))))
            .With("spec.dataDisks.create", Array(4, i => NewDataDisk($"data-{i}", sizeGb: i % 2 == 0 ? 10 : 2048, type: i % 2 == 0 ? "block" : "filesystem")))
            .With("spec.sshKeys", Array(10, i => SshKey(i)))
            .With("spec.exposedPorts", Array(Port(1), Port(65535, "udp"), Port(80), Port(80, "udp"), Port(443), Port(8080), Port(8443), Port(9000), Port(23), Port(21)))
            .With("spec.powerState", "Stopped")
            .With("spec.restartRequestedAt", "2026-11-23T10:00:00Z")
            .With("spec.deletionPolicy", "Orphan"),
        ["vm with cost controls"] = VirtualMachine("web-5")
            .With("spec.powerSchedule", new JsonObject
            {
                ["timeZone"] = "America/Argentina/Buenos_Aires",
                ["windows"] = new JsonArray(
                    new JsonObject { ["days"] = new JsonArray("Mon", "Tue", "Wed", "Thu", "Fri"), ["start"] = "09:00", ["stop"] = "18:30" },
                    new JsonObject { ["days"] = new JsonArray("Sat"), ["start"] = "22:00", ["stop"] = "02:00" }),
            })
            .With("spec.expiresAt", "2026-12-31T18:00:00Z")
            .With("spec.onExpiry", "Delete"),
        ["vm attaching a RootDisk resource"] = VirtualMachine("web-2").Without("spec.rootDisk.create").With("spec.rootDisk.attach.rootDiskRef.name", "web-1-root"),
        ["vm attaching a disk by id"] = VirtualMachine("web-3").Without("spec.rootDisk.create").With("spec.rootDisk.attach.diskId", DiskId.ToUpperInvariant()),
        ["vm with an rsa key"] = VirtualMachine("web-4").With("spec.sshKeys", Array("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQC7x9lq1J2mP0q6D3kqZ3d8a/b+c== alice@laptop")),
        ["root disk"] = RootDisk(),
        ["vm adopted by id alone, observed only"] = Resource("VirtualMachine", "legacy", new JsonObject
        {
            ["projectRef"] = new JsonObject { ["name"] = "team-a" },
            ["vmId"] = Uuid(9),
            ["managementPolicy"] = "ObserveOnly",
        }),
        ["project observed only"] = Project("observed").With("spec.projectId", "prj-1").With("spec.managementPolicy", "ObserveOnly"),
        ["root disk observed only"] = RootDisk("disk-2").With("spec.managementPolicy", "ObserveOnly"),
    };

    public static TheoryData<string> Cases => [.. Valid.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Kubectl_apply_accepts_it(string name)
    {
        var result = await ApplyAsync(Valid[name]);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    public static TheoryData<string, string, string> Defaults => new()
    {
        // deletionPolicy has no default: unset, the operator applies Orphan to adopted and Delete to created resources.
        { "Project", "{.spec.managementPolicy} {.status.observedGeneration}", "Manage 0" },
        { "VirtualMachine", "{.spec.powerState} {.spec.managementPolicy} {.spec.deleteRootDisk} {.spec.exposedPorts[0].protocol}", "Running Manage false tcp" },
        { "RootDisk", "{.spec.managementPolicy}", "Manage" },
    };

    [Theory]
    [MemberData(nameof(Defaults))]
    public async Task The_server_fills_in_the_defaults(string kind, string jsonPath, string expected)
    {
        var manifest = kind switch
        {
            "Project" => Project(),
            "VirtualMachine" => VirtualMachine().With("spec.exposedPorts", Array(Port(80))),
            _ => RootDisk(),
        };
        var name = manifest["metadata"]!["name"]!.GetValue<string>();
        Assert.Equal(0, (await ApplyAsync(manifest)).ExitCode);

        var result = await Cluster.KubectlAsync(
            ["get", kind.ToLowerInvariant() + ".neevcloud.com", name, "-n", Namespace, "-o", $"jsonpath={jsonPath}"],
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(expected, result.StdOut);
    }
}
