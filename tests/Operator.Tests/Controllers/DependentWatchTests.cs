using k8s.Models;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Controllers;

namespace Operator.Tests.Controllers;

/// <summary>Which changes of a VM bring its Project a pass: a status-only change must not (at 10,000 VMs each VM writes status several times).</summary>
public sealed class DependentWatchTests
{
    public static TheoryData<string, Action<VirtualMachine>, bool> Changes => new()
    {
        { "status only", vm => vm.Status.Phase = "running", false },
        { "labels only", vm => vm.Metadata.Labels = new Dictionary<string, string> { ["team"] = "ml" }, false },
        { "spec (a new generation)", vm => vm.Metadata.Generation = 2, true },
        { "deletion begun", vm => vm.Metadata.DeletionTimestamp = new DateTime(2026, 12, 3, 0, 0, 0, DateTimeKind.Utc), true },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void A_VM_change_brings_its_Project_a_pass_only_when_spec_or_presence_changed(string change, Action<VirtualMachine> apply, bool brings)
    {
        var old = Vm();
        var current = Vm();
        apply(current);

        Assert.True(brings == NeevCloudControllersServiceCollectionExtensions.SpecOrPresenceChanged(old, current), change);
    }

    [Fact]
    public void A_VM_that_appears_or_goes_brings_its_Project_a_pass()
    {
        Assert.True(NeevCloudControllersServiceCollectionExtensions.SpecOrPresenceChanged(null, Vm()));
        Assert.True(NeevCloudControllersServiceCollectionExtensions.SpecOrPresenceChanged(Vm(), null));
    }

    private static VirtualMachine Vm()
    {
        var vm = TestVms.Minimal();
        vm.Metadata.Generation = 1;
        vm.Status = new VirtualMachineStatus { Phase = "pending" };
        return vm;
    }
}
