using k8s.Models;
using NeevCloud.Crds;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Controllers.VirtualMachines;
using CloudExposedPort = NeevCloud.Operator.Cloud.ExposedPort;
using CloudPortProtocol = NeevCloud.Operator.Cloud.PortProtocol;

namespace Operator.Tests.Controllers;

/// <summary>
/// Which cloud VM a create of ours whose answer was lost may have made. VM names are not unique in NeevCloud:
/// the landed code matched on name and creation time only, so a colleague's VM of the same name could be taken
/// for ours (regression of defect 9). Every field the create set that the cloud shows must match.
/// </summary>
public sealed class VmIdentityTests
{
    private static readonly DateTimeOffset Created = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, Func<CloudVm, CloudVm>, bool> Candidates() => new()
    {
        { "the VM the create asked for", vm => vm, true },
        { "another name", vm => vm with { Name = "trainer-2" }, false },
        { "another region", vm => vm with { RegionId = "in-del-1" }, false },
        { "another configuration", vm => vm with { VmConfigId = "cfg-a100-1x" }, false },
        { "another plan", vm => vm with { PlanId = "plan-monthly" }, false },
        { "another GPU count", vm => vm with { GpuConfigCount = 8 }, false },
        { "another image", vm => vm with { ImageId = "img-debian-12" }, false },
        { "another root disk name", vm => vm with { RootDisk = vm.RootDisk! with { Name = "other-root" } }, false },
        { "another root disk size", vm => vm with { RootDisk = vm.RootDisk! with { SizeGb = 100 } }, false },
        { "no root disk shown (the list omits it)", vm => vm with { RootDisk = null }, true },
        { "other exposed ports", vm => vm with { ExposedPorts = [new CloudExposedPort(8080, new OpenEnum<CloudPortProtocol>("tcp"))] }, false },
    };

    [Theory]
    [MemberData(nameof(Candidates))]
    public void A_candidate_matches_only_if_everything_the_cloud_shows_is_what_the_create_asked(string _, Func<CloudVm, CloudVm> change, bool matches) =>
        Assert.Equal(matches, VmIdentity.Matches(Vm(), attachDiskId: null, change(Cloud())));

    [Fact]
    public void An_attached_root_disk_must_be_the_one_the_create_attached()
    {
        var vm = Vm();
        vm.Spec.RootDisk = new VirtualMachineRootDisk { Attach = new ExistingRootDisk { RootDiskRef = new LocalObjectReference { Name = "kept" } } };
        var candidate = Cloud() with { RootDisk = new CloudVmDisk("disk-1", "kept-root", new OpenEnum<DiskType>("block"), 200) };

        Assert.True(VmIdentity.Matches(vm, "disk-1", candidate));
        Assert.False(VmIdentity.Matches(vm, "disk-2", candidate));
    }

    private static VirtualMachine Vm()
    {
        var vm = TestVms.Minimal();
        vm.Spec.GpuCount = 4;
        return vm;
    }

    private static CloudVm Cloud() => new(
        "vm-1", "trainer-1", "in-mum-1", DeleteRootDisk: false, new OpenEnum<VmStatus>("running"), null, "cfg-h100-8x", 4, "plan-hourly",
        "img-ubuntu-24-04", new CloudVmDisk("disk-1", "trainer-1-root", new OpenEnum<DiskType>("block"), 200), null, "10.0.0.1", null, Created, Created);
}
