using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using NeevCloud.Crds;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Controllers.VirtualMachines;
using CloudExposedPort = NeevCloud.Operator.Cloud.ExposedPort;
using CloudPortProtocol = NeevCloud.Operator.Cloud.PortProtocol;
using CrdExposedPort = NeevCloud.Crds.VirtualMachines.ExposedPort;
using CrdPortProtocol = NeevCloud.Crds.VirtualMachines.PortProtocol;

namespace Operator.Tests.Controllers;

public sealed class VmCreateRequestTests
{
    private const string AttachedDataDiskId = "3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b";
    private const string RootDiskId = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    private const string EdKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHk2yq7pQm9L0r3s4t5u6v7w8x9y0z1A2B3C4D5E6F7G alice@laptop";
    private const string RsaKey = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7q8r9s0t1u2v3w4x5y6z7A8B9C0D1E2F3G4H5I6J7K8L9M0N bob@desk";

    [Fact]
    public void Every_spec_field_of_a_vm_with_a_created_root_disk_lands_in_the_request()
    {
        var request = VmCreateRequest.For(FullVm(), attachDiskId: null);

        Assert.Equal("trainer-1", request.Name);
        Assert.Equal("in-mum-1", request.RegionId);
        Assert.Equal("cfg-h100-8x", request.VmConfigId);
        Assert.Equal("plan-hourly", request.PlanId);
        Assert.Equal(new RootDiskSource(null, new CreateRootDiskRequest("trainer-1-root", 200, "img-ubuntu-24-04")), request.RootDisk);
        Assert.Equal(4, request.GpuConfigCount);

        var dataDisks = Assert.IsType<DataDisksRequest>(request.DataDisks);
        Assert.Equal([new AttachDiskRequest(AttachedDataDiskId)], dataDisks.AttachedDisks);
        Assert.Equal(
            [new CreateDataDiskRequest("scratch", DiskType.Block, 500), new CreateDataDiskRequest("datasets", DiskType.Filesystem, 1024)],
            dataDisks.CreateDisks);
        Assert.Equal([EdKey, RsaKey], request.SshKeys);
        Assert.Equal(
            [new CloudExposedPort(8888, CloudPortProtocol.Tcp), new CloudExposedPort(51820, CloudPortProtocol.Udp)],
            request.ExposedPorts);
        Assert.True(request.DeleteRootDisk);
    }

    [Fact]
    public void A_created_root_disk_kept_with_the_vm_sends_delete_root_disk_false()
    {
        var vm = MinimalVm();
        vm.Spec.DeleteRootDisk = false;

        Assert.False(VmCreateRequest.For(vm, attachDiskId: null).DeleteRootDisk);
    }

    [Fact]
    public void Attaching_a_root_disk_sends_its_id_and_no_delete_root_disk()
    {
        var vm = MinimalVm();
        vm.Spec.RootDisk = new VirtualMachineRootDisk { Attach = new ExistingRootDisk { RootDiskRef = new LocalObjectReference { Name = "kept" } } };

        var request = VmCreateRequest.For(vm, RootDiskId);

        Assert.Equal(new RootDiskSource(new AttachDiskRequest(RootDiskId), null), request.RootDisk);
        Assert.Null(request.DeleteRootDisk);
    }

    [Fact]
    public void Absent_data_disks_keys_ports_and_gpus_are_null_not_empty()
    {
        var vm = MinimalVm();
        vm.Spec.DataDisks = new VirtualMachineDataDisks { Attach = [], Create = [] };
        vm.Spec.SshKeys = [];
        vm.Spec.ExposedPorts = [];

        var request = VmCreateRequest.For(vm, attachDiskId: null);
        var bare = VmCreateRequest.For(MinimalVm(), attachDiskId: null);

        foreach (var r in new[] { request, bare })
        {
            Assert.Null(r.DataDisks);
            Assert.Null(r.SshKeys);
            Assert.Null(r.ExposedPorts);
            Assert.Null(r.GpuConfigCount);
        }
    }

    [Fact]
    public void Only_the_kind_of_data_disk_given_is_sent()
    {
        var vm = MinimalVm();
        vm.Spec.DataDisks = new VirtualMachineDataDisks { Attach = [new ExistingDataDisk { DiskId = AttachedDataDiskId }], Create = [] };

        var dataDisks = Assert.IsType<DataDisksRequest>(VmCreateRequest.For(vm, attachDiskId: null).DataDisks);

        Assert.Single(dataDisks.AttachedDisks!);
        Assert.Null(dataDisks.CreateDisks);
    }

