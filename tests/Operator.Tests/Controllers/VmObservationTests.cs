using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Controllers.VirtualMachines;
using CloudExposedPort = NeevCloud.Operator.Cloud.ExposedPort;
using CloudPortProtocol = NeevCloud.Operator.Cloud.PortProtocol;

namespace Operator.Tests.Controllers;

public sealed class VmObservationTests
{
    private const string VmId = "0b6f8a3e-2f7c-4c1e-9d4a-1f2e3d4c5b6a";
    private static readonly CloudVmDisk _root = new("6a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "trainer-1-root", DiskType.Block, 200);
    private static readonly CloudVmDisk _scratch = new("7b2e3d4c-5f60-4b7c-9d8e-0f1a2b3c4d5e", "scratch", DiskType.Filesystem, 500);

    [Theory]
    // status, message, public IP -> phase, message, public IP
    [InlineData("running", "VM is running", "203.0.113.7", "running", "VM is running", "203.0.113.7")]
    [InlineData("provisioning", "allocating GPUs", null, "provisioning", "allocating GPUs", null)]
    [InlineData("stopped", null, null, "stopped", null, null)]
    [InlineData("pending", "", null, "pending", null, null)]
    [InlineData("failed", "no GPU capacity", null, "failed", "no GPU capacity", null)]
    [InlineData("hibernating", "host maintenance", "203.0.113.7", "hibernating", "host maintenance", "203.0.113.7")]
    [InlineData("RUNNING", null, "203.0.113.7", "RUNNING", null, "203.0.113.7")]
    [InlineData("", null, null, "", null, null)]
    public void Status_message_and_ip_are_the_clouds_own_words(
        string status, string? message, string? publicIp, string phase, string? expectedMessage, string? expectedIp)
    {
        var observed = Observe(Vm(status) with { Message = message, PublicIp = publicIp });

        Assert.Equal((VmId, phase, expectedMessage, expectedIp), (observed.VmId, observed.Phase, observed.Message, observed.PublicIp));
    }

    [Fact]
    public void A_running_vm_reports_its_ports_root_disk_and_data_disks()
    {
        var observed = Observe(Vm("running") with
        {
            PublicIp = "203.0.113.7",
            ExposedPorts = [new CloudExposedPort(8888, CloudPortProtocol.Tcp), new CloudExposedPort(51820, CloudPortProtocol.Udp)],
            DataDisks = [_scratch],
        });

        Assert.Equal([(8888, "tcp"), (51820, "udp")], observed.ExposedPorts!.Select(p => (p.Port, p.Protocol)));
        Assert.Equal((_root.Id, "trainer-1-root", "block", 200), Describe(observed.RootDisk));
        Assert.Equal([(_scratch.Id, "scratch", "filesystem", 500)], observed.DataDisks!.Select(Describe));
    }

    [Fact]
    public void A_port_protocol_the_operator_does_not_know_is_shown_as_sent()
    {
        var observed = Observe(Vm("running") with { ExposedPorts = [new CloudExposedPort(4789, new OpenEnum<CloudPortProtocol>("sctp"))] });

        Assert.Equal("sctp", Assert.Single(observed.ExposedPorts!).Protocol);
    }

    [Fact]
    public void Missing_and_empty_lists_are_null_not_empty()
    {
        foreach (var vm in new[] { Vm("running"), Vm("running") with { ExposedPorts = [], DataDisks = [] } })
        {
            var observed = Observe(vm);

            Assert.Null(observed.ExposedPorts);
            Assert.Null(observed.DataDisks);
            Assert.Null(observed.Message);
            Assert.Null(observed.PublicIp);
        }
    }

    [Fact]
    public void What_the_cloud_no_longer_reports_is_cleared()
    {
        var status = Observe(Vm("running") with
        {
            Message = "VM is running",
            PublicIp = "203.0.113.7",
            ExposedPorts = [new CloudExposedPort(8888, CloudPortProtocol.Tcp)],
            DataDisks = [_scratch],
        });

        VmObservation.Apply(status, Vm("stopped"));

        Assert.Equal("stopped", status.Phase);
        Assert.Null(status.Message);
        Assert.Null(status.PublicIp);
        Assert.Null(status.ExposedPorts);
        Assert.Null(status.DataDisks);
    }

    [Fact]
    public void A_deleted_vm_without_a_root_disk_keeps_the_root_disk_recorded_earlier()
    {
        // The operator needs the id to keep (or clean up) the disk once the VM is gone.
        var status = Observe(Vm("running"));

        VmObservation.Apply(status, Vm("deleted") with { RootDisk = null });

        Assert.Equal("deleted", status.Phase);
        Assert.Equal((_root.Id, "trainer-1-root", "block", 200), Describe(status.RootDisk));
    }

    [Fact]
    public void A_newer_root_disk_answer_replaces_the_recorded_one()
    {
        var status = Observe(Vm("provisioning"));

        VmObservation.Apply(status, Vm("running") with { RootDisk = _root with { SizeGb = 250 } });

        Assert.Equal(250, status.RootDisk?.SizeGb);
    }

    [Fact]
    public void Other_status_fields_are_left_alone()
    {
        var status = new VirtualMachineStatus
        {
            OrganizationId = "org-1",
            ProjectId = "p-1",
            LastHandledRestartRequestedAt = "2026-01-01T00:00:00Z",
        };

        VmObservation.Apply(status, Vm("running"));

        Assert.Equal(("org-1", "p-1", "2026-01-01T00:00:00Z"), (status.OrganizationId, status.ProjectId, status.LastHandledRestartRequestedAt));
    }

    private static VirtualMachineStatus Observe(CloudVm vm)
    {
        var status = new VirtualMachineStatus();
        VmObservation.Apply(status, vm);
        return status;
    }

    private static (string? Id, string? Name, string? Type, int? SizeGb) Describe(DiskStatus? disk) =>
        (disk?.Id, disk?.Name, disk?.Type, disk?.SizeGb);

    private static CloudVm Vm(string status) => new(
        Id: VmId,
        Name: "trainer-1",
        RegionId: "in-mum-1",
        DeleteRootDisk: false,
        Status: new OpenEnum<VmStatus>(status),
        Message: null,
        VmConfigId: "cfg-h100-8x",
        GpuConfigCount: 4,
        PlanId: "plan-hourly",
        ImageId: "img-ubuntu-24-04",
        RootDisk: _root,
        DataDisks: null,
        PublicIp: null,
        ExposedPorts: null,
        CreatedAt: new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero),
        UpdatedAt: new DateTimeOffset(2026, 11, 20, 10, 5, 0, TimeSpan.Zero));
}
