using System.Reflection;
using Integration.Tests.Infrastructure;
using k8s;
using k8s.Autorest;
using k8s.Models;
using NeevCloud.Crds;
using NeevCloud.Crds.VirtualMachines;

namespace Integration.Tests.Crds;

/// <summary>
/// The C# types and the CRDs agree: what KubernetesClient writes from the types (enum names,
/// timestamps, conditions) is valid for the schema, reads back equal, and kubectl shows it.
/// </summary>
public sealed class TypedClientTests(KubernetesFixture cluster) : CrdTest(cluster, "crd-typed")
{
    private static readonly KubernetesEntityAttribute Entity = typeof(VirtualMachine).GetCustomAttribute<KubernetesEntityAttribute>()!;

    [Fact]
    public async Task A_vm_written_by_the_client_is_accepted_and_reads_back_equal()
    {
        var created = await CreateAsync("typed-1", new VirtualMachineRootDisk
        {
            Create = new NewRootDisk { Name = "typed-1-root", SizeGb = 40, ImageId = "ubuntu-24-04" },
        }, spec =>
        {
            spec.DataDisks = new VirtualMachineDataDisks { Create = [new NewDataDisk { Name = "scratch", Type = DataDiskType.Filesystem, SizeGb = 10 }] };
            spec.ExposedPorts = [new ExposedPort { Port = 8080, Protocol = PortProtocol.Udp }];
            spec.PowerState = PowerState.Stopped;
        });

        Assert.Equal(PowerState.Stopped, created.Spec.PowerState);
        Assert.Equal(DataDiskType.Filesystem, Assert.Single(created.Spec.DataDisks!.Create!).Type);
        Assert.Equal(PortProtocol.Udp, Assert.Single(created.Spec.ExposedPorts!).Protocol);
        Assert.Equal((ManagementPolicy.Manage, (DeletionPolicy?)null), (created.Spec.ManagementPolicy, created.Spec.DeletionPolicy));
    }

    [Fact]
    public async Task A_status_written_by_the_client_round_trips_and_fills_the_printer_columns()
    {
        var created = await CreateAsync("typed-2", AttachedDisk());
        var requestedAt = new DateTime(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);
        created.Status = new VirtualMachineStatus
        {
            VmId = "0b7c5e2a-51f4-4e1b-9c8e-3f2d1a0b9c8d",
            Phase = "running",
            PublicIp = "203.0.113.10",
            ObservedGeneration = created.Metadata.Generation,
            Conditions =
            [
                new V1Condition
                {
                    Type = "Ready",
                    Status = "True",
                    Reason = "Running",
                    Message = "",
                    LastTransitionTime = requestedAt.AddMinutes(2),
                    ObservedGeneration = created.Metadata.Generation,
                },
            ],
        };

        var updated = await ReplaceStatusAsync(created);

        Assert.Equal("Running", Assert.Single(updated.Status.Conditions).Reason);
        var table = await Cluster.KubectlAsync(["get", "nvm", "typed-2", "-n", Namespace, "--no-headers"], cancellationToken: TestContext.Current.CancellationToken);
        Assert.Matches(@"^typed-2\s+running\s+True\s+203\.0\.113\.10\s+0b7c5e2a-51f4-4e1b-9c8e-3f2d1a0b9c8d\s+\S+\s*$", table.StdOut);
    }

    [Fact]
    public async Task A_status_condition_without_a_reason_is_refused()
    {
        // The runtime's condition helper must always set reason and message; this is what happens otherwise.
        var created = await CreateAsync("typed-3", AttachedDisk());
        created.Status.Conditions = [new V1Condition { Type = "Ready", Status = "Unknown", LastTransitionTime = DateTime.UtcNow }];

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => ReplaceStatusAsync(created));

        Assert.Contains("status.conditions[0].reason", error.Response.Content, StringComparison.Ordinal);
    }

    private static VirtualMachineRootDisk AttachedDisk() =>
        new() { Attach = new ExistingRootDisk { RootDiskRef = new LocalObjectReference { Name = "disk-1" } } };

    private Task<VirtualMachine> CreateAsync(string name, VirtualMachineRootDisk rootDisk, Action<VirtualMachineSpec>? customize = null)
    {
        var vm = new VirtualMachine
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
            Spec = new VirtualMachineSpec
            {
                ProjectRef = new LocalObjectReference { Name = "team-a" },
                RegionId = "in-mumbai-1",
                VmConfigId = "cfg-a100-1x",
                PlanId = "plan-hourly",
                RootDisk = rootDisk,
            },
        };
        customize?.Invoke(vm.Spec);
        return Cluster.Client.CustomObjects.CreateNamespacedCustomObjectAsync<VirtualMachine>(
            vm, Entity.Group, Entity.ApiVersion, Namespace, Entity.PluralName, cancellationToken: TestContext.Current.CancellationToken);
    }

    private Task<VirtualMachine> ReplaceStatusAsync(VirtualMachine vm) =>
        Cluster.Client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync<VirtualMachine>(
            vm, Entity.Group, Entity.ApiVersion, Namespace, Entity.PluralName, vm.Metadata.Name, cancellationToken: TestContext.Current.CancellationToken);
}
