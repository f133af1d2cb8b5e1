using k8s.Models;
using NeevCloud.Crds;
using NeevCloud.Crds.VirtualMachines;

namespace Operator.Tests.Controllers;

/// <summary>VirtualMachines the tests build on.</summary>
internal static class TestVms
{
    /// <summary>The smallest valid VM: required fields only, a new root disk.</summary>
    public static VirtualMachine Minimal() => new()
    {
        Metadata = new V1ObjectMeta { Name = "trainer-1", NamespaceProperty = "ml" },
        Spec = new VirtualMachineSpec
        {
            ProjectRef = new LocalObjectReference { Name = "research" },
            RegionId = "in-mum-1",
            VmConfigId = "cfg-h100-8x",
            PlanId = "plan-hourly",
            RootDisk = new VirtualMachineRootDisk
            {
                Create = new NewRootDisk { Name = "trainer-1-root", SizeGb = 200, ImageId = "img-ubuntu-24-04" },
            },
        },
    };
}