    [Fact]
    public void Attaching_without_a_disk_id_is_refused()
    {
        var vm = MinimalVm();
        vm.Spec.RootDisk = new VirtualMachineRootDisk { Attach = new ExistingRootDisk { RootDiskRef = new LocalObjectReference { Name = "kept" } } };

        var error = Assert.Throws<ArgumentException>(() => VmCreateRequest.For(vm, attachDiskId: null));

        Assert.Equal("attachDiskId", error.ParamName);
    }

    [Fact]
    public void Wire_json_uses_the_vm_service_names()
    {
        var json = JsonSerializer.Serialize(VmCreateRequest.For(FullVm(), attachDiskId: null), NeevCloudJsonContext.Default.CreateVmRequest);
        var body = JsonNode.Parse(json)!.AsObject();

        Assert.Equal(
            ["name", "region_id", "vm_config_id", "plan_id", "root_disk", "gpu_config_count", "data_disks", "ssh_keys", "exposed_ports", "delete_root_disk"],
            body.Select(p => p.Key));
        Assert.Equal("trainer-1", (string?)body["name"]);
        Assert.Equal("in-mum-1", (string?)body["region_id"]);
        Assert.Equal("cfg-h100-8x", (string?)body["vm_config_id"]);
        Assert.Equal("plan-hourly", (string?)body["plan_id"]);
        Assert.Equal(4, (int?)body["gpu_config_count"]);
        Assert.True((bool?)body["delete_root_disk"]);

        var createRoot = body["root_disk"]!["create_disk_request"]!;
        Assert.Equal(("trainer-1-root", 200, "img-ubuntu-24-04"), ((string?)createRoot["name"], (int?)createRoot["size_gb"], (string?)createRoot["image_id"]));
        Assert.Null(body["root_disk"]!["attach_disk_request"]);

        Assert.Equal(AttachedDataDiskId, (string?)body["data_disks"]!["attached_disks"]![0]!["disk_id"]);
        var created = body["data_disks"]!["create_disks"]!.AsArray();
        Assert.Equal(
            [("scratch", "block", 500), ("datasets", "filesystem", 1024)],
            created.Select(d => ((string?)d!["name"], (string?)d["type"], (int?)d["size_gb"])));

        Assert.Equal([EdKey, RsaKey], body["ssh_keys"]!.AsArray().Select(k => (string?)k));
        Assert.Equal(
            [(8888, "tcp"), (51820, "udp")],
            body["exposed_ports"]!.AsArray().Select(p => ((int?)p!["port"], (string?)p["protocol"])));
    }

    [Fact]
    public void Wire_json_of_an_attaching_vm_has_only_the_disk_id_and_omits_what_is_not_set()
    {
        var vm = MinimalVm();
        vm.Spec.RootDisk = new VirtualMachineRootDisk { Attach = new ExistingRootDisk { DiskId = RootDiskId } };

        var json = JsonSerializer.Serialize(VmCreateRequest.For(vm, RootDiskId), NeevCloudJsonContext.Default.CreateVmRequest);

        Assert.Equal(
            $$$$"""{"name":"trainer-1","region_id":"in-mum-1","vm_config_id":"cfg-h100-8x","plan_id":"plan-hourly","root_disk":{"attach_disk_request":{"disk_id":"{{{{RootDiskId}}}}"}}}""",
            json);
    }

    private static VirtualMachine MinimalVm() => TestVms.Minimal();

    private static VirtualMachine FullVm()
    {
        var vm = MinimalVm();
        vm.Spec.GpuCount = 4;
        vm.Spec.DeleteRootDisk = true;
        vm.Spec.DataDisks = new VirtualMachineDataDisks
        {
            Attach = [new ExistingDataDisk { DiskId = AttachedDataDiskId }],
            Create =
            [
                new NewDataDisk { Name = "scratch", Type = DataDiskType.Block, SizeGb = 500 },
                new NewDataDisk { Name = "datasets", Type = DataDiskType.Filesystem, SizeGb = 1024 },
            ],
        };
        vm.Spec.SshKeys = [EdKey, RsaKey];
        vm.Spec.ExposedPorts =
        [
            new CrdExposedPort { Port = 8888, Protocol = CrdPortProtocol.Tcp },
            new CrdExposedPort { Port = 51820, Protocol = CrdPortProtocol.Udp },
        ];
        return vm;
    }
}
